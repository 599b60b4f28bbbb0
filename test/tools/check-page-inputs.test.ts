// rules:check holds every route to its page's declared input (src/landing/page-inputs.ts): an edit of rules.json
// that would let a printed code land on params its page refuses (or never reads) fails the check, and so the build.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import * as fc from 'fast-check'

import {
  compileRuleTable,
  landContent,
  pageUrl,
  readPageInput,
  STORE_ID_PARAM,
  TABLE_NAME_PARAM,
  type LandingResult,
  type RouteEntry,
  type RuleTableFile,
} from '../../src/landing'
import { checkPageInputs } from '../../tools/lib/check-page-inputs'
import { Problems } from '../../tools/lib/check-problem'
import { checkRules } from '../../tools/lib/check-rules'
import { routesOf } from '../../tools/lib/routes-of'
import { readRulesJson, rule } from '../unit/fixtures'
import { CI_RUNS, queryOf } from '../unit/property-defs'
import { runInProcess } from './run-tool'

const tmp = mkdtempSync(join(tmpdir(), 'check-page-inputs-test-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const ORDER = 'pages/order/index'
const MAX = STORE_ID_PARAM.max
const TABLE_CODE = `https://shop.example.com/s/12/t/5`

/** The project's rules.json with one edit. */
function edited(edit: (file: RuleTableFile) => void): RuleTableFile {
  const file = readRulesJson()
  edit(file)
  return file
}

/** The route `at` (`/rules/0/routes/1`, `/serviceAccount/routes/0`) of `file`. */
function route(file: RuleTableFile, at: string): RouteEntry {
  const parts = at.split('/')
  if (parts[1] === 'rules') return file.rules[Number(parts[2])].routes![Number(parts[4])]
  return file.serviceAccount!.routes![Number(parts[3])]
}

/** The destination's params as its page reads them back from its url (null: the page refuses them). */
function readBack(destination: LandingResult & { ok: true }) {
  if (destination.page === 'pages/index/index') throw new Error('a scan never lands on the entry page')
  return readPageInput(destination.page, queryOf(pageUrl(destination.page, destination.params)))
}

interface Widening {
  name: string
  edit: (file: RuleTableFile) => void
  /** A code that, with the edit, lands on params the page refuses or drops. */
  code: string
  pointer: string
  message: RegExp
}

const WIDENINGS: Widening[] = [
  {
    name: 'a widened int max',
    edit: (f) => {
      route(f, '/rules/0/routes/0').params.store = { ...STORE_ID_PARAM, max: 9_999_999_999 }
    },
    code: `https://shop.example.com/s/${MAX + 1}/t/5`,
    pointer: '/rules/0/routes/0/params/store/max',
    message: new RegExp(
      `goes up to 9999999999, but pages/order/index takes an int from 1 to ${MAX} for "store"`
    ),
  },
  {
    name: 'a lowered int min',
    edit: (f) => {
      route(f, '/rules/0/routes/0').params.store = { ...STORE_ID_PARAM, min: 0 }
    },
    code: 'https://shop.example.com/s/0/t/5',
    pointer: '/rules/0/routes/0/params/store/min',
    message: new RegExp(`starts at 0, but pages/order/index takes an int from 1 to ${MAX} for "store"`),
  },
  {
    name: 'a new enum value',
    edit: (f) => {
      route(f, '/rules/0/routes/1').params.mode = { type: 'enum', values: ['takeaway', 'delivery'] }
    },
    code: 'https://shop.example.com/s/12?mode=delivery',
    pointer: '/rules/0/routes/1/params/mode/values',
    message: /The value "delivery" reaches the page, but pages\/order\/index takes "takeaway" for "mode"/,
  },
  {
    name: 'a loosened pattern',
    edit: (f) => {
      route(f, '/rules/0/routes/0').params.table = { type: 'string', pattern: '[A-Za-z0-9_-]{1,32}' }
    },
    code: 'https://shop.example.com/s/12/t/A_1',
    pointer: '/rules/0/routes/0/params/table/pattern',
    message: /pattern is not the page's/,
  },
  {
    name: 'a param the page does not declare',
    edit: (f) => {
      route(f, '/rules/0/routes/0').params.seat = { type: 'int', min: 1, max: 9, optional: true }
    },
    code: `${TABLE_CODE}?seat=3`,
    pointer: '/rules/0/routes/0/params/seat',
    message: /"seat" is not a param pages\/order\/index reads/,
  },
  {
    name: 'a scene route that never gives the table dine-in needs',
    edit: (f) => {
      route(f, '/serviceAccount/routes/1').params.mode = { const: 'dine-in' }
    },
    code: 'http://weixin.qq.com/q/02demoStoreTicketId1001',
    pointer: '/serviceAccount/routes/1/params',
    message: /pages\/order\/index needs "table" .*, which this route never gives it/,
  },
  {
    name: 'an optional param the page needs',
    edit: (f) => {
      route(f, '/serviceAccount/routes/0').params.table = { ...TABLE_NAME_PARAM, optional: true }
    },
    code: 'http://weixin.qq.com/q/02demoStoreTicketId1001',
    pointer: '/serviceAccount/routes/0/params/table',
    message: /"table" is optional here, but pages\/order\/index needs it/,
  },
  {
    name: 'a const the page refuses',
    edit: (f) => {
      route(f, '/rules/0/routes/0').params.mode = { const: 'dine_in' }
    },
    code: TABLE_CODE,
    pointer: '/rules/0/routes/0/params/mode/const',
    message: /The const is "dine_in"/,
  },
  {
    name: 'a default the page refuses',
    edit: (f) => {
      route(f, '/rules/0/routes/1').params.mode = { type: 'enum', values: ['delivery'], default: 'delivery' }
    },
    code: 'https://shop.example.com/s/12',
    pointer: '/rules/0/routes/1/params/mode/default',
    message: /The default is "delivery"/,
  },
  {
    name: 'an int with no max',
    edit: (f) => {
      route(f, '/rules/0/routes/1').params.store = { type: 'int', min: 1 }
    },
    code: `https://shop.example.com/s/${MAX + 1}`,
    // The field is absent: the problem is the param's.
    pointer: '/rules/0/routes/1/params/store',
    message: /goes up to 9007199254740991/,
  },
  {
    name: 'free text where the page takes an int',
    edit: (f) => {
      route(f, '/rules/0/routes/1').params.store = { type: 'string', pattern: '[0-9]{1,9}' }
    },
    code: 'https://shop.example.com/s/012',
    pointer: '/rules/0/routes/1/params/store/type',
    message: /It is free text, but pages\/order\/index takes an int/,
  },
]

describe('a rules.json edit that would create links the order page refuses', () => {
  it.each(WIDENINGS)('$name: lands a code on params the page will not take', ({ edit, code }) => {
    const before = compileRuleTable(readRulesJson())
    const after = compileRuleTable(edited(edit))
    if (!before.ok || !after.ok)
      throw new Error('the edited rule table must still compile: it is wider, not broken')
    const landed = landContent(code, after.ruleTable)
    if (!landed.ok) throw new Error(`${code} does not land: ${JSON.stringify(landed)}`)
    // The page refuses the params, or reads them without one the route gave it.
    expect(readBack(landed)).not.toEqual(landed.params)
    // Today the same code lands nowhere, or on params the page reads back whole.
    const today = landContent(code, before.ruleTable)
    if (today.ok) expect(readBack(today)).toEqual(today.params)
  })

  it.each(WIDENINGS)(
    '$name: fails rules:check at its pointer, with a hint',
    async ({ edit, pointer, message }) => {
      const path = join(tmp, 'rules.json')
      writeFileSync(path, JSON.stringify(edited(edit), null, 2))
      const r = await runInProcess('rules:check', ['--rules', path])
      expect(r.status).toBe(1)
      const lines = r.stderr.split('\n')
      const at = lines.findIndex((line) => line.startsWith(`  error ${pointer}: `) && message.test(line))
      expect(at).toBeGreaterThanOrEqual(0)
      expect(lines[at + 1]).toMatch(
        /^ {4}hint: .+ pages\/order\/index takes \{ store, table, mode: "dine-in" \} or/
      )
    }
  )
})

describe("routes no wider than their page's input pass", () => {
  it.each<[string, (file: RuleTableFile) => void]>([
    ['the project rules.json', () => undefined],
    [
      'a narrower int range',
      (f) => void (route(f, '/rules/0/routes/0').params.store = { type: 'int', min: 10, max: 99 }),
    ],
    [
      'a store fixed by a const',
      (f) => {
        const dineIn = route(f, '/rules/0/routes/0')
        dineIn.path = '/s/12/t/:table'
        dineIn.params.store = { const: 12 }
      },
    ],
    [
      'a shorter maxLength with the same pattern',
      (f) => void (route(f, '/rules/0/routes/0').params.table = { ...TABLE_NAME_PARAM, maxLength: 4 }),
    ],
    [
      'an optional takeaway mode with a default',
      (f) =>
        void (route(f, '/rules/0/routes/1').params.mode = {
          type: 'enum',
          values: ['takeaway'],
          optional: true,
          default: 'takeaway',
        }),
    ],
  ])('%s', (_name, edit) => {
    expect(checkRules(edited(edit)).problems).toEqual([])
  })
})

describe('every section with routes is checked, whatever its name', () => {
  it('reports a route of a section rules:check does not know by name at its pointer', () => {
    const file = {
      ...readRulesJson(),
      miniProgramCode: {
        routes: [
          { page: 'pages/result/index', params: { order: { type: 'string', pattern: '[A-Za-z0-9]{1,64}' } } },
        ],
      },
    }
    const problems = new Problems()
    checkPageInputs(file, problems)
    expect(problems.list.map((p) => p.pointer)).toEqual(['/miniProgramCode/routes/0/params/order/pattern'])
  })

  it('checks the routes mini program codes share with the service account ("serviceAccount") once, where written', () => {
    const file = edited((f) => {
      route(f, '/serviceAccount/routes/0').params.table = { ...TABLE_NAME_PARAM, optional: true }
    })
    expect(file.miniProgramCode?.routes).toBe('serviceAccount')
    expect(routesOf(file as unknown as Record<string, unknown>).map((r) => r.pointer)).not.toContainEqual(
      expect.stringMatching(/^\/miniProgramCode/)
    )
    const problems = new Problems()
    checkPageInputs(file as unknown as Record<string, unknown>, problems)
    expect(problems.list.map((p) => p.pointer)).toEqual(['/serviceAccount/routes/0/params/table'])
  })

  it('leaves a route whose page or params do not compile to the compile errors', () => {
    const file: RuleTableFile = {
      rules: [
        rule('https://shop.example.com/s/', {
          routes: [
            { page: 'pages/nope/index', path: '/s/:store', params: { store: STORE_ID_PARAM } },
            {
              page: ORDER,
              path: '/s/:store',
              params: { store: { type: 'int', min: 5, max: 1 }, mode: { const: 'takeaway' } },
            },
          ],
        }),
      ],
    }
    const problems = new Problems()
    checkPageInputs(file as unknown as Record<string, unknown>, problems)
    expect(problems.list).toEqual([])
  })
})

// --- the check is sound: whatever it accepts, the page takes ----------------------------------------------------

const pick = <T>(values: readonly T[]) => fc.constantFrom(...values)
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })

