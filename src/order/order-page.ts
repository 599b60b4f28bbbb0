import {
  fail,
  readOrderContext,
  type LandingError,
  type LandingResult,
  type OrderContext,
  type PageParams,
} from '../landing'

/** The order page's input: a store and place to serve, or why it cannot (with what to retry, when that can help). */
export type OrderPageState =
  { kind: 'ready'; context: OrderContext } | { kind: 'invalid'; error: LandingError; retry?: LandingResult }

/** Reads the order page's own query through its declared input (a page can be opened from a share card or a forged URL). */
export function orderPageState(options: Record<string, unknown>): OrderPageState {
  const here = readOrderContext(options)
  return here ? { kind: 'ready', context: here } : { kind: 'invalid', error: invalidContext(options) }
}

/** A store and place: an order page's context, a cart's or an order's. */
export type Place = Pick<OrderContext, 'store' | 'mode'> & { table: string | null }

/** The order page's query for a store and place: what readOrderContext reads back (a takeaway has no table). */
export function orderPageParams({ store, mode, table }: Place): PageParams<'pages/order/index'> {
  return mode === 'dine-in' && table !== null ? { store, table, mode } : { store, mode: 'takeaway' }
}

function invalidContext(options: Record<string, unknown>): LandingError {
  // Taro's own keys ($taroTimestamp in the mini program, stamp in the browser) are not the customer's input.
  const input = Object.entries(options)
    .filter(([k]) => !k.startsWith('$') && k !== 'stamp')
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('&')
  return fail('invalid-param', { is: 'order-context' }, { input })
}
