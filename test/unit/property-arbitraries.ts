// Generators for the property and fuzz runs (test/unit/property-defs.ts): hostile strings and launch options,
// links under the project's rules, and small-alphabet rule/link pairs whose prefixes collide often enough to
// exercise WeChat's path, query and specificity edge cases.
import * as fc from 'fast-check'

import { anchoredPattern, STORE_ID_PARAM, TABLE_NAME_PARAM } from '../../src/landing'

// --- arbitrary text ----------------------------------------------------------------------------------------------

/** Any UTF-16 code unit, lone surrogates included (what a JS string can hold, not only valid text). */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n))

/** Arbitrary strings: valid Unicode, raw code units (lone surrogates), and link-like ASCII. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: codeUnit, maxLength: 80 }),
  fc.string({ unit: fc.constantFrom(...'%:/?#&=@\\.+- aA0zZ9'.split('')), maxLength: 60 })
)

/** Text that encodeURIComponent accepts (no lone surrogates). */
export const wellFormedString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 })
)

const HEX = '0123456789abcdefABCDEF'.split('')
const hexDigit = fc.constantFrom(...HEX)
const byteEscape = fc
  .integer({ min: 0, max: 255 })
  .map((b) => `%${b.toString(16).padStart(2, '0').toUpperCase()}`)
/** Escapes that are never UTF-8: 0xFF, an overlong NUL, an encoded surrogate half, a five-byte form, a cut sequence. */
export const INVALID_UTF8 = ['%FF', '%C0%80', '%ED%A0%80', '%F8%88%80%80%80', '%E0%A4%A', '%E4%BD']

/** Arbitrary percent-encodings: lone and short `%`, random bytes, valid escapes of any character, `%25` layers. */
export const percentSoup: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constant('%'),
      hexDigit.map((h) => `%${h}`),
      byteEscape,
      fc.constant('%25'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).map(encodeURIComponent),
      fc.constantFrom(...INVALID_UTF8),
      fc.constantFrom('https%3A%2F%2F', 'https%253A%252F%252F', 'shop.example.com', '%2F', 's', '12', '你'),
      codeUnit
    ),
    { maxLength: 30 }
  )
  .map((parts) => parts.join(''))

// --- launch options ----------------------------------------------------------------------------------------------

/** One megabyte: longer than any QR code can hold, built once and shared. */
export const ONE_MB = `https://shop.example.com/s/12/t/${'5'.repeat(1024 * 1024)}`

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    withNullPrototype: true,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withSparseArray: true,
    withTypedArray: true,
    withDate: true,
    withBigInt: true,
  }),
  fc.constantFrom(
    ONE_MB,
    encodeURIComponent(ONE_MB),
    Number.MAX_VALUE,
    Number.NaN,
    Infinity,
    -1,
    '',
    [],
    ['https%3A%2F%2Fshop.example.com%2Fs%2F12'],
    { toString: 'x' },
    Object.create(null)
  )
)

/** `scancode_time` as WeChat sends it (UNIX seconds, a string) and as nobody should: numbers, huge, odd text. */
const scancodeTime: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer({ min: 0, max: 4_102_444_800 }).map(String),
  fc.stringMatching(/^[0-9]{13,40}$/),
  fc.constantFrom('-1', '1e9', '0x10', ' 1700000000', '1700000000.5', '١٧٠٠', '9'.repeat(10_000)),
  hostileValue
)

/** `q` as WeChat sends it (an encoded link) and everything else a forged launch could carry. */
const qValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    encodeURIComponent('https://shop.example.com/s/12/t/5'),
    encodeURIComponent('http://weixin.qq.com/q/02demoStoreTicketS12T8')
  ),
  anyString,
  percentSoup,
  hostileValue
)

/**
 * Scenes as a mini program code carries them: mostly a store or table code encoded once, as WeChat hands it over;
 * some with stray keys, bad values or extra encodings.
 */