/** Param declarations around the order page's own: other ranges, types, patterns, consts, optional, defaults. */
const storeSpec = fc.oneof(
  fc.record({
    type: fc.constant('int' as const),
    min: maybe(pick([0, 1, 2])),
    max: maybe(pick([2, MAX - 1, MAX, MAX + 1])),
    optional: maybe(fc.boolean()),
  }),
  fc.record({ type: fc.constant('string' as const), pattern: pick(['[0-9]{1,9}', '[1-9][0-9]{0,8}']) }),
  fc.record({ const: pick<string | number>([12, 0, '12', '012']) }),
  fc.record({
    type: fc.constant('enum' as const),
    values: fc.subarray(['1', '12', '012', '0'], { minLength: 1 }),
  })
)
const tableSpec = fc.oneof(
  fc.record({
    type: fc.constant('string' as const),
    pattern: pick([TABLE_NAME_PARAM.pattern, '[A-Za-z0-9_-]{1,16}', '.{1,16}', '[0-9]{1,3}']),
    maxLength: maybe(pick([2, 16, 100])),
    optional: maybe(fc.boolean()),
  }),
  fc.record({
    type: fc.constant('enum' as const),
    values: fc.subarray(['5', 'A-1', 'a b'], { minLength: 1 }),
  }),
  fc.record({ const: pick(['5', 'a b']) })
)
const modeSpec = fc.oneof(
  fc.record({ const: pick(['dine-in', 'takeaway', 'delivery']) }),
  fc
    .record({
      values: fc.subarray(['dine-in', 'takeaway', 'delivery'], { minLength: 1 }),
      optional: maybe(fc.boolean()),
      useDefault: fc.boolean(),
    })
    .map(({ values, optional, useDefault }) => ({
      type: 'enum' as const,
      values,
      optional,
      default: useDefault ? values[0] : undefined,
    }))
)
type Edit = (params: RouteEntry['params']) => void
const edit: fc.Arbitrary<Edit> = fc.oneof(
  storeSpec.map(
    (spec): Edit =>
      (p) =>
        void (p.store = spec)
  ),
  tableSpec.map(
    (spec): Edit =>
      (p) =>
        void (p.table = spec)
  ),
  modeSpec.map(
    (spec): Edit =>
      (p) =>
        void (p.mode = spec)
  ),
  pick(['store', 'table', 'mode']).map(
    (name): Edit =>
      (p) =>
        void delete p[name]
  ),
  fc.constant<Edit>((p) => void (p.seat = { type: 'int', min: 1, max: 9, optional: true }))
)
/** A route's params: one of the page's ways in as rules.json writes them, then up to three edits. */
const routeParams = fc
  .tuple(
    pick<() => RouteEntry['params']>([
      () => ({ store: STORE_ID_PARAM, table: TABLE_NAME_PARAM, mode: { const: 'dine-in' } }),
      () => ({ store: STORE_ID_PARAM, mode: { type: 'enum', values: ['takeaway'], default: 'takeaway' } }),
      () => ({ store: STORE_ID_PARAM, mode: { const: 'takeaway' } }),
    ]),
    fc.array(edit, { maxLength: 3 })
  )
  .map(([way, edits]) => {
    const params = way()
    for (const e of edits) e(params)
    return JSON.parse(JSON.stringify(params)) as RouteEntry['params'] // drops undefined fields
  })

