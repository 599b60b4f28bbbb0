// Hostile links, one table row each: where it is documented to land (a page with validated params, or the error code), and
// for every row the invariant that matters most — a scan never lands on an undeclared page or with a param that
// its route does not declare and type. Random input is covered by the property tests; these are the attacks and
// look-alikes worth naming.
import {
  landContent,
  landQ,
  pageUrl,
  readLaunchQuery,
  ScanGate,
  STORE_ID_PARAM,
  type RuleTable,
  type LandingErrorCode,
  type LandingResult,
  type Params,
  type RuleTableFile,
} from '../../src/landing'
import { compile, FIXTURE, FIXTURE_FILE, packaged } from './fixtures'
import { LONG_LINKS } from './long-links'
import { assertDeclared } from './property-oracle'

const ORDER = 'pages/order/index'
const S = 'https://shop.example.com/s'

/** The unit fixture plus service-account codes whose scenes try to inject pages, params or markup. */
const HOSTILE_SCENES_FILE: RuleTableFile = {
  ...FIXTURE_FILE,
  serviceAccount: {
    ...FIXTURE_FILE.serviceAccount!,
    tickets: [
      ['ModeOverride', 'store=12&table=5&mode=takeaway'],
      ['EncodedAmp', 'store=12&table=5%26mode%3Dtakeaway'],
      ['Traversal', 'store=12&table=../../admin'],
      ['PageKey', 'store=12&page=pages/admin/index'],
      ['ProtoKey', 'store=12&__proto__=x'],
      ['CrLf', 'store=12\r\nSet-Cookie: a=1'],
      ['Semicolon', 'store=12;table=5'],
      ['Markup', 'store=12&table=5<script>alert(1)</script>'],
      ['RepeatedKey', 'store=12&table=5&table=6'],
      ['Sql', "store=12' OR '1'='1"],
      ['Escaped', 'store=%31%32&table=%35'],
      ['Empty', ''],
      ['EmptyTable', 'store=12&table='],
      ['HostileId', 3003],
    ].map(([name, scene]) => ({ url: `http://weixin.qq.com/q/02hostile${name}`, scene })),
    sceneIds: { '3003': 'store=12&page=pages/admin/index' },
  },
}
const HOSTILE_SCENES = compile(HOSTILE_SCENES_FILE)
const RULE_TABLES: Record<
  'fixture' | 'hostile scenes',
  { file: RuleTableFile; ruleTable: RuleTable; packaged: RuleTable }
> = {
  fixture: { file: FIXTURE_FILE, ruleTable: FIXTURE, packaged: packaged(FIXTURE) },
  'hostile scenes': {
    file: HOSTILE_SCENES_FILE,
    ruleTable: HOSTILE_SCENES,
    packaged: packaged(HOSTILE_SCENES),
  },
}

interface Row {
  name: string
  /** Raw QR content (an in-app scan), or … */
  content?: string
  /** … the `q` launch option exactly as received. */
  q?: unknown
  /** The rule table it lands through (default: the fixture). */
  ruleTable?: keyof typeof RULE_TABLES
  /** Where it is documented to land: its params, or an error code. */
  lands?: Params
  code?: LandingErrorCode
  /** Query keys the landing reports as dropped (undeclared by the rule): never among the params. */
  ignored?: string[]
}

function land(row: Row, form: 'ruleTable' | 'packaged' = 'ruleTable'): LandingResult {
  const ruleTable = RULE_TABLES[row.ruleTable ?? 'fixture'][form]
  return row.content !== undefined ? landContent(row.content, ruleTable) : landQ(row.q, ruleTable)
}

/** Never an undeclared page, never an unvalidated param; the navigation url carries exactly the params. */
function expectSafe(row: Row, result: LandingResult) {
  if (!result.ok) {
    expect(result).not.toHaveProperty('page')
    expect(result).not.toHaveProperty('params')
    return
  }
  assertDeclared(RULE_TABLES[row.ruleTable ?? 'fixture'].file, result)
  const url = pageUrl(result.page, result.params)
  expect(url.split('?')[0]).toBe(`/${result.page}`)
  expect(url).not.toMatch(/[\r\n\0<>\\]/)
}

