// The command-line tools' report of a rule file they cannot use (scan, rules:check, devtools:conditions, qr:sheet,
// the WeChat tools): every problem server/rule-file.ts's loader found, with its JSON pointer and hint — and the
// lines of one problem, which rules:check's report shares.
import type { RuleProblem } from '../../src/landing'

import { count } from './plural'

/** Problems as lines for stderr: `<file as shown>: <n> problem(s)`, then each pointer, message and hint. */
export function formatProblems(shown: string, problems: readonly RuleProblem[]): string {
  return [`${shown}: ${count(problems.length, 'problem')}`, ...problems.flatMap((p) => problemLines(p))].join(
    '\n'
  )
}

/**
 * One problem as two lines, `  [<label> ]<pointer>: <message>` and its indented hint: the one shape every report
 * of a rule file uses (rules:check labels each with its severity).
 */
export function problemLines(problem: RuleProblem, label?: string): [string, string] {
  // "" is the JSON pointer of the whole document; spell it out so the line does not start with ":".
  const where = problem.pointer === '' ? '(whole file)' : problem.pointer
  return [
    `  ${label === undefined ? '' : `${label} `}${where}: ${problem.message}`,
    `    hint: ${problem.hint}`,
  ]
}
