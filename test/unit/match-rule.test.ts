import { matchRule, mismatchOf, parseLink, specificity, type Link, type Mismatch } from '../../src/landing'
import { compile, rule } from './fixtures'

function link(text: string): Link {
  const parsed = parseLink(text)
  if (!parsed.ok) throw new Error(`not a link in the test table: ${text}`)
  return parsed.value
}

const rulesOf = (...prefixes: string[]) => compile({ rules: prefixes.map((p) => rule(p)) }).rules

interface MatchCase {
  rule: string
  link: string
  mismatch: Mismatch | null
}

// Seed 004, "Common matching error types": every row, with the reason WeChat gives.
const SEED_004_ERROR_TABLE: MatchCase[] = [
  { rule: 'http://www.qq.com/a/b', link: 'https://www.qq.com/a/b/c', mismatch: 'protocol' },
  { rule: 'https://www.qq.com/a/b', link: 'https://www.weixin.qq.com/a/b', mismatch: 'host' },
  { rule: 'https://www.qq.com/a/b', link: 'https://www.qq.com/a/b/c', mismatch: 'path' },
  { rule: 'https://www.qq.com/a/b?id=123', link: 'https://www.qq.com/a/b?id=132', mismatch: 'query' },
]

// wechat-facts §2 and seed 004's prefix examples.
const WECHAT_FACTS_2: MatchCase[] = [
  { rule: 'https://www.qq.com/a/b', link: 'https://www.qq.com/a/b', mismatch: null },
  { rule: 'https://www.qq.com/a/b', link: 'https://www.qq.com/a/bc', mismatch: 'path' },
  { rule: 'https://www.qq.com/a/b', link: 'https://www.qq.com/a/b/123', mismatch: 'path' },
  { rule: 'https://www.qq.com/a/', link: 'https://www.qq.com/a/', mismatch: null },
  { rule: 'https://www.qq.com/a/', link: 'https://www.qq.com/a/b', mismatch: null },
  { rule: 'https://www.qq.com/a/', link: 'https://www.qq.com/a/b/123', mismatch: null },
  { rule: 'https://www.qq.com/a/', link: 'https://www.qq.com/a', mismatch: 'path' },
  { rule: 'https://www.qq.com/a/', link: 'https://www.qq.com/ab/c', mismatch: 'path' },
  { rule: 'https://wx.qq.com', link: 'https://wx.qq.com/mp/any/path?x=1', mismatch: null },
  { rule: 'https://wx.qq.com/mp?id=123', link: 'https://wx.qq.com/mp?id=123', mismatch: null },
  { rule: 'https://wx.qq.com/mp?id=123', link: 'https://wx.qq.com/mp?id=1234', mismatch: null },
  { rule: 'https://wx.qq.com/mp?id=123', link: 'https://wx.qq.com/mp?id=123&t=5', mismatch: null },
  { rule: 'https://wx.qq.com/mp?id=123', link: 'https://wx.qq.com/mp?id=132', mismatch: 'query' },
  { rule: 'https://wx.qq.com/mp?id=123', link: 'https://wx.qq.com/mp?t=5&id=123', mismatch: 'query' },
  { rule: 'https://wx.qq.com/mp?id=123', link: 'https://wx.qq.com/mp', mismatch: 'query' },
  { rule: 'https://wx.qq.com/mp?id=123', link: 'https://wx.qq.com/mp/?id=123', mismatch: 'path' },
  { rule: 'http://www.qq.com/mypath?', link: 'http://www.qq.com/mypath?anything=1', mismatch: null },
  { rule: 'http://www.qq.com/mypath?', link: 'http://www.qq.com/mypath?', mismatch: null },
  { rule: 'http://www.qq.com/mypath?', link: 'http://www.qq.com/mypath', mismatch: null },
  { rule: 'http://www.qq.com/mypath?', link: 'http://www.qq.com/otherpath?a=1', mismatch: 'path' },
  { rule: 'ftp://wx.qq.com/mp/', link: 'ftp://wx.qq.com/mp/file', mismatch: null },
  { rule: 'ftp://wx.qq.com/mp/', link: 'https://wx.qq.com/mp/file', mismatch: 'protocol' },
]

// How links are compared beyond the cases above: scheme and host case-insensitive, path case-sensitive, port part
// of the host, hash never compared; the first difference is reported in WeChat's order.
const COMPARISON: MatchCase[] = [
  { rule: 'HTTPS://WWW.QQ.COM/a/b', link: 'https://www.qq.com/a/b', mismatch: null },
  { rule: 'https://www.qq.com/a/b', link: 'HTTPS://Www.Qq.Com/a/b', mismatch: null },
  { rule: 'https://www.qq.com/a/b', link: 'https://www.qq.com/A/B', mismatch: 'path' },
  { rule: 'https://www.qq.com/a/b', link: 'https://www.qq.com:8443/a/b', mismatch: 'host' },
  { rule: 'https://www.qq.com:8443/a/b', link: 'https://www.qq.com:8443/a/b', mismatch: null },
  { rule: 'https://www.qq.com/a/b', link: 'https://www.qq.com/a/b#c', mismatch: null },
  { rule: 'https://www.qq.com/a/b?id=1', link: 'https://www.qq.com/a/b#id=1', mismatch: 'query' },
  { rule: 'https://www.qq.com/a/b?id=1', link: 'http://qq.com/x?y', mismatch: 'protocol' },
  { rule: 'https://www.qq.com/a/b?id=1', link: 'https://qq.com/x?y', mismatch: 'host' },
  { rule: 'https://www.qq.com/a/b?id=1', link: 'https://www.qq.com/x?y', mismatch: 'path' },
]