function check(row: Row) {
  const result = land(row)
  // The rule table the build puts in the package lands exactly alike.
  expect(land(row, 'packaged')).toEqual(result)
  if (row.lands) expect(result).toMatchObject({ ok: true, page: ORDER, params: row.lands })
  else expect(result).toMatchObject({ ok: false, code: row.code })
  // The params are exactly the declared ones: nothing smuggled in beside them.
  if (row.lands && result.ok) {
    expect(result.params).toEqual(row.lands)
    expect(result.ignored).toEqual(row.ignored)
  }
  expectSafe(row, result)
}

const DINE_IN = { store: 12, table: '5', mode: 'dine-in' }
const TAKEAWAY = { store: 12, mode: 'takeaway' }

const TRAVERSAL: Row[] = [
  { name: 'encoded ../ in the store segment', content: `${S}/..%2F..%2Fadmin`, code: 'invalid-param' },
  { name: 'encoded ../ in the table segment', content: `${S}/12/t/..%2F..%2Fadmin`, code: 'invalid-param' },
  { name: 'encoded dots as the store', content: `${S}/%2E%2E/t/5`, code: 'invalid-param' },
  // Matching is by string prefix, as WeChat does; the path shape then fits no route.
  { name: 'literal ../ under the rule', content: `${S}/../admin`, code: 'no-route' },
  { name: 'literal ../ after the store', content: `${S}/12/../../admin`, code: 'no-route' },
  { name: 'an empty segment', content: `${S}//12`, code: 'no-route' },
  { name: 'an extra segment', content: `${S}/12/t/5/x`, code: 'no-route' },
  {
    name: 'a double slash before the rule path',
    content: 'https://shop.example.com//s/12',
    code: 'no-matching-rule',
  },
]

const HOSTS: Row[] = [
  {
    name: 'user info before a look-alike host',
    content: 'https://shop.example.com@evil.com/s/12/t/5',
    code: 'not-a-link',
  },
  {
    name: 'user and password before our host',
    content: 'https://user:pw@shop.example.com/s/12/t/5',
    code: 'not-a-link',
  },
  {
    name: 'an encoded @ in the host',
    content: 'https://shop.example.com%40evil.com/s/12/t/5',
    code: 'not-a-link',
  },
  {
    name: 'our host as a subdomain of another',
    content: 'https://shop.example.com.evil.com/s/12/t/5',
    code: 'no-matching-rule',
  },
  {
    name: 'a typo-squatted host (rn for m)',
    content: 'https://shop.exarnple.com/s/12/t/5',
    code: 'no-matching-rule',
  },
  {
    name: 'an IDN look-alike (ä), not ASCII',
    content: 'https://shop.exämple.com/s/12/t/5',
    code: 'not-a-link',
  },
  {
    name: 'the same look-alike in punycode',
    content: 'https://shop.xn--exmple-cua.com/s/12/t/5',
    code: 'no-matching-rule',
  },
  {
    name: 'a trailing-dot host (not the registered one)',
    content: 'https://shop.example.com./s/12/t/5',
    code: 'no-matching-rule',
  },
  {
    name: 'our link in another site’s path',
    content: 'https://evil.com/https://shop.example.com/s/12',
    code: 'no-matching-rule',
  },
  {
    name: 'our link in another site’s query',
    content: 'https://evil.com/?https://shop.example.com/s/12',
    code: 'no-matching-rule',
  },
  {
    name: 'an upper-case scheme and host (case-insensitive)',
    content: 'HTTPS://SHOP.EXAMPLE.COM/s/12/t/5',
    lands: DINE_IN,
  },
  {
    name: 'an upper-case path (paths are case-sensitive)',
    content: 'https://shop.example.com/S/12/t/5',
    code: 'no-matching-rule',
  },
  { name: 'http instead of https', content: 'http://shop.example.com/s/12/t/5', code: 'no-matching-rule' },
  { name: 'ftp instead of https', content: 'ftp://shop.example.com/s/12/t/5', code: 'no-matching-rule' },
  {
    name: 'a javascript: pseudo-link',
    content: 'javascript:alert(1)//shop.example.com/s/12',
    code: 'not-a-link',
  },
  // The port is part of what must equal the rule's host, default port included.
  {
    name: 'the default port written out',
    content: 'https://shop.example.com:443/s/12/t/5',
    code: 'no-matching-rule',
  },
  { name: 'another port', content: 'https://shop.example.com:8443/s/12/t/5', code: 'no-matching-rule' },
  { name: 'an empty port', content: 'https://shop.example.com:/s/12', code: 'not-a-link' },
  { name: 'a port out of range', content: 'https://shop.example.com:99999999/s/12', code: 'not-a-link' },
]

