// The landing core's properties, defined once: the Jest files (test/unit/property-*.test.ts) run each a few
// thousand times in CI, `npm run fuzz` (tools/fuzz.ts) runs each ≥ 100 000 times. Predicates assert with
// node:assert, so they run the same inside and outside Jest.
import assert from 'node:assert/strict'
import * as fc from 'fast-check'

import {
  anchoredPattern,
  compileRuleTable,
  decodeQ,
  ENTRY_PAGE,
  landContent,
  landInput,
  landQ,
  landScene,
  LANDING_LIMITS,
  lookupTicket,
  matchRule,
  mismatchOf,
  pageUrl,
  parseLink,
  percentDecode,
  readLaunchQuery,
  readOrderContext,
  readPageInput,
  ScanGate,
  STORE_ID_PARAM,
  TABLE_NAME_PARAM,
  type RuleTable,
  type LandingResult,
  type RuleTableFile,
} from '../../src/landing'
import { FIXTURE_FILE, readRulesJson } from './fixtures'
import {
  anyString,
  extraPair,
  launchQuery,
  percentSoup,
  refLink,
  rulesAndLink,
  sceneValue,
  storeLink,
  ticketLink,
  ticketsAndLink,
  ticketVariant,
  wellFormedString,
  withPair,
} from './property-arbitraries'
import { assertDeclared } from './property-oracle'
import { refChoose, refIsTicket, refMismatch } from './reference-matcher'
import { explainError } from '../../src/landing/explain'

export type PropertyGroup = 'no-throw' | 'declared' | 'reference' | 'encoding'

export interface PropertyDef {
  /** What holds, as a sentence (the test name and the fuzz report line). */
  name: string
  group: PropertyGroup
  /** A fresh property each call (fast-check properties keep run state). */
  property(): fc.IProperty<unknown[]>
}

const CODES = [
  'malformed-q',
  'malformed-scene',
  'not-a-link',
  'no-matching-rule',
  'unknown-ticket',
  'no-route',
  'invalid-param',
]

function compile(file: unknown): RuleTable {
  const compiled = compileRuleTable(file)
  if (!compiled.ok) throw new Error(`rule table does not compile: ${compiled.problems[0]?.message}`)
  return compiled.ruleTable
}

/** The rule tables the properties land against: the project's rules.json and the unit tests' fixture. */
export const RULE_TABLES: ReadonlyArray<{ name: string; file: RuleTableFile; ruleTable: RuleTable }> = [
  { name: 'rules.json', file: readRulesJson() },
  { name: 'fixture', file: FIXTURE_FILE },
].map((t) => ({ ...t, ruleTable: compile(t.file) }))

/** Every result is a destination or one of the stable error codes with words for the customer. */
export function assertWellFormed(result: LandingResult): void {
  if (result.ok) return
  assert.ok(CODES.includes(result.code), `unknown code ${result.code}`)
  const { message, hint } = explainError(result)
  assert.ok(message.length > 0 && hint.length > 0, 'an error needs a message and a hint')
}

const ticketUrls = (file: RuleTableFile) => (file.serviceAccount?.tickets ?? []).map((t) => t.url)

/** How a link reaches the core: raw (in-app scanCode), as WeChat's q (encoded once), or printed encoded twice. */
const DELIVERIES = {
  content: (link: string, ruleTable: RuleTable) => landContent(link, ruleTable),
  q: (link: string, ruleTable: RuleTable) => landQ(encodeURIComponent(link), ruleTable),
  'q encoded twice': (link: string, ruleTable: RuleTable) =>
    landQ(encodeURIComponent(encodeURIComponent(link)), ruleTable),
}

/**
 * A rule table, a link aimed at it, and how it is delivered: the input of the "declared" property. Tickets come
 * from the chosen rule table (a `map` from its index, not a `chain`, so counterexamples shrink).
 */
