import { percentDecode } from './percent'

/** Who the order page serves: a store, and a table (dine-in) or none (takeaway/pickup). */
export type OrderContext =
  { store: number; mode: 'dine-in'; table: string } | { store: number; mode: 'takeaway'; table: null }

/** A store id as every page and the order API take it. */
export const STORE_ID = /^[1-9][0-9]{0,8}$/
/** A table name as every page and the order API take it (rules.json declares the same pattern). */
export const TABLE_NAME = /^[A-Za-z0-9-]{1,16}$/

/**
 * Reads the order page's own query. The entry page only sends validated params, but a page can also be opened
 * from a share card or a forged path, so the page checks its input again; `null` means "not an order context".
 */
export function readOrderContext(query: unknown): OrderContext | null {
  if (typeof query !== 'object' || query === null) return null
  const get = (key: string) => {
    const raw = (query as Record<string, unknown>)[key]
    return typeof raw === 'string' ? percentDecode(raw) : false
  }
  const store = get('store')
  const mode = get('mode')
  const table = get('table')
  if (store === false || !STORE_ID.test(store)) return null
  if (mode === 'dine-in' && table !== false && TABLE_NAME.test(table))
    return { store: Number(store), mode, table }
  if (mode === 'takeaway') return { store: Number(store), mode, table: null }
  return null
}