const CHARACTERS: Row[] = [
  { name: 'a backslash before @', content: 'https://shop.example.com\\@evil.com/s/12', code: 'not-a-link' },
  { name: 'backslashes for slashes', content: 'https:\\\\shop.example.com\\s\\12', code: 'not-a-link' },
  { name: 'a backslash in the path', content: `${S}\\12`, code: 'not-a-link' },
  { name: 'a raw CR/LF at the end', content: `${S}/12\r\n`, code: 'not-a-link' },
  { name: 'a raw NUL', content: `${S}/12\u0000`, code: 'not-a-link' },
  { name: 'a leading space', content: ` ${S}/12`, code: 'not-a-link' },
  {
    name: 'an encoded CR/LF header injection in the path',
    content: `${S}/12%0D%0ASet-Cookie:x=1`,
    code: 'invalid-param',
  },
  { name: 'an encoded LF after the table', content: `${S}/12/t/5%0A`, code: 'invalid-param' },
  {
    name: 'an encoded CR/LF in a query value',
    content: `${S}/12?mode=takeaway%0D%0A`,
    code: 'invalid-param',
  },
  { name: 'an encoded NUL after the store', content: `${S}/12%00`, code: 'invalid-param' },
  { name: 'encoded markup as the table', content: `${S}/12/t/%3Cscript%3E`, code: 'invalid-param' },
  { name: 'full-width digits as the store', content: `${S}/１２`, code: 'invalid-param' },
  { name: 'a store past its declared max', content: `${S}/${STORE_ID_PARAM.max}99`, code: 'invalid-param' },
  { name: 'a table past its pattern length', content: `${S}/12/t/${'x'.repeat(17)}`, code: 'invalid-param' },
  // Declared as an int: read in base 10, so a leading zero names the same store.
  { name: 'a store with a leading zero', content: `${S}/012`, lands: TAKEAWAY },
]

