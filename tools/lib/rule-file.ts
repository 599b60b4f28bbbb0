// The command-line tools' report of a rule file they cannot use (scan, rules:check, devtools:conditions, qr:sheet,
// the WeChat tools): every problem server/rule-file.ts's loader found, with its JSON pointer and hint.
import type { RuleProblem } from '../../src/landing'

import { count } from './plural'

/** Problems as lines for stderr: `<file as shown>: <n> problem(s)`, then each pointer, message and hint. */
export function formatProblems(shown: string, problems: readonly RuleProblem[]): string {
  const lines = [`${shown}: ${count(problems.length, 'problem')}`]
  for (const p of problems) {
    // "" is the JSON pointer of the whole document; spell it out so the line does not start with ":".
    lines.push(`  ${p.pointer === '' ? '(whole file)' : p.pointer}: ${p.message}`, `    hint: ${p.hint}`)
  }
  return lines.join('\n')
}
