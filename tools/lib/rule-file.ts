// Loading the rule table for the command-line tools (scan, rules:check, devtools:conditions, qr:sheet): one place
// that reads, parses and compiles it, and reports every problem with its JSON pointer and hint.
import { readFileSync } from 'node:fs'
import { isAbsolute, join, relative, resolve } from 'node:path'

import { compileRuleTable, type CompiledTable, type RuleProblem, type RuleTableFile } from '../../src/landing'

/** The project's rule table: resolved from this file, so a tool finds it whatever the working directory. */
export const DEFAULT_RULES_FILE = join(__dirname, '..', '..', 'rules.json')

/** A rule file ready to use, or why it is not (unreadable, bad JSON, or compile problems). */
export type RuleFileResult =
  | { ok: true; path: string; file: RuleTableFile; table: CompiledTable }
  | { ok: false; path: string; problems: RuleProblem[] }

/**
 * Resolves a `--rules` argument. `npm run` starts scripts in the project root; INIT_CWD is where the user typed
 * the command, so `npm run scan -- --rules my.json` from a sub-folder finds that folder's file.
 */
export function resolveRulesPath(arg?: string): string {
  return arg === undefined ? DEFAULT_RULES_FILE : resolveUserPath(arg)
}

/** Resolves a path the user typed (`--rules`, `--config`, `--out`): relative to where they typed the command. */
export function resolveUserPath(arg: string): string {
  return isAbsolute(arg) ? arg : resolve(process.env.INIT_CWD ?? process.cwd(), arg)
}

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
  return { ok: true, path, file: file as RuleTableFile, table: compiled.table }
}

/** Problems as lines for stderr: `<file>: <n> problem(s)`, then each pointer, message and hint. */
export function formatProblems(path: string, problems: readonly RuleProblem[]): string {
  const lines = [`${shownPath(path)}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`]
  for (const p of problems) {
    // "" is the JSON pointer of the whole document; spell it out so the line does not start with ":".
    lines.push(`  ${p.pointer === '' ? '(whole file)' : p.pointer}: ${p.message}`, `    hint: ${p.hint}`)
  }
  return lines.join('\n')
}

/** A path as messages show it: relative when under the working directory (short and clickable), else absolute. */
export function shownPath(path: string): string {
  const rel = relative(process.cwd(), path)
  return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel
}

function failed(
  path: string,
  message: string,
  hint: string
): { ok: false; path: string; problems: RuleProblem[] } {
  return { ok: false, path, problems: [{ pointer: '', message, hint }] }
}
