// Loading the rule table for the command-line tools (scan, rules:check, devtools:conditions, qr:sheet): one place
// that reads, parses and compiles it, and reports every problem with its JSON pointer and hint.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { compileRuleTable, type RuleTable, type RuleProblem, type RuleTableFile } from '../../src/landing'

import { count } from './plural'

/** The project's rule table: resolved from this file, so a tool finds it whatever the working directory. */
export const DEFAULT_RULES_FILE = join(__dirname, '..', '..', 'rules.json')

/** A rule file ready to use, or why it is not (unreadable, bad JSON, or compile problems). */
export type RuleFileResult =
  | { ok: true; path: string; file: RuleTableFile; ruleTable: RuleTable }
  | { ok: false; path: string; problems: RuleProblem[] }

/**
 * Reads and parses a rule file without compiling it (rules:check reports compile problems beside its own).
 * Never throws: I/O and JSON errors are one problem at pointer "".
 */
export function readRuleJson(
  path: string = DEFAULT_RULES_FILE
): { ok: true; path: string; json: unknown } | { ok: false; path: string; problems: RuleProblem[] } {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    return failed(
      path,
      `Cannot read the rule file: ${(e as Error).message}`,
      'Check the path given to --rules.'
    )
  }
  try {
    return { ok: true, path, json: JSON.parse(text) }
  } catch (e) {
    return failed(path, `The rule file is not valid JSON: ${(e as Error).message}`, 'Fix the JSON syntax.')
  }
}

/** Reads, parses and compiles a rule file. Never throws: I/O and JSON errors are problems at pointer "". */
export function loadRuleFile(path: string = DEFAULT_RULES_FILE): RuleFileResult {
  const read = readRuleJson(path)
  if (!read.ok) return read
  const file = read.json
  const compiled = compileRuleTable(file)
  if (!compiled.ok) return { ok: false, path, problems: compiled.problems }
  // compileRuleTable has checked every field landing reads.
  return { ok: true, path, file: file as RuleTableFile, ruleTable: compiled.ruleTable }
}

/** Problems as lines for stderr: `<file as shown>: <n> problem(s)`, then each pointer, message and hint. */
export function formatProblems(shown: string, problems: readonly RuleProblem[]): string {
  const lines = [`${shown}: ${count(problems.length, 'problem')}`]
  for (const p of problems) {
    // "" is the JSON pointer of the whole document; spell it out so the line does not start with ":".
    lines.push(`  ${p.pointer === '' ? '(whole file)' : p.pointer}: ${p.message}`, `    hint: ${p.hint}`)
  }
  return lines.join('\n')
}

function failed(
  path: string,
  message: string,
  hint: string
): { ok: false; path: string; problems: RuleProblem[] } {
  return { ok: false, path, problems: [{ pointer: '', message, hint }] }
}
