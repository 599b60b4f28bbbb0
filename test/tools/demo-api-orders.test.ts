// The demo backend's order book with a clock: status moves on with time; numbers count per store.
import { OrderBook } from '../../server/order-book'
import { demoOrder, demoStore } from '../fixtures/order-request'

const STORE_12 = demoStore(12)
const STORE_7 = demoStore(7)
const AT_12 = demoOrder(12, [['marinated-egg', 1]])
const AT_7 = demoOrder(7, [['lime-soda', 1]], { mode: 'takeaway', table: null })

function bookAt(start: number) {
  let now = start
  const book = new OrderBook({ now: () => now, statusAfterMs: { preparing: 1000, ready: 5000 } })
  return { book, advance: (ms: number) => (now += ms) }
}

function placed(result: ReturnType<OrderBook['place']>) {
  if (result.kind === 'refused') throw new Error(result.error.message)
  return result.order
}

it('moves an order from received to preparing to ready as time passes', () => {
  const { book, advance } = bookAt(Date.UTC(2026, 10, 23, 12))
  const order = placed(book.place(STORE_12, 'key-aaaaaaaaaaaaaaaa', AT_12))
  expect(order).toMatchObject({ status: 'received', createdAt: '2026-11-23T12:00:00.000Z' })
  advance(999)
  expect(book.get(order.id)?.status).toBe('received')
  advance(1)
  expect(book.get(order.id)?.status).toBe('preparing')
  advance(4000)
  expect(book.get(order.id)?.status).toBe('ready')
  expect(book.get('o-unknown')).toBeNull()
})

it('numbers orders per store, and a replay takes no number', () => {
  const { book } = bookAt(0)
  const first = placed(book.place(STORE_12, 'key-aaaaaaaaaaaaaaaa', AT_12))
  const replay = book.place(STORE_12, 'key-aaaaaaaaaaaaaaaa', AT_12)
  const second = placed(book.place(STORE_12, 'key-bbbbbbbbbbbbbbbb', AT_12))
  const other = placed(book.place(STORE_7, 'key-cccccccccccccccc', AT_7))
  expect(replay).toMatchObject({ kind: 'replayed', order: { id: first.id } })
  expect([first.number, second.number, other.number]).toEqual(['001', '002', '001'])
  expect(book.list().map((o) => o.id)).toEqual([first.id, second.id, other.id])
})

it('does not keep a refused order or its key', () => {
  const { book } = bookAt(0)
  expect(book.place(STORE_12, 'key-aaaaaaaaaaaaaaaa', { ...AT_12, total: 1 })).toMatchObject({
    kind: 'refused',
    error: { code: 'total-mismatch' },
  })
  expect(book.list()).toEqual([])
  // The same key may then carry the corrected order.
  expect(book.place(STORE_12, 'key-aaaaaaaaaaaaaaaa', AT_12).kind).toBe('created')
})