/** A query key given most of the time, with one of `values`. */
const key = (values: readonly string[]) => fc.option(pick(values), { nil: undefined, freq: 4 })

/** Query values to land with: the page's own, and values just outside it. */
const queryValues = fc
  .record({
    store: key(['12', '0', '1', '2', `${MAX}`, `${MAX + 1}`, '012', 'x']),
    table: key(['5', 'A-1', 'A_1', 'a%20b', '1234', 'x'.repeat(17)]),
    mode: key(['dine-in', 'takeaway', 'delivery']),
    seat: key(['1', '10']),
  })
  .map((query) =>
    Object.entries(query)
      .flatMap(([k, v]) => (v === undefined ? [] : [`${k}=${v}`]))
      .join('&')
  )

describe("rules:check's page-input check is sound", () => {
  it('a route it accepts lands only on params its page reads back whole', () => {
    let accepted = 0
    let landed = 0
    fc.assert(
      fc.property(routeParams, fc.array(queryValues, { minLength: 4, maxLength: 10 }), (params, queries) => {
        const file: RuleTableFile = {
          rules: [rule('https://shop.example.com/x', { routes: [{ page: ORDER, path: '/x', params }] })],
        }
        const compiled = compileRuleTable(file)
        if (!compiled.ok) return
        const problems = new Problems()
        checkPageInputs(file as unknown as Record<string, unknown>, problems)
        if (problems.list.length > 0) return
        accepted++
        for (const query of queries) {
          const result = landContent(`https://shop.example.com/x?${query}`, compiled.ruleTable)
          if (!result.ok) continue
          landed++
          // Compared as text: a const "12" reaches an int param as the number 12, the same value.
          const read = readBack(result)
          expect(read && stringValues(read)).toEqual(stringValues(result.params))
        }
      }),
      { numRuns: CI_RUNS }
    )
    // Not vacuous: the generators reach accepted routes and landings.
    expect(accepted).toBeGreaterThan(CI_RUNS / 20)
    expect(landed).toBeGreaterThan(CI_RUNS / 20)
  })
})

function stringValues(params: Record<string, string | number>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))
}
