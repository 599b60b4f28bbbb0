// The cart: pure functions over a plain, storable value. Pages wire these to Taro storage and the API.
import type { OrderContext } from '../landing'
import {
  LIMITS,
  linesTotal,
  type CreateOrderRequest,
  type Fen,
  type Menu,
  type MenuItem,
  type Mode,
} from './api-contract'

export interface CartLine {
  item: string
  /** Name and price as last seen on the menu, so the confirm page and a restarted app can show the cart. */
  name: string
  price: Fen
  qty: number
}

/** The customer's cart. It belongs to one store and one place (a table, or takeaway). */
export interface Cart {
  version: 1
  /** Random per cart. With `revision` it makes the idempotency key. */
  id: string
  /** Bumped by every change to what would be ordered, so an edited cart is a new order attempt. */
  revision: number
  store: number
  storeName: string | null
  mode: Mode
  table: string | null
  lines: CartLine[]
  note: string
  /** Epoch ms of the last change: a cart untouched for a day is dropped. */
  updatedAt: number
}

/** An empty cart for `context`. */
export function newCart(context: OrderContext, id: string, now: number): Cart {
  return {
    version: 1,
    id,
    revision: 0,
    store: context.store,
    storeName: null,
    mode: context.mode,
    table: context.table,
    lines: [],
    note: '',
    updatedAt: now,
  }
}

function changed(cart: Cart, patch: Partial<Cart>, now: number): Cart {
  return { ...cart, ...patch, revision: cart.revision + 1, updatedAt: now }
}

/** One more of `item`; unchanged at the per-item or per-order limit. */
export function addItem(cart: Cart, item: MenuItem, now: number): Cart {
  const at = cart.lines.findIndex((line) => line.item === item.id)
  if (at < 0) {
    if (cart.lines.length >= LIMITS.lines) return cart
    return changed(
      cart,
      { lines: [...cart.lines, { item: item.id, name: item.name, price: item.price, qty: 1 }] },
      now
    )
  }
  if (cart.lines[at].qty >= LIMITS.qty) return cart
  return changed(
    cart,
    { lines: cart.lines.map((line, i) => (i === at ? { ...line, qty: line.qty + 1 } : line)) },
    now
  )
}

/** One fewer of `itemId`; the line goes at zero. */
export function removeItem(cart: Cart, itemId: string, now: number): Cart {
  const line = cart.lines.find((l) => l.item === itemId)
  if (!line) return cart
  const lines =
    line.qty > 1
      ? cart.lines.map((l) => (l === line ? { ...l, qty: l.qty - 1 } : l))
      : cart.lines.filter((l) => l !== line)
  return changed(cart, { lines }, now)
}

/** The note for the kitchen, cut to the API's limit. */
export function setNote(cart: Cart, note: string, now: number): Cart {
  const next = note.slice(0, LIMITS.note)
  return next === cart.note ? cart : changed(cart, { note: next }, now)
}

export function qtyOf(cart: Cart | null, itemId: string): number {
  return cart?.lines.find((line) => line.item === itemId)?.qty ?? 0
}

export function cartCount(cart: Cart | null): number {
  return cart ? cart.lines.reduce((sum, line) => sum + line.qty, 0) : 0
}

export function cartTotal(cart: Cart | null): Fen {
  return cart ? linesTotal(cart.lines) : 0
}

/**
 * The key that makes submitting this cart idempotent: the same cart, submitted twice (a double tap, a retry after
 * a timeout), is one order; any change to it makes a new key.
 */
export function idempotencyKey(cart: Cart): string {
  return `cart.${cart.id}.${cart.revision}`
}

/** What the API is sent for this cart. */
export function orderRequest(cart: Cart): CreateOrderRequest {
  return {
    mode: cart.mode,
    table: cart.table,
    lines: cart.lines.map((line) => ({ item: line.item, qty: line.qty })),
    note: cart.note.trim(),
    total: cartTotal(cart),
  }
}

/**
 * Brings the cart in line with a freshly loaded menu: drops items no longer on it and takes its names and prices
 * (the backend charges its own prices). Returns the same object when nothing changed.
 */
export function reconcile(cart: Cart, menu: Menu, now: number): Cart {
  const items = new Map<string, MenuItem>()
  for (const category of menu.categories) for (const item of category.items) items.set(item.id, item)
  let differs = cart.storeName !== menu.store.name
  const lines: CartLine[] = []
  for (const line of cart.lines) {
    const item = items.get(line.item)
    if (!item) {
      differs = true
      continue
    }
    if (item.name !== line.name || item.price !== line.price) differs = true
    lines.push({ ...line, name: item.name, price: item.price })
  }
  if (!differs) return cart
  const linesChanged =
    lines.length !== cart.lines.length || lines.some((l, i) => l.price !== cart.lines[i].price)
  const next = { ...cart, storeName: menu.store.name, lines }
  // A price or item change is a different order: a new key. A new store name alone is not.
  return linesChanged ? changed(next, {}, now) : next
}

const ID = /^[A-Za-z0-9]{8,32}$/

/** A stored cart, checked: storage may hold an older format or be edited by hand. `null` means "no usable cart". */
export function readStoredCart(value: unknown): Cart | null {
  if (typeof value !== 'object' || value === null) return null
  const c = value as Record<string, unknown>
  const linesOk =
    Array.isArray(c.lines) &&
    c.lines.length <= LIMITS.lines &&
    c.lines.every((line: unknown) => {
      const l = line as Record<string, unknown> | null
      return (
        typeof l === 'object' &&
        l !== null &&
        typeof l.item === 'string' &&
        typeof l.name === 'string' &&
        Number.isSafeInteger(l.price) &&
        (l.price as number) >= 0 &&
        Number.isInteger(l.qty) &&
        (l.qty as number) >= 1 &&
        (l.qty as number) <= LIMITS.qty
      )
    })
  const placeOk =
    (c.mode === 'dine-in' && typeof c.table === 'string') || (c.mode === 'takeaway' && c.table === null)
  const ok =
    c.version === 1 &&
    typeof c.id === 'string' &&
    ID.test(c.id) &&
    Number.isInteger(c.revision) &&
    Number.isSafeInteger(c.store) &&
    (c.storeName === null || typeof c.storeName === 'string') &&
    placeOk &&
    linesOk &&
    typeof c.note === 'string' &&
    Number.isFinite(c.updatedAt)
  return ok ? (value as Cart) : null
}
