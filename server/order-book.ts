import { randomBytes } from 'node:crypto'
import {
  linesTotal,
  type ApiError,
  type CreateOrderRequest,
  type Order,
  type OrderLine,
  type OrderStatus,
} from '../src/order/api-contract'
import type { DemoStore } from './demo-menu'

export interface OrderBookOptions {
  /** Epoch ms; tests pass a clock. */
  now?: () => number
  /** When an order moves on: received → preparing → ready (ms after it was placed). */
  statusAfterMs?: { preparing: number; ready: number }
}

export type Placed = { kind: 'created' | 'replayed'; order: Order } | { kind: 'refused'; error: ApiError }

interface Kept {
  order: Omit<Order, 'status'>
  placedAt: number
}

/**
 * The demo backend's orders, in memory. Creating is idempotent per store and key: the same key with the same
 * request answers with the order it made; the same key with another request is refused.
 */
export class OrderBook {
  private readonly orders = new Map<string, Kept>()
  private readonly byKey = new Map<string, { request: string; id: string }>()
  private readonly numbers = new Map<number, number>()
  private readonly now: () => number
  private readonly statusAfter: { preparing: number; ready: number }

  constructor({
    now = Date.now,
    statusAfterMs = { preparing: 30_000, ready: 300_000 },
  }: OrderBookOptions = {}) {
    this.now = now
    this.statusAfter = statusAfterMs
  }

  /** Places an order for `store` (request already checked against the contract). */
  place(store: DemoStore, key: string, request: CreateOrderRequest): Placed {
    const storeId = store.menu.store.id
    const scoped = `${storeId}:${key}`
    const fingerprint = JSON.stringify(request)
    const seen = this.byKey.get(scoped)
    if (seen) {
      if (seen.request !== fingerprint) {
        return refused('idempotency-key-reused', 'this Idempotency-Key was used for a different order')
      }
      return { kind: 'replayed', order: this.withStatus(this.orders.get(seen.id) as Kept) }
    }

    if (request.mode === 'dine-in' && !store.tables.includes(request.table as string)) {
      return refused('unknown-table', `store ${storeId} has no table "${request.table}"`, '/table')
    }
    if (request.mode === 'takeaway' && !store.takeaway) {
      return refused('unknown-table', `store ${storeId} does not offer takeaway`, '/mode')
    }
    const items = new Map(
      store.menu.categories.flatMap((c) => c.items.map((item) => [item.id, item] as const))
    )
    const lines: OrderLine[] = []
    for (let i = 0; i < request.lines.length; i += 1) {
      const item = items.get(request.lines[i].item)
      if (!item)
        return refused('unknown-item', `"${request.lines[i].item}" is not on the menu`, `/lines/${i}/item`)
      lines.push({ item: item.id, name: item.name, price: item.price, qty: request.lines[i].qty })
    }
    const total = linesTotal(lines)
    if (total !== request.total) {
      return refused('total-mismatch', `the items add up to ${total} fen, not ${request.total}`, '/total')
    }

    const number = (this.numbers.get(storeId) ?? 0) + 1
    this.numbers.set(storeId, number)
    const placedAt = this.now()
    const kept: Kept = {
      placedAt,
      order: {
        id: `o${randomBytes(8).toString('hex')}`,
        number: String(number).padStart(3, '0'),
        store: storeId,
        mode: request.mode,
        table: request.table,
        lines,
        note: request.note,
        total,
        createdAt: new Date(placedAt).toISOString(),
      },
    }
    this.orders.set(kept.order.id, kept)
    this.byKey.set(scoped, { request: fingerprint, id: kept.order.id })
    return { kind: 'created', order: this.withStatus(kept) }
  }

  get(id: string): Order | null {
    const kept = this.orders.get(id)
    return kept ? this.withStatus(kept) : null
  }

  /** Every order, oldest first. */
  list(): Order[] {
    return [...this.orders.values()].map((kept) => this.withStatus(kept))
  }

  private withStatus(kept: Kept): Order {
    const age = this.now() - kept.placedAt
    const status: OrderStatus =
      age >= this.statusAfter.ready ? 'ready' : age >= this.statusAfter.preparing ? 'preparing' : 'received'
    return { ...kept.order, status }
  }
}

function refused(code: ApiError['code'], message: string, field?: string): Placed {
  return { kind: 'refused', error: field === undefined ? { code, message } : { code, message, field } }
}
