import { readPageInput, type PageParams } from './page-inputs'

/** The order page's params, as its declared input types them: a store and a table (dine-in), or a store (takeaway). */
export type OrderInput = PageParams<'pages/order/index'>

/** Who the order page serves: its input, with `table: null` for takeaway (the shape of a cart's and an order's place). */
export type OrderContext = OrderInput extends infer I
  ? I extends { table: string }
    ? I
    : I & { table: null }
  : never

/** Reads the order page's own query through its declared input; `null` means "not an order context". */
export function readOrderContext(query: unknown): OrderContext | null {
  const input = readPageInput('pages/order/index', query)
  if (!input || input.mode === 'dine-in') return input
  return { store: input.store, mode: input.mode, table: null }
}
