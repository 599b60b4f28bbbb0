// rules:check's ReDoS check: every param pattern a rule table declares, judged by recheck as the core runs it
// (anchored). A pattern such as ([A-Za-z0-9]+-?)+ takes seconds on a 30-character value and doubles with each more:
// one scan of a forged code would freeze the mini program. Patterns are per route, so 100 000 tickets add nothing.
import { anchoredPattern } from '../../src/landing/param-value'
import { isObject, pointerKey } from '../../src/landing/json-value'
import type { Problems } from './check-problem'
import { regexSafety, type RegexVerdict } from './regex-safety'
import { routesOf } from './routes-of'

/** A declared `pattern` and where it is (a JSON pointer). */
export interface DeclaredPattern {
  pointer: string
  pattern: string
}

/** Every `pattern` string the routes of a rule file declare, in any section (see routesOf). */
export function declaredPatterns(file: Record<string, unknown>): DeclaredPattern[] {
  const found: DeclaredPattern[] = []
  for (const { pointer, route } of routesOf(file)) {
    if (!isObject(route) || !isObject(route.params)) continue
    for (const [name, spec] of Object.entries(route.params)) {
      if (isObject(spec) && typeof spec.pattern === 'string') {
        found.push({ pointer: `${pointer}/params/${pointerKey(name)}/pattern`, pattern: spec.pattern })
      }
    }
  }
  return found
}

/** Reports every declared pattern that could hang a scan. Each distinct pattern is judged once. */
export function checkPatterns(file: Record<string, unknown>, problems: Problems): void {
  const verdicts = new Map<string, RegexVerdict>()
  for (const { pointer, pattern } of declaredPatterns(file)) {
    if (!compiles(pattern)) continue // compileRuleTable reported it.
    let verdict = verdicts.get(pattern)
    if (!verdict) {
      verdict = regexSafety(anchoredPattern(pattern))
      verdicts.set(pattern, verdict)
    }
    if (verdict.safe) continue
    if (verdict.kind === 'vulnerable') {
      problems.error(
        pointer,
        `The pattern ${JSON.stringify(pattern)} can backtrack catastrophically (${verdict.complexity}; ReDoS): ` +
          `a value such as ${shorten(verdict.attack)} would freeze the scan that checks it.`,
        'Rewrite it so no part can match the same characters in two ways: e.g. "[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*" ' +
          'instead of "([A-Za-z0-9]+-?)+" (nested quantifiers and overlapping alternatives are the usual cause).'
      )
    } else {
      problems.error(
        pointer,
        `The pattern ${JSON.stringify(pattern)} could not be shown safe from catastrophic backtracking: ${verdict.why}.`,
        'Simplify it (fewer nested quantifiers, no backreferences or lookarounds) until rules:check accepts it; ' +
          'an "int" or "enum" param needs no pattern.'
      )
    }
  }
}

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern)
    return true
  } catch {
    return false
  }
}

function shorten(text: string): string {
  return text.length > 120 ? `${text.slice(0, 119)}…` : text
}
