// Differential: the matcher against a deliberately simple model written from wechat-facts §2
// (test/unit/reference-matcher.ts), on generated rule/link pairs with scheme, host, path and query edge cases.
import { assert, sample } from 'fast-check'

import { rulesAndLink, ticketsAndLink } from './property-arbitraries'
import { CI_RUNS, propertiesOf } from './property-defs'
import { refChoose, refMismatch } from './reference-matcher'

describe('the matcher agrees with the reference model', () => {
  it.each(propertiesOf('reference'))(
    '$name',
    ({ property }) => {
      assert(property(), { numRuns: CI_RUNS })
    },
    60_000
  )

  // Guards against a vacuous agreement: the pairs must match, miss for each reason, and overlap.
  it('generates matches, every kind of miss, and links that several rules match', () => {
    const pairs = sample(rulesAndLink, { numRuns: 3000, seed: 6 })
    const share = (predicate: (p: (typeof pairs)[number]) => boolean) =>
      pairs.filter(predicate).length / pairs.length
    expect(share(({ rules, link }) => refChoose(link, rules) >= 0)).toBeGreaterThan(0.2)
    expect(share(({ rules, link }) => refChoose(link, rules) < 0)).toBeGreaterThan(0.2)
    for (const miss of ['protocol', 'host', 'path', 'query']) {
      expect(share(({ rules, link }) => rules.some((r) => refMismatch(link, r) === miss))).toBeGreaterThan(
        0.02
      )
    }
    const overlapping = share(
      ({ rules, link }) => rules.filter((r) => refMismatch(link, r) === null).length > 1
    )
    expect(overlapping).toBeGreaterThan(0.02)
  })

  it('generates ticket links that open a ticket, that open none, that open a ticket other than their own url, and overlaps', () => {
    const pairs = sample(ticketsAndLink, { numRuns: 3000, seed: 6 })
    const canonical = (link: string) => link.replace(/^https?:/i, 'http:')
    const share = (predicate: (p: (typeof pairs)[number]) => boolean) =>
      pairs.filter(predicate).length / pairs.length
    const chosen = ({ tickets, link }: (typeof pairs)[number]) => refChoose(canonical(link), tickets)
    expect(share((p) => chosen(p) >= 0)).toBeGreaterThan(0.2)
    expect(share((p) => chosen(p) < 0)).toBeGreaterThan(0.1)
    expect(
      share((p) => chosen(p) >= 0 && p.tickets[chosen(p)] !== canonical(p.link).split('#')[0])
    ).toBeGreaterThan(0.05)
    expect(
      share(({ tickets, link }) => tickets.filter((t) => refMismatch(canonical(link), t) === null).length > 1)
    ).toBeGreaterThan(0.02)
  })
})
