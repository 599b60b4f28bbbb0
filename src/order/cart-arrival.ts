// What happens to the stored cart when the customer arrives at an order page: pure decisions, the page acts on them.
import type { OrderContext } from '../landing'
import type { Cart } from './cart'

/** A cart untouched for this long is yesterday's meal: it is dropped. */
export const CART_TTL_MS = 24 * 60 * 60 * 1000
/** A cart dated further ahead than this came from a wrong clock: dropped too, not trusted for a day. */
const CLOCK_SKEW_MS = 5 * 60 * 1000

export type Arrival =
  /** The stored cart is for this store and place: carry on. */
  | { kind: 'keep'; cart: Cart }
  /** Start an empty cart (and say why, for the page and the tests). */
  | { kind: 'new'; reason: 'none' | 'expired' | 'other-store' | 'other-place' }
  /** Same store, another table (or takeaway), items in the cart: ask the customer whether to move it. */
  | { kind: 'ask-move'; cart: Cart }

export function isExpired(cart: Cart, now: number): boolean {
  return now - cart.updatedAt >= CART_TTL_MS || cart.updatedAt - now > CLOCK_SKEW_MS
}

function samePlace(cart: Cart, context: OrderContext): boolean {
  return cart.mode === context.mode && cart.table === context.table
}

/** Decides what the stored cart (if any) becomes for `context` at `now`. */
export function arrive(stored: Cart | null, context: OrderContext, now: number): Arrival {
  if (!stored) return { kind: 'new', reason: 'none' }
  if (isExpired(stored, now)) return { kind: 'new', reason: 'expired' }
  if (stored.store !== context.store) return { kind: 'new', reason: 'other-store' }
  if (samePlace(stored, context)) return { kind: 'keep', cart: stored }
  // An empty cart has nothing worth a question.
  return stored.lines.length > 0 ? { kind: 'ask-move', cart: stored } : { kind: 'new', reason: 'other-place' }
}

/** The cart moved to `context`'s table or takeaway: a different order, so a new key. */
export function moveCart(cart: Cart, context: OrderContext, now: number): Cart {
  return { ...cart, mode: context.mode, table: context.table, revision: cart.revision + 1, updatedAt: now }
}
