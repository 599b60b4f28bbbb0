// `scan --pretty`: the same answer as scan's JSON, for a person reading a terminal.
import type { LandingResult } from '../../src/landing'
import { describeParams, MISMATCH_WORDS } from './describe'
import { explainError } from '../../src/landing/explain'

/** The landing result as lines: where it lands and with which params, or why not and, per rule, what differed. */
export function prettyLanding(content: string, landed: LandingResult, follow?: boolean): string {
  const lines = [content]
  if (landed.ok) {
    lines.push(
      `  lands on  ${landed.page}`,
      `  rule      ${landed.rule}`,
      `  params    ${describeParams(landed.params)}`
    )
    if (landed.ignored) {
      lines.push(
        `  ignored   ${landed.ignored.map(shownKey).join(', ')} (no route declares them: not passed to the page)`
      )
    }
  } else {
    const { message, hint } = explainError(landed)
    lines.push(`  lands on  the error page: ${landed.code}`, `  why       ${message}`)
    if (landed.rule !== undefined) lines.push(`  rule      ${landed.rule}`)
    lines.push(`  hint      ${hint}`)
    if (landed.explain !== undefined) {
      lines.push(landed.explain.length === 0 ? '  no rules in the table' : '  rules that did not match:')
      for (const miss of landed.explain) lines.push(`    ${miss.prefix}: ${MISMATCH_WORDS[miss.mismatch]}`)
    }
  }
  if (follow !== undefined) {
    lines.push(`  follow    the Official Account banner ${follow ? 'can show' : 'cannot show'} in this scene`)
  }
  return `${lines.join('\n')}\n`
}

/** A query key as typed, or JSON-quoted when it is empty or holds spaces, control or non-ASCII characters. */
function shownKey(key: string): string {
  return /^[\x21-\x7e]+$/.test(key) ? key : JSON.stringify(key)
}
