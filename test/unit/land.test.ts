import {
  landContent,
  landQ,
  type LandingErrorCode,
  type LandingResult,
  type Params,
  type RuleTableFile,
} from '../../src/landing'
import { compile, FIXTURE, FIXTURE_FILE, readRulesJson } from './fixtures'
import { explainError } from '../../src/landing/explain'

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
    // A registered ticket url is a prefix rule at WeChat: the link opens the mini program, so it lands.
    name: 'a ticket with a query appended',
    content: 'http://weixin.qq.com/q/02ticketStr?x=1',
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
  // Tickets: looked up exactly in our scene map, routed by their scene.
  { name: 'an unknown ticket', content: 'http://weixin.qq.com/q/02unknown', code: 'unknown-ticket' },
  {
    name: 'a ticket one character longer than a known one',
    content: 'http://weixin.qq.com/q/02ticketStrX',
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
    expect(explainError(landed).message).not.toBe('')
    expect(explainError(landed).hint).not.toBe('')
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
    const ruleTable = compile(file)
    const land = (content: string): LandingResult => landContent(content, ruleTable)
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

interface QueryKeyCase {
  name: string
  content: string
  /** The destination's params (exactly), or the error code. */
  params?: Params
  code?: LandingErrorCode
  /** The keys reported as ignored (never passed to the page). */
  ignored?: string[]
}

const TAKEAWAY = { store: 12, mode: 'takeaway' }
const DINE_IN = { store: 12, table: '5', mode: 'dine-in' }

// Printed codes carry tracking keys (utm_source=poster): WeChat opens the mini program for them (the rule's query
// is a prefix), so a key that no route of the rule declares is dropped, never passed to the page. Keys are decoded
// exactly once and compared exactly: what decodes to a declared name is that param, validated; anything else —
// another case, a second encoding, a prototype name — is just another undeclared key.
const QUERY_KEYS: QueryKeyCase[] = [
  {
    name: 'a tracking key',
    content: `${S}12/t/5?utm_source=poster`,
    params: DINE_IN,
    ignored: ['utm_source'],
  },
  {
    name: 'tracking keys around a declared one',
    content: `${S}12?utm_source=poster&mode=takeaway&utm_medium=qr`,
    params: TAKEAWAY,
    ignored: ['utm_source', 'utm_medium'],
  },
  { name: 'a repeated undeclared key', content: `${S}12?x=1&x=2`, params: TAKEAWAY, ignored: ['x'] },
  { name: 'a key without a value', content: `${S}12?debug`, params: TAKEAWAY, ignored: ['debug'] },
  { name: 'an undeclared key, value not UTF-8', content: `${S}12?x=%FF`, params: TAKEAWAY, ignored: ['x'] },
  { name: 'a key that is not UTF-8', content: `${S}12?%FF=1`, params: TAKEAWAY, ignored: ['%FF'] },
  ...['constructor', '__proto__', 'toString', 'hasOwnProperty'].map((key) => ({
    name: `an Object.prototype name "${key}"`,
    content: `${S}12/t/5?${key}=1`,
    params: DINE_IN,
    ignored: [key],
  })),
  // Declared names are case-sensitive: MODE is not mode, and cannot set it.
  { name: 'a declared name in upper case', content: `${S}12?MODE=x`, params: TAKEAWAY, ignored: ['MODE'] },
  { name: 'a declared name with a NUL', content: `${S}12?mode%00=x`, params: TAKEAWAY, ignored: ['mode\0'] },
  // Decoded once: %256F is "%6F", not "o", so this is not mode.
  {
    name: 'a declared name encoded twice',
    content: `${S}12?m%256Fde=x`,
    params: TAKEAWAY,
    ignored: ['m%6Fde'],
  },
  // Decoded once, "m%6Fde" IS mode: validated like it, never ignored.
  { name: 'a declared name percent-encoded, valid', content: `${S}12?m%6Fde=takeaway`, params: TAKEAWAY },
  {
    name: 'a declared name percent-encoded, invalid',
    content: `${S}12?m%6Fde=delivery`,
    code: 'invalid-param',
  },
  {
    name: 'a declared key given plain and encoded',
    content: `${S}12?mode=takeaway&m%6Fde=takeaway`,
    code: 'invalid-param',
  },
  {
    name: 'a declared key repeated beside a tracking key',
    content: `${S}12?mode=takeaway&utm=1&mode=takeaway`,
    code: 'invalid-param',
  },
  { name: 'a declared value that is not UTF-8', content: `${S}12?mode=%FF`, code: 'invalid-param' },
  // Declared by the rule's other route: a table code gone wrong, not a tracking key.
  { name: "a key of the rule's other route", content: `${S}12?table=6`, code: 'invalid-param' },
]

describe('landContent with query keys no route declares', () => {
  it.each(QUERY_KEYS)('$name', ({ content, params, code, ignored }) => {
    const landed = landContent(content, FIXTURE)
    if (code) return expect(landed).toMatchObject({ ok: false, code, rule: S })
    expect(landed).toEqual({ ok: true, rule: S, page: ORDER, params, ...(ignored ? { ignored } : {}) })
    expect(landQ(encodeURIComponent(content), FIXTURE)).toEqual(landed)
  })

  it('refuses an undeclared key in a scene (scenes are ours: an unknown key is a mistake)', () => {
    expect(landContent('http://weixin.qq.com/q/02ticketProtoKey', FIXTURE)).toMatchObject({
      ok: false,
      code: 'invalid-param',
    })
  })
})

describe('landQ', () => {
  it.each(LANDS)('lands the q of $name like the content itself', ({ content }) => {
    expect(landQ(encodeURIComponent(content), FIXTURE)).toEqual(landContent(content, FIXTURE))
  })
})

describe('the project rules.json', () => {
  const file = readRulesJson()
  const ruleTable = compile(file)
  const debugUrls = file.rules.flatMap((r) => r.debug_url.map((url) => ({ prefix: r.prefix, url })))
  const tickets = file.serviceAccount?.tickets ?? []

  it('has debug urls and tickets to check', () => {
    expect(debugUrls.length).toBeGreaterThan(0)
    expect(tickets.length).toBeGreaterThan(0)
  })

  it.each(debugUrls)('lands debug_url $url on a page through its own rule', ({ prefix, url }) => {
    expect(landContent(url, ruleTable)).toMatchObject({ ok: true, rule: prefix, page: ORDER })
    expect(landQ(encodeURIComponent(url), ruleTable)).toMatchObject({ ok: true, rule: prefix })
  })

  it.each(tickets)('lands ticket $url on a page', ({ url }) => {
    expect(landContent(url, ruleTable)).toMatchObject({ ok: true, rule: url, page: ORDER })
  })

  it.each([
    { content: 'https://shop.example.com/s/12/t/5', params: { store: 12, table: '5', mode: 'dine-in' } },
    { content: 'https://shop.example.com/s/12', params: { store: 12, mode: 'takeaway' } },
    { content: 'https://shop.example.com/s/12?mode=takeaway', params: { store: 12, mode: 'takeaway' } },
  ])('lands $content with $params', ({ content, params }) => {
    expect(landContent(content, ruleTable)).toEqual({ ok: true, rule: S, page: ORDER, params })
  })
})
