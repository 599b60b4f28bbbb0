import { assert, oneof, property, string, stringMatching } from 'fast-check'

import { decodeQ, landQ, LANDING_LIMITS } from '../../src/landing'
import { FIXTURE } from './fixtures'
import { explainError } from '../../src/landing/explain'

const LINK = 'https://shop.example.com/s/12/t/5'
const enc = (s: string, times = 1) => {
  let out = s
  for (let i = 0; i < times; i++) out = encodeURIComponent(out)
  return out
}

interface DecodeCase {
  name: string
  q: string
  link: string
}

// What WeChat hands over, and what tools that encoded more than once print: all land on the same link.
const DECODES: DecodeCase[] = [
  { name: 'a once-encoded link (what WeChat sends)', q: enc(LINK), link: LINK },
  { name: 'a double-encoded link', q: enc(LINK, 2), link: LINK },
  { name: 'a triple-encoded link', q: enc(LINK, 3), link: LINK },
  {
    name: 'an upper-case encoded scheme',
    q: 'HTTPS%253A%252F%252Fshop.example.com',
    link: 'HTTPS://shop.example.com',
  },
  {
    name: 'escapes inside the link exactly once (they belong to the link)',
    q: enc('https://shop.example.com/s/..%2F..%2Fadmin?next=https%3A%2F%2Fevil.example'),
    link: 'https://shop.example.com/s/..%2F..%2Fadmin?next=https%3A%2F%2Fevil.example',
  },
  { name: 'a lone "%" as a literal (Taro #15694)', q: '%', link: '%' },
  { name: 'a "%%" between escapes as a literal "%" (Taro #15694)', q: '%E4%BD%A0%%E5%A5%BD', link: '你%好' },
  {
    name: 'a "%" followed by one hex digit as a literal',
    q: 'https%3A%2F%2Fa.com%2F50%',
    link: 'https://a.com/50%',
  },
  {
    name: '"+" as "+", not a space (WeChat does not form-encode)',
    q: 'https%3A%2F%2Fa.com%2Fs%3Fx%3D1+2',
    link: 'https://a.com/s?x=1+2',
  },
  { name: 'an encoded "+" as "+"', q: enc('https://a.com/s?x=1+2'), link: 'https://a.com/s?x=1+2' },
  {
    name: 'Chinese path and query',
    q: enc('https://shop.example.com/店/桌?名=张三'),
    link: 'https://shop.example.com/店/桌?名=张三',
  },
  { name: 'text without escapes unchanged', q: 'plain-text', link: 'plain-text' },
  {
    name: 'a q of exactly maxQLength characters',
    q: 'a'.repeat(LANDING_LIMITS.maxQLength),
    link: 'a'.repeat(LANDING_LIMITS.maxQLength),
  },
]

describe('decodeQ', () => {
  it.each(DECODES)('decodes $name', ({ q, link }) => {
    expect(decodeQ(q)).toEqual({ ok: true, value: link })
  })

  it('stops after maxExtraDecodes extra decodes: a 4× encoded link stays encoded', () => {
    const q = enc(LINK, 2 + LANDING_LIMITS.maxExtraDecodes)
    const decoded = decodeQ(q)
    expect(decoded).toEqual({ ok: true, value: enc(LINK, 1) })
    expect(landQ(q, FIXTURE)).toMatchObject({ ok: false, code: 'not-a-link' })
  })

  interface RefusedCase {
    name: string
    q: unknown
  }
  const REFUSED: RefusedCase[] = [
    { name: 'a truncated multi-byte escape (Taro #15694)', q: '%E0%A4%A' },
    { name: 'escapes that are not UTF-8', q: '%FF' },
    { name: 'an overlong UTF-8 escape', q: '%C0%AF' },
    // Decoding once gives an encoded link whose own escapes are broken: the second decode has nothing to recover.
    { name: 'a double-encoded link with a broken inner escape', q: enc('https%3A%2F%2Fa.com%2F%E0%A4') },
    { name: 'an empty q', q: '' },
    { name: 'a q longer than maxQLength', q: 'a'.repeat(LANDING_LIMITS.maxQLength + 1) },
    { name: 'a number', q: 12 },
    { name: 'an array', q: [enc(LINK)] },
    { name: 'an object', q: { q: enc(LINK) } },
    { name: 'null', q: null },
    { name: 'undefined', q: undefined },
  ]

  it.each(REFUSED)('refuses $name with malformed-q', ({ q }) => {
    const decoded = decodeQ(q)
    expect(decoded).toMatchObject({ ok: false, code: 'malformed-q' })
    if (!decoded.ok) {
      expect(explainError(decoded).message).not.toBe('')
      expect(explainError(decoded).hint).not.toBe('')
    }
  })

  it('keeps a too-long q short when showing it back', () => {
    const decoded = decodeQ('a'.repeat(LANDING_LIMITS.maxQLength + 1))
    expect(decoded.ok).toBe(false)
    if (!decoded.ok) expect(decoded.input).toHaveLength(LANDING_LIMITS.maxShownInput)
  })

  it('never throws, and yields a string or malformed-q, for any text', () => {
    const escapey = stringMatching(/^(%[0-9A-Fa-f]{0,2}|[a-z:/+%]|%25|%E4%BD|%A0|你)*$/)
    assert(
      property(oneof(string(), string({ unit: 'binary' }), escapey), (q) => {
        const decoded = decodeQ(q)
        if (decoded.ok) expect(typeof decoded.value).toBe('string')
        else expect(decoded.code).toBe('malformed-q')
      })
    )
  })
})

describe('landQ never turns a malformed q into a store id', () => {
  it.each([
    { name: 'a truncated escape', q: '%E0%A4%A', code: 'malformed-q' },
    { name: 'a stray "%" in the store id', q: enc('https://shop.example.com/s/1%2'), code: 'invalid-param' },
    { name: 'a non-UTF-8 store id', q: enc('https://shop.example.com/s/%FF'), code: 'invalid-param' },
    { name: 'a Taro #15694 value', q: '%E4%BD%A0%%E5%A5%BD', code: 'not-a-link' },
  ])('lands $name on $code', ({ q, code }) => {
    expect(landQ(q, FIXTURE)).toMatchObject({ ok: false, code })
  })

  it.each([1, 2, 3])('lands a %i× encoded link on the dine-in page', (times) => {
    expect(landQ(enc(LINK, times), FIXTURE)).toEqual({
      ok: true,
      rule: 'https://shop.example.com/s/',
      page: 'pages/order/index',
      params: { store: 12, table: '5', mode: 'dine-in' },
    })
  })
})
