import type { OrderContext } from '../../src/landing'
import { addItem, idempotencyKey, newCart, type Cart } from '../../src/order/cart'
import { arrive, CART_TTL_MS, isExpired, moveCart } from '../../src/order/cart-arrival'

const T0 = 1_700_000_000_000
const TABLE_5: OrderContext = { store: 12, mode: 'dine-in', table: '5' }
const TABLE_8: OrderContext = { store: 12, mode: 'dine-in', table: '8' }
const TAKEAWAY: OrderContext = { store: 12, mode: 'takeaway', table: null }
const OTHER_STORE: OrderContext = { store: 7, mode: 'dine-in', table: '5' }

const empty = newCart(TABLE_5, 'abcdefgh12345678', T0)
const full: Cart = addItem(empty, { id: 'beef-noodles', name: '红烧牛肉面', price: 2800 }, T0)

describe('arrive', () => {
  it.each<{
    case: string
    stored: Cart | null
    context: OrderContext
    now?: number
    kind: string
    reason?: string
  }>([
    { case: 'no stored cart', stored: null, context: TABLE_5, kind: 'new', reason: 'none' },
    { case: 'the same table', stored: full, context: TABLE_5, kind: 'keep' },
    {
      case: 'the same table, a minute short of a day later',
      stored: full,
      context: TABLE_5,
      now: T0 + CART_TTL_MS - 60_000,
      kind: 'keep',
    },
    {
      case: 'the same table, a day later',
      stored: full,
      context: TABLE_5,
      now: T0 + CART_TTL_MS,
      kind: 'new',
      reason: 'expired',
    },
    {
      case: 'a clock that went back 10 minutes',
      stored: full,
      context: TABLE_5,
      now: T0 - 600_000,
      kind: 'new',
      reason: 'expired',
    },
    { case: 'another table with items', stored: full, context: TABLE_8, kind: 'ask-move' },
    { case: 'takeaway after a table, with items', stored: full, context: TAKEAWAY, kind: 'ask-move' },
    {
      case: 'another table, empty cart',
      stored: empty,
      context: TABLE_8,
      kind: 'new',
      reason: 'other-place',
    },
    { case: 'another store', stored: full, context: OTHER_STORE, kind: 'new', reason: 'other-store' },
    {
      case: 'another table a day later',
      stored: full,
      context: TABLE_8,
      now: T0 + CART_TTL_MS + 1,
      kind: 'new',
      reason: 'expired',
    },
  ])('$case → $kind $reason', ({ stored, context, now = T0 + 1000, kind, reason }) => {
    const arrival = arrive(stored, context, now)
    expect(arrival.kind).toBe(kind)
    if (arrival.kind === 'new') expect(arrival.reason).toBe(reason)
    if (arrival.kind !== 'new') expect(arrival.cart).toBe(stored)
  })
})

describe('moveCart', () => {
  it('takes the items to the new place under a new key', () => {
    const moved = moveCart(full, TABLE_8, T0 + 5000)
    expect(moved).toMatchObject({
      store: 12,
      mode: 'dine-in',
      table: '8',
      lines: full.lines,
      updatedAt: T0 + 5000,
    })
    expect(idempotencyKey(moved)).not.toBe(idempotencyKey(full))
    expect(arrive(moved, TABLE_8, T0 + 6000).kind).toBe('keep')
  })

  it('moves to takeaway without a table', () => {
    expect(moveCart(full, TAKEAWAY, T0)).toMatchObject({ mode: 'takeaway', table: null })
  })
})

it('a cart expires a day after its last change, not its creation', () => {
  const touched = addItem(full, { id: 'plum-juice', name: '酸梅汤', price: 600 }, T0 + CART_TTL_MS - 1000)
  expect(isExpired(touched, T0 + CART_TTL_MS + 1000)).toBe(false)
  expect(isExpired(full, T0 + CART_TTL_MS + 1000)).toBe(true)
})
