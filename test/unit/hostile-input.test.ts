// Hostile and random input through the public entry points (cf. path-to-regexp's redos.spec.ts): nothing
// throws, every failure is one of the stable codes, and no input makes the regular expressions backtrack.
import { assert, constantFrom, oneof, property, string, stringMatching, webUrl } from 'fast-check'

import { landContent, landQ, LANDING_LIMITS, parseLink, type LandingResult } from '../../src/landing'
import { FIXTURE } from './fixtures'

const CODES = ['malformed-q', 'not-a-link', 'no-matching-rule', 'unknown-ticket', 'no-route', 'invalid-param']

function expectWellFormed(result: LandingResult) {
  if (result.ok) {
    expect(result.page).toBe('pages/order/index')
    return
  }
  expect(CODES).toContain(result.code)
  expect(result.message).not.toBe('')
  expect(result.hint).not.toBe('')
}

// Links under our prefix with random tails: the interesting part of the input space.
const ourLinks = oneof(
  stringMatching(/^https:\/\/shop\.example\.com\/s\/[0-9a-z%\/.?&=#+-]{0,40}$/),
  stringMatching(/^http:\/\/weixin\.qq\.com\/q\/[0-9A-Za-z%?&=]{0,20}$/),
  webUrl({ withQueryParameters: true, withFragments: true }),
  string()
)

describe('random input', () => {
  it('landContent never throws and fails only with stable codes', () => {
    assert(property(ourLinks, (content) => expectWellFormed(landContent(content, FIXTURE))))
  })

  it('landQ never throws on the encoded form of any content, and agrees with landContent on links', () => {
    assert(
      property(ourLinks, (content) => {
        const viaQ = landQ(encodeURIComponent(content), FIXTURE)
        expectWellFormed(viaQ)
        // Decoding once gives the content back; only an encoded-looking content may decode further.
        if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(content)) expect(viaQ).toEqual(landContent(content, FIXTURE))
      })
    )
  })

  it('landQ never throws on raw hostile q', () => {
    const q = oneof(
      string(),
      stringMatching(/^(%[0-9A-Fa-f]{0,2}|%25|[a-z:/?=&]|你)*$/),
      constantFrom('%', '%%', '%25%')
    )
    assert(property(q, (value) => expectWellFormed(landQ(value, FIXTURE))))
  })
})

describe('long input stays fast (no catastrophic backtracking)', () => {
  const n = LANDING_LIMITS.maxLinkLength
  it.each([
    { name: 'a long host label', text: `https://${'a'.repeat(n - 10)}!` },
    { name: 'many host labels', text: `https://${'a.'.repeat((n - 10) / 2)}-` },
    { name: 'a long host of dashes', text: `https://a${'-'.repeat(n - 12)}` },
    { name: 'a long scheme', text: `${'a'.repeat(n - 1)}!` },
    { name: 'a long path of escapes', text: `https://shop.example.com/s/${'%'.repeat(n - 40)}` },
    { name: 'a long query of pairs', text: `https://shop.example.com/s/1?${'a=1&'.repeat((n - 40) / 4)}` },
  ])('$name', ({ text }) => {
    const start = process.hrtime.bigint()
    for (let i = 0; i < 20; i++) {
      parseLink(text)
      landContent(text, FIXTURE)
      landQ(encodeURIComponent(text), FIXTURE)
    }
    const ms = Number(process.hrtime.bigint() - start) / 1e6
    // 60 runs; linear work is well under a millisecond each, backtracking would take seconds.
    expect(ms).toBeLessThan(1000)
  })
})
