import {
  landContent,
  landQ,
  type LandingErrorCode,
  type LandingResult,
  type Params,
  type RuleTableFile,
} from '../../src/landing'
import { compile, FIXTURE, FIXTURE_FILE, readRulesJson } from './fixtures'

const S = 'https://shop.example.com/s/'
const ORDER = 'pages/order/index'

interface LandsCase {
  name: string
  content: string
  rule: string
  params: Params
}

const LANDS: LandsCase[] = [
  {
    name: 'a table code on dine-in',
    content: 'https://shop.example.com/s/12/t/5',
    rule: S,
    params: { store: 12, table: '5', mode: 'dine-in' },
  },
  {
    name: 'a table code with letters and "-" in the table',
    content: 'https://shop.example.com/s/7/t/A-12',
    rule: S,
    params: { store: 7, table: 'A-12', mode: 'dine-in' },
  },
  {
    name: 'a table code with a trailing "/"',
    content: 'https://shop.example.com/s/12/t/5/',
    rule: S,
    params: { store: 12, table: '5', mode: 'dine-in' },
  },
  {
    name: 'an escaped table segment, decoded once',
    content: 'https://shop.example.com/s/12/t/%41%31',
    rule: S,
    params: { store: 12, table: 'A1', mode: 'dine-in' },
  },
  {
    name: 'a store code on takeaway (the default mode)',
    content: 'https://shop.example.com/s/12',
    rule: S,
    params: { store: 12, mode: 'takeaway' },
  },
  {
    name: 'a store code with ?mode=takeaway',
    content: 'https://shop.example.com/s/12?mode=takeaway',
    rule: S,
    params: { store: 12, mode: 'takeaway' },
  },
  {
    name: 'a store code with an empty query and a hash',
    content: 'https://shop.example.com/s/12?#menu',
    rule: S,
    params: { store: 12, mode: 'takeaway' },
  },
  {
    name: 'an upper-case scheme and host',
    content: 'HTTPS://SHOP.EXAMPLE.COM/s/12/t/5',
    rule: S,
    params: { store: 12, table: '5', mode: 'dine-in' },
  },
  {
    name: 'a ticket with a scene_str on dine-in',
    content: 'http://weixin.qq.com/q/02ticketStr',
    rule: 'http://weixin.qq.com/q/02ticketStr',
    params: { store: 12, table: '8', mode: 'dine-in' },
  },
  {
    name: 'a ticket scanned as https, by its canonical http url',
    content: 'https://weixin.qq.com/q/02ticketStr',
    rule: 'http://weixin.qq.com/q/02ticketStr',
    params: { store: 12, table: '8', mode: 'dine-in' },
  },
  {
    name: 'a ticket with a numeric scene_id, through sceneIds, on takeaway',
    content: 'http://weixin.qq.com/q/02ticketId',
    rule: 'http://weixin.qq.com/q/02ticketId',
    params: { store: 12, mode: 'takeaway' },
  },
]

interface FailsCase {
  name: string
  content: string
  code: LandingErrorCode
  /** The matched rule or ticket; `undefined` when none matched. */
  rule?: string
}

