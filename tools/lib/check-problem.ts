// One problem rules:check reports: the core's RuleProblem (JSON pointer, what is wrong, how to fix it) plus how bad.
import type { RuleProblem } from '../../src/landing'

import { problemLines } from './rule-file'

/** `error`: WeChat or the mini program would refuse or misroute; `warning`: works, but probably not as meant. */
export type Severity = 'error' | 'warning'

/** A problem in the rule file, at a JSON pointer, with what is wrong and how to fix it. */
export interface CheckProblem extends RuleProblem {
  severity: Severity
}

/** Collects problems for one check run. */
export class Problems {
  readonly list: CheckProblem[] = []

  error(pointer: string, message: string, hint: string): void {
    this.list.push({ severity: 'error', pointer, message, hint })
  }

  warning(pointer: string, message: string, hint: string): void {
    this.list.push({ severity: 'warning', pointer, message, hint })
  }

  add(problems: readonly CheckProblem[]): void {
    for (const p of problems) this.list.push(p)
  }
}

/** Problems as lines, errors first: `  error|warning <pointer>: <message>` and an indented hint. */
export function formatReport(shown: string, problems: readonly CheckProblem[]): string {
  const ordered = [
    ...problems.filter((p) => p.severity === 'error'),
    ...problems.filter((p) => p.severity === 'warning'),
  ]
  return [`rules:check ${shown}:`, ...ordered.flatMap((p) => problemLines(p, p.severity))].join('\n')
}