export const sceneValue: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc
      .tuple(fc.integer({ min: 1, max: 999_999_999 }), fc.option(fc.stringMatching(/^[A-Za-z0-9-]{1,10}$/)))
      .map(([store, table]) =>
        encodeURIComponent(table === null ? `store=${store}` : `store=${store}&table=${table}`)
      ),
    weight: 3,
  },
  {
    arbitrary: fc
      .tuple(
        fc.array(
          fc
            .tuple(
              fc.constantFrom('store', 'table', 'mode', 'x', '__proto__'),
              fc.constantFrom('12', '5', 'A-1', '0', 'takeaway', '', '%E0%A4%A', '十二')
            )
            .map(([k, v]) => `${k}=${v}`),
          { maxLength: 3 }
        ),
        fc.integer({ min: 0, max: 3 })
      )
      .map(([pairs, times]) => {
        let scene = pairs.join('&')
        for (let i = 0; i < times; i++) scene = encodeURIComponent(scene)
        return scene
      }),
    weight: 2,
  }
)

/** Arbitrary launch-option queries: missing keys, wrong types, arrays, huge values, extra keys. */
export const launchQuery: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ q: qValue, scancode_time: scancodeTime }, { requiredKeys: [] }),
  fc.record({ q: qValue, scancode_time: scancodeTime, extra: hostileValue }),
  // A mini program code's scene (launch scene 1047): encoded once, twice, or anything at all.
  fc.record({ scene: fc.oneof(qValue, sceneValue) }, { requiredKeys: [] }),
  fc.record({ q: qValue, scene: sceneValue }, { requiredKeys: [] }),
  fc.array(qValue, { maxLength: 3 }),
  hostileValue
)

// --- links under the project's rules -----------------------------------------------------------------------------

// Store and table values as the order page declares them, and values just outside (past the max, a leading zero).
const storeText = fc.oneof(
  fc.integer({ min: STORE_ID_PARAM.min, max: STORE_ID_PARAM.max }).map(String),
  fc.constantFrom('0', '-1', '012', '1e3', `${STORE_ID_PARAM.max}99`, '１２', '12%00', '..%2F..%2Fadmin', '')
)
const tableText = fc.oneof(
  fc.stringMatching(new RegExp(anchoredPattern(TABLE_NAME_PARAM.pattern))),
  fc.constantFrom('A-12', '5%2F..', '<b>', '5%0D%0A', 'x'.repeat(17), '%41%31', '')
)
const queryText = fc.oneof(
  fc.constant(''),
  fc.constantFrom('mode=takeaway', 'mode=dine-in', 'mode=', 'mode', 'mode=takeaway&mode=takeaway'),
  fc
    .array(
      fc
        .tuple(
          fc.constantFrom('mode', 'store', 'table', 'x', '__proto__', 'constructor', 'page', 'm%6Fde'),
          fc.constantFrom('takeaway', '12', '5', '', 'pages/admin/index', '%E0%A4%A', '1')
        )
        .map(([k, v]) => `${k}=${v}`),
      { maxLength: 3 }
    )
    .map((pairs) => pairs.join('&'))
)

/** Links aimed at the project's `/s/` rule: mostly well-formed dine-in and takeaway codes, some broken. */
export const storeLink: fc.Arbitrary<string> = fc
  .record({
    // Listed more than once: the well-formed values, so most links reach routing.
    scheme: fc.constantFrom('https', 'https', 'https', 'HTTPS', 'http'),
    host: fc.constantFrom(
      'shop.example.com',
      'shop.example.com',
      'shop.example.com',
      'SHOP.Example.com',
      'shop.example.com:443',
      'shop.exarnple.com'
    ),
    store: storeText,
    table: fc.option(tableText, { nil: null }),
    trailing: fc.boolean(),
    query: fc.option(queryText, { nil: null }),
    hash: fc.option(fc.constantFrom('', 'menu', 't/9'), { nil: null }),
  })
  .map(({ scheme, host, store, table, trailing, query, hash }) => {
    const path = `/s/${store}${table === null ? '' : `/t/${table}`}${trailing ? '/' : ''}`
    return `${scheme}://${host}${path}${query === null ? '' : `?${query}`}${hash === null ? '' : `#${hash}`}`
  })