export const declaredInput = fc
  .tuple(
    fc.nat({ max: RULE_TABLES.length - 1 }),
    // Weighted towards links aimed at the rule table, so a good share lands (see property-declared.test.ts).
    fc.oneof(
      { arbitrary: storeLink.map((link) => () => link), weight: 4 },
      {
        arbitrary: fc.tuple(fc.nat(), ticketVariant).map(([i, vary]) => (t: number) => {
          const urls = ticketUrls(RULE_TABLES[t].file)
          return vary(urls[i % urls.length])
        }),
        weight: 2,
      },
      { arbitrary: refLink.map((link) => () => link), weight: 1 },
      { arbitrary: wellFormedString.map((link) => () => link), weight: 1 }
    ),
    fc.constantFrom(...(Object.keys(DELIVERIES) as Array<keyof typeof DELIVERIES>))
  )
  .map(([t, link, delivery]) => ({ t, link: link(t), delivery }))

export function landDeclared({
  t,
  link,
  delivery,
}: {
  t: number
  link: string
  delivery: keyof typeof DELIVERIES
}) {
  return DELIVERIES[delivery](link, RULE_TABLES[t].ruleTable)
}

/** Reads `/page?k=v&…` back the way WeChat hands a page its options (values decoded once). */
export function queryOf(url: string): Record<string, string> {
  const search = url.includes('?') ? url.slice(url.indexOf('?') + 1) : ''
  return Object.fromEntries(
    search
      .split('&')
      .filter(Boolean)
      .map((pair) => pair.split('=').map(decodeURIComponent) as [string, string])
  )
}

// The table name as the order page declares it, anchored as the core runs it (an oracle apart from its reader).
const TABLE_NAME = new RegExp(anchoredPattern(TABLE_NAME_PARAM.pattern))

// Bytes that never occur in UTF-8: overlong leads C0/C1 and F5–FF.
const NEVER_UTF8 = /%(?:C[01]|F[5-9A-F])/i
// `scheme://` once encoded (or more): decodeQ decodes such text again by design.
const ENCODED_LINK = /^[A-Za-z][A-Za-z0-9+.-]*%(?:25)*3A/i
const ABSOLUTE_LINK = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//

