// Each page's declared input (src/landing/page-inputs.ts): what its reader accepts, that the declarations are valid
// route params, and the types derived from them.
import {
  APP_PAGES,
  compileRuleTable,
  ENTRY_PAGE,
  ORDER_ID_PARAM,
  PAGE_INPUTS,
  paramValue,
  readPageInput,
  STORE_ID_PARAM,
  TABLE_NAME_PARAM,
  type InputPage,
  type OrderContext,
  type PageInput,
  type PageParams,
  type PageParamSpec,
} from '../../src/landing'

describe('PAGE_INPUTS', () => {
  it('declares an input for every page but the entry page', () => {
    expect(Object.keys(PAGE_INPUTS).sort()).toEqual(APP_PAGES.filter((p) => p !== ENTRY_PAGE).sort())
  })

  it.each(Object.entries(PAGE_INPUTS))('%s: each way in is valid as the params of a route', (page, ways) => {
    // Compiled by the core exactly as rules.json's routes are: the same shape, the same rules.
    for (const params of ways) {
      const compiled = compileRuleTable({
        rules: [],
        serviceAccount: { appid: 'wx0', tickets: [], routes: [{ page, params }] },
      })
      expect(compiled).toMatchObject({ ok: true })
    }
  })
})

describe('the ways into one page', () => {
  // The reader takes the first way that fits, and rules:check the one a route fits: when two ways can both read a
  // query, the first could drop a param the second would read. A const that differs keeps them apart.
  // Only pages with more than one way in have ways to tell apart.
  const manyWays = Object.entries(PAGE_INPUTS).filter(([, ways]) => (ways as PageInput).length > 1)
  it('exist: at least one page has more than one way in', () => expect(manyWays.length).toBeGreaterThan(0))
  it.each(manyWays)('%s: are told apart by a const', (_page, ways) => {
    const list = ways as PageInput
    list.forEach((a, i) =>
      list.slice(i + 1).forEach((b) => {
        const apart = Object.keys(a).some((name) => {
          const x = a[name]
          const y = Object.prototype.hasOwnProperty.call(b, name) ? b[name] : undefined
          return y !== undefined && 'const' in x && 'const' in y && x.const !== y.const
        })
        expect(apart).toBe(true)
      })
    )
  })
})

describe('paramValue', () => {
  it.each<[string, PageParamSpec, string, string | number | undefined]>([
    ['an int', STORE_ID_PARAM, '12', 12],
    ['the int max', STORE_ID_PARAM, '999999999', 999999999],
    ['past the int max', STORE_ID_PARAM, '1000000000', undefined],
    ['below the int min', STORE_ID_PARAM, '0', undefined],
    // pageUrl writes String(n): another spelling of the number did not come from us.
    ['a leading zero', STORE_ID_PARAM, '012', undefined],
    ['a sign', STORE_ID_PARAM, '+12', undefined],
    ['an exponent', STORE_ID_PARAM, '1e3', undefined],
    ['a table', TABLE_NAME_PARAM, 'A-12', 'A-12'],
    ['a table too long', TABLE_NAME_PARAM, 'x'.repeat(17), undefined],
    ['a table with a space', TABLE_NAME_PARAM, 'A 1', undefined],
    ['a table with a newline after it', TABLE_NAME_PARAM, 'A1\n', undefined],
    ['an order id', ORDER_ID_PARAM, 'o1a2b3c4d5e6', 'o1a2b3c4d5e6'],
    ['a const', { const: 'dine-in' }, 'dine-in', 'dine-in'],
    ['a numeric const', { const: 7 }, '7', 7],
    ['another const', { const: 'dine-in' }, 'takeaway', undefined],
    ['an enum value', { type: 'enum', values: ['a', 'b'] }, 'b', 'b'],
    ['a value the enum lacks', { type: 'enum', values: ['a', 'b'] }, 'c', undefined],
    ['a string past maxLength', { type: 'string', pattern: '[a-z]+', maxLength: 3 }, 'abcd', undefined],
  ])('reads %s', (_name, spec, text, value) => {
    expect(paramValue(spec, text)).toBe(value)
  })
})

describe('readPageInput', () => {
  it.each<{ page: InputPage; query: unknown; params: Record<string, unknown> | null }>([
    { page: 'pages/result/index', query: { order: 'o1a2b3c4d5e6' }, params: { order: 'o1a2b3c4d5e6' } },
    // Taro's own keys, and any other key the page does not declare, are not read.
    {
      page: 'pages/result/index',
      query: { order: 'o1a2b3c4d5e6', $taroTimestamp: '1', stamp: '2', x: 'y' },
      params: { order: 'o1a2b3c4d5e6' },
    },
    { page: 'pages/result/index', query: { order: 'o1%2Fx%2F..' }, params: null },
    { page: 'pages/result/index', query: { order: ['o1a2b3c4d5e6'] }, params: null },
    { page: 'pages/result/index', query: {}, params: null },
    { page: 'pages/confirm/index', query: {}, params: {} },
    { page: 'pages/confirm/index', query: { anything: 'x' }, params: {} },
    {
      page: 'pages/order/index',
      query: { store: '12', table: '5', mode: 'dine-in' },
      params: { store: 12, table: '5', mode: 'dine-in' },
    },
    {
      page: 'pages/order/index',
      query: { store: '12', mode: 'takeaway' },
      params: { store: 12, mode: 'takeaway' },
    },
    // A query inherits nothing: a prototype's members are not params.
    { page: 'pages/order/index', query: Object.create({ store: '12', mode: 'takeaway' }), params: null },
    { page: 'pages/order/index', query: 'store=12&mode=takeaway', params: null },
    { page: 'pages/order/index', query: null, params: null },
  ])('$page reads $query', ({ page, query, params }) => {
    expect(readPageInput(page, query)).toEqual(params)
  })

  it('applies a way in by its order: the first that fits is read', () => {
    // A dine-in query with a table reads as dine-in; takeaway never keeps a table.
    expect(readPageInput('pages/order/index', { store: '7', mode: 'takeaway', table: '5' })).toEqual({
      store: 7,
      mode: 'takeaway',
    })
  })
})

describe('the types derived from the declarations', () => {
  it('type each way in from its specs', () => {
    const dineIn: PageParams<'pages/order/index'> = { store: 1, table: '5', mode: 'dine-in' }
    const takeaway: PageParams<'pages/order/index'> = { store: 1, mode: 'takeaway' }
    const context: OrderContext = { store: 1, mode: 'takeaway', table: null }
    const result: PageParams<'pages/result/index'> = { order: 'o1a2b3c4d5e6' }
    // @ts-expect-error dine-in needs its table
    const noTable: PageParams<'pages/order/index'> = { store: 1, mode: 'dine-in' }
    // @ts-expect-error a store is a number
    const textStore: PageParams<'pages/order/index'> = { store: '1', mode: 'takeaway' }
    // @ts-expect-error no way in has mode "delivery"
    const delivery: PageParams<'pages/order/index'> = { store: 1, mode: 'delivery' }
    // @ts-expect-error a takeaway context has no table
    const tableToGo: OrderContext = { store: 1, mode: 'takeaway', table: '5' }
    // The assertions are the compiler's (npm run typecheck); this keeps the values used.
    expect([dineIn, takeaway, context, result, noTable, textStore, delivery, tableToGo]).toHaveLength(8)
  })
})