/**
 * A `key=value` pair as a printer or tracking tool might append it: any text (encoded), look-alikes of declared
 * names (another case, a second encoding, a NUL, a prototype name) and escapes that are not UTF-8. Raw: as it would
 * stand in the query. Which keys a rule table declares is filtered by the property, not here.
 */
export const extraPair: fc.Arbitrary<{ key: string; value: string }> = fc.record({
  key: fc.oneof(
    fc.string({ maxLength: 12 }).map(encodeURIComponent),
    fc.string({ unit: 'grapheme', maxLength: 6 }).map(encodeURIComponent),
    fc.constantFrom(
      'utm_source',
      'MODE',
      'Store',
      '__proto__',
      'constructor',
      'm%256Fde',
      'mode%00',
      '%FF',
      'page',
      ''
    )
  ),
  value: fc.oneof(
    fc.string({ maxLength: 12 }).map(encodeURIComponent),
    fc.constantFrom('', '%FF', '%', 'pages/admin/index', 'dine-in', '13')
  ),
})

/** `link` with `pair` added to its query, before the fragment, as pair number `at` (modulo the pair count). */
export function withPair(link: string, pair: { key: string; value: string }, at: number): string {
  const hash = link.indexOf('#')
  const beforeHash = hash < 0 ? link : link.slice(0, hash)
  const fragment = hash < 0 ? '' : link.slice(hash)
  const mark = beforeHash.indexOf('?')
  const base = mark < 0 ? beforeHash : beforeHash.slice(0, mark)
  const pairs = mark < 0 || mark === beforeHash.length - 1 ? [] : beforeHash.slice(mark + 1).split('&')
  pairs.splice(at % (pairs.length + 1), 0, `${pair.key}=${pair.value}`)
  return `${base}?${pairs.join('&')}${fragment}`
}

/** How a ticket link may be printed or mangled: as issued, other scheme or case, a query, a fragment, a `/`. */
export const ticketVariant: fc.Arbitrary<(url: string) => string> = fc.constantFrom(
  (u: string) => u,
  (u: string) => u,
  (u: string) => u.replace('http://', 'https://'),
  (u: string) => u.replace('weixin.qq.com', 'WEIXIN.qq.com'),
  (u: string) => `${u}#x`,
  (u: string) => `${u}?x=1`,
  (u: string) => `${u}/`,
  (u: string) => u.toLowerCase()
)

/** Ticket links from `urls` and near misses. */
export function ticketLink(urls: readonly string[]): fc.Arbitrary<string> {
  return fc.tuple(fc.constantFrom(...urls), ticketVariant).map(([url, vary]) => vary(url))
}

// --- rule/link pairs for the reference model -----------------------------------------------------------------------

const refScheme = fc.constantFrom('http', 'https', 'ftp', 'HTTP', 'Https')
const refHost = fc.constantFrom('a.com', 'A.COM', 'b.a.com', 'a.com:8080', 'a.com:80', 'weixin.qq.com')
const refPath = fc
  .tuple(fc.array(fc.constantFrom('a', 'b', 'ab', 'q', '', '%41', 'A'), { maxLength: 3 }), fc.boolean())
  .map(([segments, slash]) =>
    segments.length === 0 ? (slash ? '/' : '') : `/${segments.join('/')}${slash ? '/' : ''}`
  )
const refQuery = fc.option(
  fc.string({ unit: fc.constantFrom('a', 'b', '=', '&', '1', '?', '%'), maxLength: 5 }),
  {
    nil: null,
  }
)
const refHash = fc.option(fc.constantFrom('', 'a', 'x?y', '/a/'), { nil: null })

/** A link (or rule prefix) from small alphabets, so generated rules and links share prefixes often. */
export const refLink: fc.Arbitrary<string> = fc
  .record({ scheme: refScheme, host: refHost, path: refPath, query: refQuery, hash: refHash })
  .map(({ scheme, host, path, query, hash }) => {
    return `${scheme}://${host}${path}${query === null ? '' : `?${query}`}${hash === null ? '' : `#${hash}`}`
  })

