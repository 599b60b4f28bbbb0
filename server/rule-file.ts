// The one loader of the rule table file (rules.json), for the demo backend and the command-line tools alike (tools/
// imports server/, never the other way): it reads, parses and compiles the file, and says what is wrong with it as
// problems with a JSON pointer and a hint.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { compileRuleTable, type RuleProblem, type RuleTable, type RuleTableFile } from '../src/landing'

/** The project's rule table: resolved from this file, so it is found whatever the working directory. */
export const DEFAULT_RULES_FILE = join(__dirname, '..', 'rules.json')

/** A rule table file as read (`file`) and compiled (`ruleTable`). */
export interface LoadedRuleFile {
  path: string
  file: RuleTableFile
  ruleTable: RuleTable
}

/** Why a rule file cannot be used: unreadable, bad JSON (one problem at pointer ""), or its compile problems. */
export interface RuleFileFailure {
  ok: false
  path: string
  problems: RuleProblem[]
}

/** A rule file ready to use, or why it is not. */
export type RuleFileResult = ({ ok: true } & LoadedRuleFile) | RuleFileFailure

/**
 * Reads and parses a rule file without compiling it (rules:check reports compile problems beside its own).
 * `pathFrom` names the setting the path came from, for the hint of an unreadable file. Never throws.
 */
export function readRuleJson(
  path: string = DEFAULT_RULES_FILE,
  pathFrom = '--rules'
): { ok: true; path: string; json: unknown } | RuleFileFailure {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    return failed(
      path,
      `Cannot read the rule file: ${(e as Error).message}`,
      `Check the path given to ${pathFrom}.`
    )
  }
  try {
    return { ok: true, path, json: JSON.parse(text) }
  } catch (e) {
    return failed(path, `The rule file is not valid JSON: ${(e as Error).message}`, 'Fix the JSON syntax.')
  }
}

/** Reads, parses and compiles a rule file (`pathFrom` as for readRuleJson). Never throws. */
export function loadRuleFile(path: string = DEFAULT_RULES_FILE, pathFrom = '--rules'): RuleFileResult {
  const read = readRuleJson(path, pathFrom)
  if (!read.ok) return read
  const file = read.json
  const compiled = compileRuleTable(file)
  if (!compiled.ok) return { ok: false, path, problems: compiled.problems }
  // compileRuleTable has checked every field landing reads.
  return { ok: true, path, file: file as RuleTableFile, ruleTable: compiled.ruleTable }
}

/** loadRuleFile for code that cannot go on without the file (tests, the bench): throws firstProblem's text. */
export function loadRuleFileOrThrow(path: string = DEFAULT_RULES_FILE): LoadedRuleFile {
  const loaded = loadRuleFile(path)
  if (!loaded.ok) throw new Error(firstProblem(loaded.path, loaded.problems))
  return loaded
}

/**
 * The first of `problems` (never empty) as text for one message: `<source>: <pointer>: <message>`, its hint, and
 * how many more there are. The tools list every problem instead (tools/lib/rule-file.ts).
 */
export function firstProblem(source: string, problems: readonly RuleProblem[]): string {
  const [first] = problems
  const where = first.pointer === '' ? '' : `${first.pointer}: `
  const more =
    problems.length > 1 ? `\n  (${problems.length - 1} more; npm run rules:check lists every problem.)` : ''
  return `${source}: ${where}${first.message}\n  hint: ${first.hint}${more}`
}

function failed(path: string, message: string, hint: string): RuleFileFailure {
  return { ok: false, path, problems: [{ pointer: '', message, hint }] }
}