export const PROPERTIES: readonly PropertyDef[] = [
  {
    name: 'parseLink, decodeQ and landContent never throw on arbitrary strings',
    group: 'no-throw',
    property: () =>
      fc.property(anyString, (s) => {
        parseLink(s)
        decodeQ(s)
        percentDecode(s)
        for (const { ruleTable } of RULE_TABLES) assertWellFormed(landContent(s, ruleTable))
      }),
  },
  {
    name: 'landQ never throws on arbitrary percent-encodings, and an escape that is never UTF-8 lands on malformed-q',
    group: 'no-throw',
    property: () =>
      fc.property(percentSoup, (q) => {
        for (const { ruleTable } of RULE_TABLES) {
          const result = landQ(q, ruleTable)
          assertWellFormed(result)
          if (NEVER_UTF8.test(q)) assert.equal(result.ok ? 'ok' : result.code, 'malformed-q', q)
        }
      }),
  },
  {
    name: 'launch options of any shape go through readLaunchQuery, ScanGate and landInput without throwing',
    group: 'no-throw',
    property: () =>
      fc.property(
        fc.array(fc.tuple(launchQuery, fc.boolean()), { minLength: 1, maxLength: 4 }),
        (queries) => {
          const gate = new ScanGate()
          for (const [query, opened] of queries) {
            const input = readLaunchQuery(query)
            gate.admit(input, opened)
            if (input.kind === 'none') continue
            if (input.kind === 'scan') {
              const time = input.scancodeTime
              assert.ok(time === null || (Number.isSafeInteger(time) && time >= 0), `scancodeTime ${time}`)
            }
            for (const { ruleTable } of RULE_TABLES)
              assertWellFormed(landInput(input, ruleTable, 1_700_000_000))
          }
        }
      ),
  },
  {
    name: 'readOrderContext never throws and accepts only a valid store, mode and table',
    group: 'no-throw',
    property: () =>
      fc.property(
        fc.oneof(
          launchQuery,
          fc.record(
            {
              store: fc.oneof(fc.integer().map(String), anyString, fc.anything()),
              mode: fc.oneof(fc.constantFrom('dine-in', 'takeaway', 'Takeaway', ''), anyString),
              table: fc.oneof(fc.stringMatching(TABLE_NAME), anyString, fc.anything()),
            },
            { requiredKeys: [] }
          )
        ),
        (query) => {
          const context = readOrderContext(query)
          if (context === null) return
          const { min, max } = STORE_ID_PARAM
          assert.ok(Number.isSafeInteger(context.store) && context.store >= min && context.store <= max)
          if (context.mode === 'dine-in') assert.match(context.table, TABLE_NAME)
          else assert.equal(context.table, null)
        }
      ),
  },
  {
    name: "every ok landing names a page the rule table declares, with params of the declared types, that the page's declared input reads back whole",
    group: 'declared',
    property: () =>
      fc.property(declaredInput, (input) => {
        const result = landDeclared(input)
        assertWellFormed(result)
        if (!result.ok) return
        assertDeclared(RULE_TABLES[input.t].file, result)
        // What the entry page navigates to, read back as the order page reads its options.
        const url = pageUrl(result.page, result.params)
        assert.ok(url.startsWith(`/${result.page}`))
        const query = queryOf(url)
        assert.deepEqual(
          query,
          Object.fromEntries(Object.entries(result.params).map(([k, v]) => [k, String(v)]))
        )
        // The page's own reader takes every param, as the route typed it: none refused, none dropped.
        assert.ok(result.page !== ENTRY_PAGE, url)
        assert.deepEqual(readPageInput(result.page, query), result.params, url)
      }),
  },
  {
    name: 'every ok mini program code landing names a page its routes declare, with params the page reads back',
    group: 'declared',
    property: () =>
      fc.property(fc.nat({ max: RULE_TABLES.length - 1 }), sceneValue, (t, scene) => {
        const result = landScene(scene, RULE_TABLES[t].ruleTable)
        assertWellFormed(result)
        if (!result.ok) return
        assertDeclared(RULE_TABLES[t].file, result)
        const query = queryOf(pageUrl(result.page, result.params))
        if (result.page === 'pages/order/index') assert.notEqual(readOrderContext(query), null, scene)
      }),
  },
  {
    name: 'a query key no route of the rule declares changes nothing but the ignored list, and never reaches the page',
    group: 'declared',
    property: () =>
      fc.property(
        fc.nat({ max: RULE_TABLES.length - 1 }),
        storeLink,
        extraPair,
        fc.nat(),
        (t, link, pair, at) => {
          const { ruleTable } = RULE_TABLES[t]
          const key = percentDecode(pair.key)
          if (key !== false && ruleTable.rules.some((r) => r.paramNames.has(key))) return
          const before = landContent(link, ruleTable)
          const after = landContent(withPair(link, pair, at), ruleTable)
          if (!before.ok) return assert.equal(after.ok ? 'ok' : after.code, before.code, link)
          assert.ok(after.ok, `${withPair(link, pair, at)} failed where ${link} landed`)
          assert.deepEqual([after.rule, after.page, after.params], [before.rule, before.page, before.params])
          assert.ok(
            after.ignored?.includes(key === false ? pair.key : key),
            `${pair.key} not listed as ignored`
          )
        }
      ),
  },
  {
    name: 'mismatchOf agrees with the reference model on every rule/link pair',
    group: 'reference',
    property: () =>
      fc.property(rulesAndLink, ({ rules, link }) => {
        const parsedLink = parseLink(link)
        assert.ok(parsedLink.ok, `the generator made an unparseable link ${link}`)
        for (const rule of rules) {
          const parsedRule = parseLink(rule)
          assert.ok(parsedRule.ok, `the generator made an unparseable rule ${rule}`)
          assert.equal(
            mismatchOf(parsedLink.value, parsedRule.value),
            refMismatch(link, rule),
            `rule ${rule}, link ${link}`
          )
        }
      }),
  },
  {
    name: 'matchRule picks the rule the reference model picks (most specific, first on a tie)',
    group: 'reference',
    property: () =>
      fc.property(rulesAndLink, ({ rules, link }) => {
        const ruleTable = compile({
          rules: rules.map((prefix) => ({ prefix, permit_sub_rule: 1, open_version: 3, debug_url: [] })),
        })
        const parsed = parseLink(link)
        assert.ok(parsed.ok)
        const matched = matchRule(parsed.value, ruleTable.rules)
        const expected = refChoose(link, rules)
        assert.equal(
          matched.ok ? ruleTable.rules.indexOf(matched.rule) : -1,
          expected,
          `rules ${rules.join(' ')}, link ${link}`
        )
      }),
  },
  {
    name: 'landContent lands where the reference model says: the chosen rule, its misses, or the scene map',
    group: 'reference',
    property: () =>
      fc.property(rulesAndLink, ({ rules, link }) => {
        const ruleTable = compile({
          rules: rules.map((prefix) => ({ prefix, permit_sub_rule: 1, open_version: 3, debug_url: [] })),
        })
        const result = landContent(link, ruleTable)
        assert.ok(!result.ok, 'rules without routes never land on a page')
        if (refIsTicket(link)) return assert.equal(result.code, 'unknown-ticket', link)
        const chosen = refChoose(link, rules)
        if (chosen >= 0) {
          // Matched: the query is read (a repeated key is invalid-param) before the rule's routes (none: no-route).
          assert.ok(
            result.code === 'no-route' || result.code === 'invalid-param',
            `${result.code} for ${link}`
          )
          assert.equal(result.rule, rules[chosen])
        } else {
          assert.equal(result.code, 'no-matching-rule', link)
          assert.deepEqual(
            result.explain,
            rules.map((prefix) => ({ prefix, mismatch: refMismatch(link, prefix) }))
          )
        }
      }),
  },
  {
    name: 'a ticket link opens the ticket the reference model picks from the ticket urls (prefix rules, most specific)',
    group: 'reference',
    property: () =>
      fc.property(ticketsAndLink, ({ tickets, link }) => {
        const ruleTable = compile({
          rules: [],
          serviceAccount: {
            appid: 'wx0a1b2c3d4e5f6a7b',
            tickets: tickets.map((url, i) => ({ url, scene: `store=${i + 1}` })),
          },
        })
        // Ticket links are read by their canonical http url, whatever the scheme's case or https.
        const expected = refIsTicket(link) ? refChoose(link.replace(/^https?:/i, 'http:'), tickets) : -1
        const found = lookupTicket(link, ruleTable)
        assert.equal(
          found?.url ?? null,
          expected < 0 ? null : tickets[expected],
          `tickets ${tickets.join(' ')}, link ${link}`
        )
      }),
  },
  {
    name: 'percentDecode(encodeURIComponent(s)) gives s back',
    group: 'encoding',
    property: () =>
      fc.property(wellFormedString, (s) => {
        assert.equal(percentDecode(encodeURIComponent(s)), s)
      }),
  },
  {
    name: 'decodeQ(encodeURIComponent(s)) gives s back, unless s is itself an encoded link (decoded again by policy)',
    group: 'encoding',
    property: () =>
      fc.property(wellFormedString, (s) => {
        const q = encodeURIComponent(s)
        const decoded = decodeQ(q)
        if (s === '' || q.length > LANDING_LIMITS.maxQLength) return assert.equal(decoded.ok, false)
        if (ENCODED_LINK.test(s)) return
        assert.deepEqual(decoded, { ok: true, value: s })
      }),
  },
  {
    name: 'a link encoded twice or three times lands exactly like the link encoded once',
    group: 'encoding',
    property: () =>
      fc.property(
        fc.nat({ max: RULE_TABLES.length - 1 }),
        fc.oneof(
          storeLink,
          ticketLink(RULE_TABLES.flatMap((t) => ticketUrls(t.file))),
          refLink,
          fc.webUrl({ withQueryParameters: true, withFragments: true })
        ),
        (t, link) => {
          assert.match(link, ABSOLUTE_LINK)
          const { ruleTable } = RULE_TABLES[t]
          const once = encodeURIComponent(link)
          const twice = encodeURIComponent(once)
          const thrice = encodeURIComponent(twice)
          const expected = landQ(once, ruleTable)
          if (twice.length <= LANDING_LIMITS.maxQLength) assert.deepEqual(landQ(twice, ruleTable), expected)
          if (thrice.length <= LANDING_LIMITS.maxQLength) assert.deepEqual(landQ(thrice, ruleTable), expected)
        }
      ),
  },
]

/** The properties of one group, for a test file. */
export function propertiesOf(group: PropertyGroup): PropertyDef[] {
  return PROPERTIES.filter((p) => p.group === group)
}

/** Runs per property in CI (`npm test`): a few thousand, so the four files stay within seconds. */
export const CI_RUNS = Number(process.env.PROPERTY_RUNS ?? 2000)