const QUERY_AND_FRAGMENT: Row[] = [
  { name: 'a fragment after a table code (never matched)', content: `${S}/12/t/5#t/9`, lands: DINE_IN },
  { name: 'a fragment that looks like a table path', content: `${S}/12#/t/9`, lands: TAKEAWAY },
  {
    name: 'a fragment that tries to override the mode',
    content: `${S}/12?mode=takeaway#mode=dine-in`,
    lands: TAKEAWAY,
  },
  {
    name: 'a repeated key, same value',
    content: `${S}/12?mode=takeaway&mode=takeaway`,
    code: 'invalid-param',
  },
  {
    name: 'a repeated key, different values',
    content: `${S}/12?mode=takeaway&mode=dine-in`,
    code: 'invalid-param',
  },
  { name: 'the store again in the query', content: `${S}/12?store=13`, code: 'invalid-param' },
  { name: 'a table in the query of a table code', content: `${S}/12/t/5?table=6`, code: 'invalid-param' },
  { name: 'a mode overriding a const', content: `${S}/12/t/5?mode=takeaway`, code: 'invalid-param' },
  // Keys no route of the rule declares are dropped (printed codes carry tracking keys): never passed to the page.
  {
    name: 'an undeclared page key',
    content: `${S}/12?page=pages/admin/index`,
    lands: TAKEAWAY,
    ignored: ['page'],
  },
  {
    name: 'an undeclared key overriding the table code’s const mode',
    content: `${S}/12/t/5?Mode=takeaway`,
    lands: DINE_IN,
    ignored: ['Mode'],
  },
  { name: 'a __proto__ key', content: `${S}/12?__proto__=1`, lands: TAKEAWAY, ignored: ['__proto__'] },
  {
    name: 'a __proto__[mode] key',
    content: `${S}/12?__proto__[mode]=dine-in`,
    lands: TAKEAWAY,
    ignored: ['__proto__[mode]'],
  },
  // Decoded once, the key is "mode=takeaway": not the declared "mode".
  {
    name: 'an encoded = inside the key',
    content: `${S}/12?mode%3Dtakeaway`,
    lands: TAKEAWAY,
    ignored: ['mode=takeaway'],
  },
  {
    name: 'an encoded & inside a value',
    content: `${S}/12?x=1%26mode%3Ddine-in`,
    lands: TAKEAWAY,
    ignored: ['x'],
  },
  {
    name: 'a declared key fully percent-encoded, invalid',
    content: `${S}/12?%6D%6F%64%65=dine-in`,
    code: 'invalid-param',
  },
  {
    name: 'a long query of undeclared pairs',
    content: `${S}/12?${'a=1&'.repeat(1000)}`,
    lands: TAKEAWAY,
    ignored: ['a'],
  },
]

const SIZE_AND_ENCODING: Row[] = [
  { name: 'a 1 MB link as content', content: `${S}/12/t/${'5'.repeat(1024 * 1024)}`, code: 'not-a-link' },
  {
    name: 'a 1 MB link as q',
    q: encodeURIComponent(`${S}/12/t/${'5'.repeat(1024 * 1024)}`),
    code: 'malformed-q',
  },
  ...[1, 2, 3].map((n) => ({
    name: `a link encoded ${n}× (decoded until it is a link)`,
    q: encodeTimes(n),
    lands: DINE_IN,
  })),
  // At most two extra decodes (LANDING_LIMITS.maxExtraDecodes): deeper nesting is not a printed store code.
  ...[4, 8, 20].map((n) => ({
    name: `a link encoded ${n}×`,
    q: encodeTimes(n),
    code: 'not-a-link' as const,
  })),
  { name: 'a CR/LF inside the encoded link', q: encodeURIComponent(`${S}/12\r\n`), code: 'not-a-link' },
  { name: 'escapes that are not UTF-8', q: '%E0%A4%A', code: 'malformed-q' },
  { name: 'q as an array', q: [encodeURIComponent(`${S}/12`)], code: 'malformed-q' },
  { name: 'q as a number', q: 12, code: 'malformed-q' },
  { name: 'q as an object', q: { toString: () => `${S}/12` }, code: 'malformed-q' },
]

// Also as q: the same result once decoded.
const LONG: Row[] = LONG_LINKS.flatMap(({ name, content, code }) => [
  { name: `${name} (${content.length} characters)`, content, code },
  { name: `${name}, as q`, q: encodeURIComponent(content), code },
])

function encodeTimes(n: number): string {
  let q = `${S}/12/t/5`
  for (let i = 0; i < n; i++) q = encodeURIComponent(q)
  return q
}

// The fixture's scene_str ticket: store 12, table 8.
const TICKET_TABLE_8 = { store: 12, table: '8', mode: 'dine-in' }