const FAILS: FailsCase[] = [
  // Params are validated against the route's declarations before any navigation.
  { name: 'store 0', content: `${S}0/t/5`, code: 'invalid-param', rule: S },
  { name: 'a non-digit store', content: `${S}abc/t/5`, code: 'invalid-param', rule: S },
  { name: 'a negative store', content: `${S}-1`, code: 'invalid-param', rule: S },
  { name: 'a store above max', content: `${S}1000000000`, code: 'invalid-param', rule: S },
  { name: 'a fractional store', content: `${S}1.5`, code: 'invalid-param', rule: S },
  { name: 'a store with "+"', content: `${S}+12`, code: 'invalid-param', rule: S },
  { name: 'a table with "!"', content: `${S}12/t/5!`, code: 'invalid-param', rule: S },
  { name: 'a table with an escaped "<"', content: `${S}12/t/%3Cscript%3E`, code: 'invalid-param', rule: S },
  { name: 'a Chinese table', content: `${S}12/t/%E4%BD%A0`, code: 'invalid-param', rule: S },
  { name: 'a table longer than 16', content: `${S}12/t/${'a'.repeat(17)}`, code: 'invalid-param', rule: S },
  { name: 'a table segment that is not UTF-8', content: `${S}12/t/%FF`, code: 'invalid-param', rule: S },
  { name: 'an unknown query key', content: `${S}12/t/5?debug=1`, code: 'invalid-param', rule: S },
  {
    name: 'a duplicate query key',
    content: `${S}12?mode=takeaway&mode=takeaway`,
    code: 'invalid-param',
    rule: S,
  },
  {
    name: 'a const param given in the query',
    content: `${S}12/t/5?mode=takeaway`,
    code: 'invalid-param',
    rule: S,
  },
  {
    name: 'a path param given again in the query',
    content: `${S}12?store=13`,
    code: 'invalid-param',
    rule: S,
  },
  { name: 'an enum value not declared', content: `${S}12?mode=delivery`, code: 'invalid-param', rule: S },
  { name: 'a query key that is not UTF-8', content: `${S}12?%FF=1`, code: 'invalid-param', rule: S },
  // Keys that name Object.prototype members are as undeclared as any other.
  ...['constructor', '__proto__', 'toString', 'hasOwnProperty'].map((key) => ({
    name: `an undeclared query key "${key}"`,
    content: `${S}12/t/5?${key}=1`,
    code: 'invalid-param' as const,
    rule: S,
  })),
  { name: 'path traversal in the store', content: `${S}..%2F..%2Fadmin`, code: 'invalid-param', rule: S },
  {
    name: 'path traversal in the table',
    content: `${S}12/t/..%2F..%2Fadmin`,
    code: 'invalid-param',
    rule: S,
  },
  // Under the prefix, but no route's path pattern fits.
  { name: 'a path no route declares', content: `${S}12/x/5`, code: 'no-route', rule: S },
  { name: 'an empty store segment', content: `${S}/t/5`, code: 'no-route', rule: S },
  { name: 'the bare prefix', content: S, code: 'no-route', rule: S },
  {
    name: 'a rule without routes',
    content: 'https://shop.example.com/promo/spring',
    code: 'no-route',
    rule: 'https://shop.example.com/promo/',
  },
  // Tickets: looked up exactly in our table, routed by their scene.
  { name: 'an unknown ticket', content: 'http://weixin.qq.com/q/02unknown', code: 'unknown-ticket' },
  {
    name: 'a known ticket with an extra query',
    content: 'http://weixin.qq.com/q/02ticketStr?x=1',
    code: 'unknown-ticket',
  },
  {
    name: 'a ticket whose scene_id has no scene string',
    content: 'http://weixin.qq.com/q/02ticketUnmapped',
    code: 'no-route',
    rule: 'http://weixin.qq.com/q/02ticketUnmapped',
  },
  {
    name: 'a ticket whose scene has an undeclared "constructor" key',
    content: 'http://weixin.qq.com/q/02ticketProtoKey',
    code: 'invalid-param',
    rule: 'http://weixin.qq.com/q/02ticketProtoKey',
  },
  {
    name: 'a ticket whose scene has an invalid store',
    content: 'http://weixin.qq.com/q/02ticketBadScene',
    code: 'invalid-param',
    rule: 'http://weixin.qq.com/q/02ticketBadScene',
  },
  // Not ours at all.
  { name: 'another host', content: 'https://evil.example.com/s/12/t/5', code: 'no-matching-rule' },
  { name: 'http instead of https', content: 'http://shop.example.com/s/12/t/5', code: 'no-matching-rule' },
  { name: 'text that is not a link', content: 'store 12 table 5', code: 'not-a-link' },
]

