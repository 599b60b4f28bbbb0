import {
  landContent,
  pageUrl,
  readOrderContext,
  STORE_ID_PARAM,
  type OrderContext,
  type PagePath,
  type Params,
} from '../../src/landing'
import { compile, readRulesJson } from './fixtures'
import { explainError } from '../../src/landing/explain'

/** What a page's `onLoad` receives from `redirectTo(url)`: the raw query pairs, not decoded. */
function queryOf(url: string): Record<string, string> {
  const at = url.indexOf('?')
  const out: Record<string, string> = {}
  if (at < 0) return out
  for (const pair of url.slice(at + 1).split('&')) {
    const eq = pair.indexOf('=')
    out[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return out
}

describe('pageUrl', () => {
  it.each<{ page: PagePath; params?: Params; url: string }>([
    { page: 'pages/order/index', url: '/pages/order/index' },
    { page: 'pages/order/index', params: {}, url: '/pages/order/index' },
    {
      page: 'pages/order/index',
      params: { store: 12, table: '5', mode: 'dine-in' },
      url: '/pages/order/index?store=12&table=5&mode=dine-in',
    },
    {
      page: 'pages/order/index',
      params: { note: 'a&b=c?d#e f+你' },
      url: '/pages/order/index?note=a%26b%3Dc%3Fd%23e%20f%2B%E4%BD%A0',
    },
    { page: 'pages/index/index', params: { 'a b': 1 }, url: '/pages/index/index?a%20b=1' },
  ])('builds $url', ({ page, params, url }) => {
    expect(pageUrl(page, params)).toBe(url)
  })
})

describe('readOrderContext', () => {
  it.each<{ name: string; query: unknown; context: OrderContext | null }>([
    {
      name: 'a dine-in query',
      query: { store: '12', table: '5', mode: 'dine-in' },
      context: { store: 12, mode: 'dine-in', table: '5' },
    },
    {
      name: 'a takeaway query',
      query: { store: '12', mode: 'takeaway' },
      context: { store: 12, mode: 'takeaway', table: null },
    },
    {
      name: 'a takeaway query with a stray table (ignored)',
      query: { store: '12', mode: 'takeaway', table: '5' },
      context: { store: 12, mode: 'takeaway', table: null },
    },
    {
      name: 'an escaped table',
      query: { store: '12', table: 'A%2D1', mode: 'dine-in' },
      context: { store: 12, mode: 'dine-in', table: 'A-1' },
    },
    { name: 'a dine-in query without table', query: { store: '12', mode: 'dine-in' }, context: null },
    {
      name: 'a table with bad characters',
      query: { store: '12', table: '5%3Cb%3E', mode: 'dine-in' },
      context: null,
    },
    { name: 'no mode', query: { store: '12', table: '5' }, context: null },
    { name: 'an unknown mode', query: { store: '12', mode: 'delivery' }, context: null },
    { name: 'store 0', query: { store: '0', mode: 'takeaway' }, context: null },
    { name: 'a store with a leading zero', query: { store: '012', mode: 'takeaway' }, context: null },
    { name: 'a store of 10 digits', query: { store: '1234567890', mode: 'takeaway' }, context: null },
    { name: 'a non-string store', query: { store: 12, mode: 'takeaway' }, context: null },
    { name: 'a store that is not UTF-8', query: { store: '%FF', mode: 'takeaway' }, context: null },
    { name: 'no query', query: undefined, context: null },
    { name: 'a string query', query: 'store=12&mode=takeaway', context: null },
  ])('reads $name', ({ query, context }) => {
    expect(readOrderContext(query)).toEqual(context)
  })
})

describe('a destination round-trips through pageUrl into the order page', () => {
  const ruleTable = compile(readRulesJson())
  it.each([
    { content: 'https://shop.example.com/s/12/t/5', context: { store: 12, mode: 'dine-in', table: '5' } },
    {
      // The page's max, which rules.json may not exceed.
      content: `https://shop.example.com/s/${STORE_ID_PARAM.max}/t/Z-9`,
      context: { store: STORE_ID_PARAM.max, mode: 'dine-in', table: 'Z-9' },
    },
    { content: 'https://shop.example.com/s/12', context: { store: 12, mode: 'takeaway', table: null } },
    {
      content: 'https://shop.example.com/s/12?mode=takeaway',
      context: { store: 12, mode: 'takeaway', table: null },
    },
    {
      content: 'http://weixin.qq.com/q/02demoStoreTicketS12T8',
      context: { store: 12, mode: 'dine-in', table: '8' },
    },
    {
      content: 'http://weixin.qq.com/q/02demoStoreTicketId1001',
      context: { store: 12, mode: 'takeaway', table: null },
    },
  ])('$content', ({ content, context }) => {
    const landed = landContent(content, ruleTable)
    if (!landed.ok) throw new Error(`${content} did not land: ${landed.code} ${explainError(landed).message}`)
    const url = pageUrl(landed.page, landed.params)
    expect(url.startsWith(`/${landed.page}?`)).toBe(true)
    expect(readOrderContext(queryOf(url))).toEqual(context)
  })
})