const TICKETS: Row[] = [
  {
    name: 'a known ticket',
    content: 'http://weixin.qq.com/q/02ticketStr',
    lands: TICKET_TABLE_8,
  },
  {
    name: 'a known ticket over https',
    content: 'https://weixin.qq.com/q/02ticketStr',
    lands: TICKET_TABLE_8,
  },
  {
    name: 'a known ticket with a fragment',
    content: 'http://weixin.qq.com/q/02ticketStr#x',
    lands: TICKET_TABLE_8,
  },
  // A ticket url is a prefix rule at WeChat: a query appended still opens it, and never reaches the page.
  {
    name: 'a ticket with a query appended',
    content: 'http://weixin.qq.com/q/02ticketStr?x=1',
    lands: TICKET_TABLE_8,
  },
  {
    name: 'a ticket with a query trying to override its scene',
    content: 'http://weixin.qq.com/q/02ticketStr?table=9&mode=takeaway',
    lands: TICKET_TABLE_8,
  },
  {
    name: 'a ticket with more path after it',
    content: 'http://weixin.qq.com/q/02ticketStr/x',
    code: 'unknown-ticket',
  },
  {
    name: 'a ticket in the wrong case',
    content: 'http://weixin.qq.com/q/02ticketstr',
    code: 'unknown-ticket',
  },
  {
    name: 'a ticket with a trailing slash',
    content: 'http://weixin.qq.com/q/02ticketStr/',
    code: 'unknown-ticket',
  },
  {
    name: 'a ticket with an escaped letter',
    content: 'http://weixin.qq.com/q/02ticket%53tr',
    code: 'unknown-ticket',
  },
  {
    name: 'a ticket through ../',
    content: 'http://weixin.qq.com/q/../q/02ticketStr',
    code: 'unknown-ticket',
  },
  {
    name: 'a ticket host with a port',
    content: 'http://weixin.qq.com:80/q/02ticketStr',
    code: 'no-matching-rule',
  },
  {
    name: 'a ticket host with user info',
    content: 'http://weixin.qq.com@evil.com/q/02ticketStr',
    code: 'not-a-link',
  },
]

const t = (name: string) => `http://weixin.qq.com/q/02hostile${name}`
const SCENES: Row[] = (
  [
    { name: 'a scene overriding the const mode', content: t('ModeOverride'), code: 'invalid-param' },
    { name: 'a scene with an encoded & and =', content: t('EncodedAmp'), code: 'invalid-param' },
    { name: 'a scene with ../ in the table', content: t('Traversal'), code: 'invalid-param' },
    { name: 'a scene naming a page', content: t('PageKey'), code: 'invalid-param' },
    { name: 'a scene with a __proto__ key', content: t('ProtoKey'), code: 'invalid-param' },
    { name: 'a scene with CR/LF', content: t('CrLf'), code: 'invalid-param' },
    { name: 'a scene with ; for &', content: t('Semicolon'), code: 'invalid-param' },
    { name: 'a scene with markup', content: t('Markup'), code: 'invalid-param' },
    { name: 'a scene with a repeated key', content: t('RepeatedKey'), code: 'invalid-param' },
    { name: 'a scene with SQL', content: t('Sql'), code: 'invalid-param' },
    { name: 'an empty scene', content: t('Empty'), code: 'no-route' },
    { name: 'a scene with an empty table', content: t('EmptyTable'), code: 'invalid-param' },
    { name: 'a scene_id mapped to a page key', content: t('HostileId'), code: 'invalid-param' },
    // A scene reads like a query string: its values are percent-decoded once, then validated.
    { name: 'a scene with escaped digits', content: t('Escaped'), lands: DINE_IN },
  ] as Row[]
).map((row) => ({ ...row, ruleTable: 'hostile scenes' }))

describe.each([
  ['path traversal', TRAVERSAL],
  ['user info, look-alike hosts, scheme and port', HOSTS],
  ['backslashes, control characters and odd values', CHARACTERS],
  ['query and fragment', QUERY_AND_FRAGMENT],
  ['size and nested encodings', SIZE_AND_ENCODING],
  ['the longest links, shaped for backtracking', LONG],
  ['service-account tickets', TICKETS],
  ['scene strings with injection attempts', SCENES],
])('hostile links: %s', (_group, rows) => {
  it.each(rows)('$name', (row) => check(row))
})

