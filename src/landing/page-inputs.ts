import type { ENTRY_PAGE, PagePath } from './pages'
import { paramValue, type PageParamSpec } from './param-value'
import { percentDecode } from './percent'
import type { Params } from './route'

// Each page's input, declared once in the `params` shape of rules.json's routes. Pages read their query through
// it, the order API and the tests import its params, and rules:check refuses a route wider than its page's input.

/** Every page but the entry page (whose input is the launch, not params). */
export type InputPage = Exclude<PagePath, typeof ENTRY_PAGE>

/** One way to open a page: each param it needs. Keys it does not declare are never read (Taro adds its own). */
export type PageWay = Readonly<Record<string, PageParamSpec>>

/** A page's ways in, in order: the page reads its query with the first one that fits. */
export type PageInput = readonly PageWay[]

/** A store id: the order page's, the order API's, and what rules.json routes to. */
export const STORE_ID_PARAM = { type: 'int', min: 1, max: 999_999_999 } as const
/** A dining table's name, as printed on its codes. */
export const TABLE_NAME_PARAM = { type: 'string', pattern: '[A-Za-z0-9-]{1,16}' } as const
/** An order id, as the order API issues them. */
export const ORDER_ID_PARAM = { type: 'string', pattern: '[A-Za-z0-9_-]{6,40}' } as const

/** What each page accepts: a route (rules.json) may produce only params its page's input takes. */
export const PAGE_INPUTS = {
  'pages/order/index': [
    { store: STORE_ID_PARAM, table: TABLE_NAME_PARAM, mode: { const: 'dine-in' } },
    { store: STORE_ID_PARAM, mode: { const: 'takeaway' } },
  ],
  // Its input is the stored cart; the query carries nothing.
  'pages/confirm/index': [{}],
  'pages/result/index': [{ order: ORDER_ID_PARAM }],
} as const satisfies Record<InputPage, PageInput>

type ValueOf<S> = S extends { const: infer C }
  ? C
  : S extends { type: 'int' }
    ? number
    : S extends { values: readonly (infer V)[] }
      ? V
      : string
type ParamsOf<W> = W extends unknown ? { -readonly [K in keyof W]: ValueOf<W[K]> } : never

/** The params a page reads, typed from its declared input: one object type per way in. */
export type PageParams<P extends InputPage> = ParamsOf<(typeof PAGE_INPUTS)[P][number]>

/**
 * Reads a page's own query through its declared input. The entry page only sends validated params, but a page can
 * also be opened from a share card or a typed URL, so it checks again; `null`: no way in fits. Values arrive
 * percent-encoded once (pageUrl encodes; Taro does not decode).
 */
export function readPageInput<P extends InputPage>(page: P, query: unknown): PageParams<P> | null {
  if (typeof query !== 'object' || query === null) return null
  for (const way of PAGE_INPUTS[page] as PageInput) {
    const params = readWay(way, query as Record<string, unknown>)
    if (params) return params as PageParams<P>
  }
  return null
}

function readWay(way: PageWay, query: Record<string, unknown>): Params | null {
  const params: Params = {}
  for (const name in way) {
    const raw = Object.prototype.hasOwnProperty.call(query, name) ? query[name] : undefined
    const text = typeof raw === 'string' && percentDecode(raw)
    const value = text === false ? undefined : paramValue(way[name], text)
    if (value === undefined) return null
    params[name] = value
  }
  return params
}