describe('landContent against a fixture rule table', () => {
  it.each(LANDS)('lands $name on the order page', ({ content, rule, params }) => {
    expect(landContent(content, FIXTURE)).toEqual({ ok: true, rule, page: ORDER, params })
  })

  it.each(FAILS)('lands $name on $code', ({ content, code, rule }) => {
    const landed = landContent(content, FIXTURE)
    expect(landed).toMatchObject({ ok: false, code })
    if (landed.ok) return
    expect(landed.rule).toBe(rule)
    expect(landed.message).not.toBe('')
    expect(landed.hint).not.toBe('')
  })

  it('explains a link no rule matches, rule by rule', () => {
    expect(landContent('https://shop.example.com/menu', FIXTURE)).toMatchObject({
      ok: false,
      code: 'no-matching-rule',
      explain: [
        { prefix: 'https://shop.example.com/s/', mismatch: 'path' },
        { prefix: 'https://shop.example.com/promo/', mismatch: 'path' },
      ],
    })
  })

  it('lands a ticket without a service account on unknown-ticket', () => {
    const noAccount = compile({ rules: FIXTURE_FILE.rules })
    expect(landContent('http://weixin.qq.com/q/02ticketStr', noAccount)).toMatchObject({
      ok: false,
      code: 'unknown-ticket',
    })
  })

  it('picks the first route whose required query params are present', () => {
    // One path, two pages' worth of routes: the one needing `table` only when the query carries it.
    const file: RuleTableFile = {
      rules: [
        {
          prefix: 'https://m.example.com/order',
          permit_sub_rule: 1,
          open_version: 3,
          debug_url: [],
          routes: [
            {
              page: ORDER,
              path: '/order',
              params: {
                store: { type: 'int', min: 1 },
                table: { type: 'string', pattern: '[0-9]{1,3}' },
                mode: { const: 'dine-in' },
              },
            },
            {
              page: ORDER,
              path: '/order',
              params: { store: { type: 'int', min: 1 }, mode: { const: 'takeaway' } },
            },
          ],
        },
      ],
    }
    const table = compile(file)
    const land = (content: string): LandingResult => landContent(content, table)
    expect(land('https://m.example.com/order?store=3&table=9')).toMatchObject({
      ok: true,
      params: { store: 3, table: '9', mode: 'dine-in' },
    })
    expect(land('https://m.example.com/order?store=3')).toMatchObject({
      ok: true,
      params: { store: 3, mode: 'takeaway' },
    })
    expect(land('https://m.example.com/order?table=9')).toMatchObject({ ok: false, code: 'no-route' })
  })
})

describe('landQ', () => {
  it.each(LANDS)('lands the q of $name like the content itself', ({ content }) => {
    expect(landQ(encodeURIComponent(content), FIXTURE)).toEqual(landContent(content, FIXTURE))
  })
})

describe('the project rules.json', () => {
  const file = readRulesJson()
  const table = compile(file)
  const debugUrls = file.rules.flatMap((r) => r.debug_url.map((url) => ({ prefix: r.prefix, url })))
  const tickets = file.serviceAccount?.tickets ?? []

  it('has debug urls and tickets to check', () => {
    expect(debugUrls.length).toBeGreaterThan(0)
    expect(tickets.length).toBeGreaterThan(0)
  })

  it.each(debugUrls)('lands debug_url $url on a page through its own rule', ({ prefix, url }) => {
    expect(landContent(url, table)).toMatchObject({ ok: true, rule: prefix, page: ORDER })
    expect(landQ(encodeURIComponent(url), table)).toMatchObject({ ok: true, rule: prefix })
  })

  it.each(tickets)('lands ticket $url on a page', ({ url }) => {
    expect(landContent(url, table)).toMatchObject({ ok: true, rule: url, page: ORDER })
  })

  it.each([
    { content: 'https://shop.example.com/s/12/t/5', params: { store: 12, table: '5', mode: 'dine-in' } },
    { content: 'https://shop.example.com/s/12', params: { store: 12, mode: 'takeaway' } },
    { content: 'https://shop.example.com/s/12?mode=takeaway', params: { store: 12, mode: 'takeaway' } },
  ])('lands $content with $params', ({ content, params }) => {
    expect(landContent(content, table)).toEqual({ ok: true, rule: S, page: ORDER, params })
  })
})