describe.each([
  ['seed 004 error table', SEED_004_ERROR_TABLE],
  ['wechat-facts §2', WECHAT_FACTS_2],
  ['link comparison', COMPARISON],
])('mismatchOf: %s', (_table, cases) => {
  it.each(cases)('rule $rule, link $link → $mismatch', ({ rule: prefix, link: text, mismatch }) => {
    expect(mismatchOf(link(text), link(prefix))).toBe(mismatch)
    // matchRule agrees: a lone rule matches exactly when mismatchOf finds nothing.
    const matched = matchRule(link(text), rulesOf(prefix))
    expect(matched).toEqual(
      mismatch === null
        ? { ok: true, rule: expect.objectContaining({ prefix }) }
        : { ok: false, explain: [{ prefix, mismatch }] }
    )
  })
})

describe('matchRule with overlapping rules', () => {
  interface OverlapCase {
    name: string
    rules: string[]
    link: string
    winner: string
  }
  const OVERLAPS: OverlapCase[] = [
    {
      name: 'the unpublished /a/b over the published /a/ (wechat-facts §2.4)',
      rules: ['https://www.qq.com/a/', 'https://www.qq.com/a/b'],
      link: 'https://www.qq.com/a/b',
      winner: 'https://www.qq.com/a/b',
    },
    {
      name: 'the same, whatever the rule order',
      rules: ['https://www.qq.com/a/b', 'https://www.qq.com/a/'],
      link: 'https://www.qq.com/a/b',
      winner: 'https://www.qq.com/a/b',
    },
    {
      name: '/a/ for a link /a/b does not reach',
      rules: ['https://www.qq.com/a/b', 'https://www.qq.com/a/'],
      link: 'https://www.qq.com/a/c',
      winner: 'https://www.qq.com/a/',
    },
    {
      name: 'the deeper of two directory rules',
      rules: ['https://www.qq.com/', 'https://www.qq.com/a/b/', 'https://www.qq.com/a/'],
      link: 'https://www.qq.com/a/b/c',
      winner: 'https://www.qq.com/a/b/',
    },
    {
      name: 'the longer query prefix on the same path',
      rules: ['https://wx.qq.com/mp?id=1', 'https://wx.qq.com/mp?id=12', 'https://wx.qq.com/mp'],
      link: 'https://wx.qq.com/mp?id=123',
      winner: 'https://wx.qq.com/mp?id=12',
    },
    {
      name: 'a rule ending in "?" over the same path without it',
      rules: ['http://www.qq.com/mypath', 'http://www.qq.com/mypath?'],
      link: 'http://www.qq.com/mypath?x=1',
      winner: 'http://www.qq.com/mypath?',
    },
  ]

  it.each(OVERLAPS)('picks $name', ({ rules, link: text, winner }) => {
    const matched = matchRule(link(text), rulesOf(...rules))
    expect(matched).toEqual({ ok: true, rule: expect.objectContaining({ prefix: winner }) })
  })

  it('ranks a longer path above any query, and a query above none', () => {
    expect(specificity(link('https://a.com/ab'))).toBeGreaterThan(
      specificity(link('https://a.com/a?long=query'))
    )
    expect(specificity(link('https://a.com/a?'))).toBeGreaterThan(specificity(link('https://a.com/a')))
    expect(specificity(link('https://a.com/a?id=12'))).toBeGreaterThan(
      specificity(link('https://a.com/a?id=1'))
    )
  })
})

describe('matchRule explains a miss', () => {
  it('lists every rule, in rule table order, with the part that differs', () => {
    const rules = rulesOf(
      'http://www.qq.com/a/b',
      'https://www.weixin.qq.com/a/b',
      'https://www.qq.com/a/b',
      'https://www.qq.com/a/b/c?id=123'
    )
    expect(matchRule(link('https://www.qq.com/a/b/c?id=132'), rules)).toEqual({
      ok: false,
      explain: [
        { prefix: 'http://www.qq.com/a/b', mismatch: 'protocol' },
        { prefix: 'https://www.weixin.qq.com/a/b', mismatch: 'host' },
        { prefix: 'https://www.qq.com/a/b', mismatch: 'path' },
        { prefix: 'https://www.qq.com/a/b/c?id=123', mismatch: 'query' },
      ],
    })
  })

  it('explains nothing and matches nothing against an empty table', () => {
    expect(matchRule(link('https://www.qq.com/a/b'), [])).toEqual({ ok: false, explain: [] })
  })
})