/** Text to append to a rule to make a link near it: a deeper path, more query, a fragment, or nothing. */
const extension = fc.constantFrom('', '/', 'b', '/b', '/a/b', '1', '&a=1', '?a', '?', '#a', 'x?y=1')

/** `rule` without its fragment, plus `ext`; after a bare host, a segment goes behind a `/` (not into the port). */
function extend(rule: string, ext: string): string {
  const base = rule.split('#')[0]
  const bareHost = !base.slice(base.indexOf('://') + 3).includes('/') && !base.includes('?')
  return bareHost && /^[A-Za-z0-9&]/.test(ext) ? `${base}/${ext}` : `${base}${ext}`
}

/** `rule` cut back to its host or to one of its path's `/` (a broader rule over the same links). */
function broaden(rule: string, at: number): string {
  const base = rule.split(/[?#]/)[0]
  const start = base.indexOf('://') + 3
  const slashes = [...base.slice(start)].flatMap((c, i) => (c === '/' ? [start + i + 1] : []))
  return slashes.length === 0 ? base : base.slice(0, slashes[at % slashes.length])
}

/** Rules, some derived from others (deeper, broader, with a query), so several rules often match one link. */
const ruleSet: fc.Arbitrary<string[]> = fc
  .tuple(
    fc.array(refLink, { minLength: 1, maxLength: 3 }),
    fc.array(fc.tuple(fc.nat(), fc.boolean(), extension, fc.nat()), { maxLength: 3 }),
    fc.nat()
  )
  .map(([seeds, derivations, rotate]) => {
    const rules = [...seeds]
    for (const [from, deeper, ext, at] of derivations) {
      const rule = rules[from % rules.length]
      rules.push(deeper ? extend(rule, ext) : broaden(rule, at))
    }
    // Derived rules are not always listed after their source: the first-on-a-tie rule must not depend on it.
    const r = rotate % rules.length
    return [...rules.slice(r), ...rules.slice(0, r)]
  })

/** Rules plus a link: either unrelated, or one rule with an extension (so matches are common). Built with
 * `map`, not `chain`, so a counterexample shrinks. */
export const rulesAndLink: fc.Arbitrary<{ rules: string[]; link: string }> = fc
  .tuple(ruleSet, fc.nat(), extension, refLink, fc.boolean())
  .map(([rules, i, ext, other, unrelated]) => ({
    rules,
    link: unrelated ? other : extend(rules[i % rules.length], ext),
  }))

// --- scene maps for the reference model ----------------------------------------------------------------------------

/** A ticket url under http://weixin.qq.com/q/ from small alphabets: plain, `/`-ended, with a query or a bare `?`. */
const refTicket: fc.Arbitrary<string> = fc
  .record({
    segments: fc.array(fc.constantFrom('a', 'b', 'ab', ''), { minLength: 1, maxLength: 3 }),
    slash: fc.boolean(),
    query: fc.option(fc.string({ unit: fc.constantFrom('a', '=', '1', '&'), maxLength: 3 }), { nil: null }),
  })
  .filter(({ segments, slash }) => segments.join('/') !== '' || slash)
  .map(({ segments, slash, query }) => {
    const path = `/q/${segments.join('/')}${slash ? '/' : ''}`
    return `http://weixin.qq.com${path}${query === null ? '' : `?${query}`}`
  })

/** Ticket urls (unique) plus a link: one of them extended (deeper, more query, a fragment), or another ticket-ish link. */
export const ticketsAndLink: fc.Arbitrary<{ tickets: string[]; link: string }> = fc
  .tuple(
    fc.uniqueArray(refTicket, { minLength: 1, maxLength: 6 }),
    fc.nat(),
    extension,
    refTicket,
    fc.boolean(),
    fc.constantFrom('http', 'https', 'HTTP')
  )
  .map(([tickets, i, ext, other, unrelated, scheme]) => {
    const link = unrelated ? other : extend(tickets[i % tickets.length], ext)
    return { tickets, link: link.replace(/^http/, scheme) }
  })
