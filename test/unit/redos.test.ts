// Catastrophic backtracking (ReDoS) in the landing core, judged by recheck (tools/lib/regex-safety.ts). The
// expressions are found by parsing src/landing, so one added tomorrow is checked without anyone listing it; the
// patterns rule tables declare are judged by rules:check (test/tools/check-patterns.test.ts).
import { regexSafety } from '../../tools/lib/regex-safety'
import { ROOT } from './fixtures'
import { regexSites } from './regex-sources'

const { literals, built } = regexSites(ROOT, ['src/landing'])

describe('the regular expressions of the landing core', () => {
  it('are found by parsing the source', () => {
    // A floor, not a list: parse-link alone has four.
    expect(literals.length).toBeGreaterThanOrEqual(10)
    expect(literals.some((l) => l.at.startsWith('src/landing/parse-link.ts'))).toBe(true)
  })

  it.each(literals)('$at /$source/$flags cannot backtrack catastrophically', ({ source, flags }) => {
    // No time bound: the verdict must not depend on how busy the machine is.
    expect(regexSafety(source!, flags, { timeoutMs: null })).toEqual({ safe: true })
  })

  // Built at run time, an expression escapes the check above: only the declared patterns may be, and rules:check
  // judges those. A new construction fails here until it is judged somewhere and listed.
  it('builds expressions at run time only from declared patterns, which rules:check judges', () => {
    expect(built.map((b) => `${b.at.split(':')[0]} ${b.built}`)).toEqual([
      'src/landing/compile-table.ts spec.pattern',
      'src/landing/compile-table.ts anchoredPattern(spec.pattern)',
    ])
  })
})