describe('hostile scancode_time through readLaunchQuery and ScanGate', () => {
  const Q = encodeURIComponent(`${S}/12/t/5`)
  const OTHER = encodeURIComponent(`${S}/12/t/6`)
  const NOW = '1700000000'

  it.each<{ name: string; time: unknown; read: number | null }>([
    { name: 'UNIX seconds as WeChat sends them', time: NOW, read: 1700000000 },
    { name: 'far in the future (year 5138)', time: '99999999999', read: 99999999999 },
    { name: 'the epoch', time: '0', read: 0 },
    { name: 'milliseconds (13 digits)', time: '1700000000000', read: null },
    { name: 'a thousand digits', time: '9'.repeat(1000), read: null },
    { name: 'negative', time: '-1', read: null },
    { name: 'exponent notation', time: '1e9', read: null },
    { name: 'hexadecimal', time: '0x10', read: null },
    { name: 'a leading space', time: ` ${NOW}`, read: null },
    { name: 'a fraction', time: `${NOW}.5`, read: null },
    { name: 'not a number', time: 'yesterday', read: null },
    { name: 'a number, not a string', time: 1700000000, read: null },
    { name: 'an array', time: [NOW], read: null },
  ])('reads $name as $read', ({ time, read }) => {
    expect(readLaunchQuery({ q: Q, scancode_time: time })).toEqual({ kind: 'scan', q: Q, scancodeTime: read })
  })

  it.each<{ name: string; first: unknown; next: { q: string; time: unknown }; admitted: boolean }>([
    {
      name: 'a new code after one from the epoch',
      first: '0',
      next: { q: OTHER, time: NOW },
      admitted: true,
    },
    {
      name: 'a new code after one without a usable time',
      first: 'yesterday',
      next: { q: OTHER, time: NOW },
      admitted: true,
    },
    {
      name: 'the same code replayed without a usable time',
      first: 'yesterday',
      next: { q: Q, time: 'yesterday' },
      admitted: false,
    },
    {
      name: 'the same code replayed with a non-numeric time',
      first: NOW,
      next: { q: Q, time: 'x' },
      admitted: false,
    },
    // A forged far-future time (a path query from a share card or another mini program can carry any value) would
    // make every genuine later scan look older; read against the device clock, it counts as no time at all.
    {
      name: 'a genuine new code after a far-future time',
      first: '99999999999',
      next: { q: OTHER, time: NOW },
      admitted: true,
    },
    {
      name: 'the same code replayed after a far-future time',
      first: '99999999999',
      next: { q: Q, time: NOW },
      admitted: false,
    },
  ])('admits $name: $admitted', ({ first, next, admitted }) => {
    const gate = new ScanGate()
    const now = Number(NOW)
    expect(gate.admit(readLaunchQuery({ q: Q, scancode_time: first }, now))).toBe(true)
    expect(gate.admit(readLaunchQuery({ q: next.q, scancode_time: next.time }, now))).toBe(admitted)
  })

  it.each<{ name: string; time: string; read: number | null }>([
    { name: 'now', time: NOW, read: 1700000000 },
    { name: 'a year ago', time: String(Number(NOW) - 31536000), read: 1700000000 - 31536000 },
    { name: 'within the clock skew allowed', time: String(Number(NOW) + 600), read: 1700000600 },
    { name: 'past the clock skew allowed', time: String(Number(NOW) + 601), read: null },
    { name: 'far in the future', time: '99999999999', read: null },
  ])('against the device clock, reads a time $name as $read', ({ time, read }) => {
    expect(readLaunchQuery({ q: Q, scancode_time: time }, Number(NOW))).toEqual({
      kind: 'scan',
      q: Q,
      scancodeTime: read,
    })
  })
})
