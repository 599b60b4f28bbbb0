// Catastrophic backtracking (ReDoS) in the landing core, judged by recheck (tools/lib/regex-safety.ts). The
// expressions are found by parsing src/landing, so one added tomorrow is checked without anyone listing it; the
// patterns rule tables declare are judged by rules:check (test/tools/check-patterns.test.ts).
import { anchoredPattern, PAGE_INPUTS, type PageInput } from '../../src/landing'
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
  // judges rules.json's, the test below the pages' input. A new construction fails here until it is judged and listed.
  it('builds expressions at run time only from declared patterns, which rules:check or the test below judges', () => {
    expect(built.map((b) => `${b.at.split(':')[0]} ${b.built}`)).toEqual([
      'src/landing/compile-rule-table.ts spec.pattern',
      'src/landing/compile-rule-table.ts anchoredPattern(spec.pattern)',
      'src/landing/param-value.ts anchoredPattern(spec.pattern)',
    ])
  })
})

describe("the patterns of the pages' declared input", () => {
  // A page checks its own query with them, and a query can be typed by anyone (a share card, a URL in a browser).
  const patterns = Object.values(PAGE_INPUTS as Record<string, PageInput>).flatMap((ways) =>
    ways.flatMap((way) => Object.values(way).flatMap((spec) => ('pattern' in spec ? [spec.pattern] : [])))
  )

  it('are found', () => {
    expect(patterns.length).toBeGreaterThanOrEqual(2)
  })

  it.each(patterns)('%s cannot backtrack catastrophically, anchored as the core runs it', (pattern) => {
    expect(regexSafety(anchoredPattern(pattern), '', { timeoutMs: null })).toEqual({ safe: true })
  })
})
