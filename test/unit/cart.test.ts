import type { OrderContext } from '../../src/landing'
import { checkCreateOrder, checkIdempotencyKey, LIMITS, type Menu } from '../../src/order/api-contract'
import {
  addItem,
  cartCount,
  cartTotal,
  idempotencyKey,
  newCart,
  orderRequest,
  qtyOf,
  readStoredCart,
  reconcile,
  removeItem,
  setNote,
  type Cart,
} from '../../src/order/cart'
import { formatFen } from '../../src/order/money'
import { demoDish, ORDER_REQUEST } from '../fixtures/order-request'

const TABLE_5: OrderContext = { store: 12, mode: 'dine-in', table: '5' }
const NOODLES = demoDish(12, 'beef-noodles')
const JUICE = demoDish(12, 'plum-juice')
const T0 = 1_700_000_000_000

function cartWith(...items: { id: string; name: string; price: number }[]): Cart {
  return items.reduce((cart, item) => addItem(cart, item, T0), newCart(TABLE_5, 'abcdefgh12345678', T0))
}

describe('formatFen', () => {
  it.each([
    [0, '¥0.00'],
    [5, '¥0.05'],
    [50, '¥0.50'],
    [1050, '¥10.50'],
    [6200, '¥62.00'],
    [123456789, '¥1234567.89'],
    [-150, '-¥1.50'],
  ])('%i fen is %s', (fen, text) => {
    expect(formatFen(fen)).toBe(text)
  })
})

describe('adding and removing', () => {
  it('counts quantities and totals in fen', () => {
    const cart = cartWith(NOODLES, NOODLES, JUICE)
    expect(cart.lines).toEqual([
      { item: 'beef-noodles', name: '红烧牛肉面', price: 2800, qty: 2 },
      { item: 'plum-juice', name: '酸梅汤', price: 600, qty: 1 },
    ])
    expect(cartCount(cart)).toBe(3)
    expect(cartTotal(cart)).toBe(6200)
    expect(qtyOf(cart, 'beef-noodles')).toBe(2)
    expect(qtyOf(cart, 'missing')).toBe(0)
  })

  it('removes one at a time and drops the line at zero', () => {
    let cart = cartWith(NOODLES, NOODLES, JUICE)
    cart = removeItem(cart, 'beef-noodles', T0)
    expect(qtyOf(cart, 'beef-noodles')).toBe(1)
    cart = removeItem(cart, 'beef-noodles', T0)
    expect(cart.lines.map((l) => l.item)).toEqual(['plum-juice'])
    expect(removeItem(cart, 'beef-noodles', T0)).toBe(cart)
  })

  it(`stops at ${LIMITS.qty} of an item and ${LIMITS.lines} lines, the API's limits`, () => {
    let cart = cartWith()
    for (let i = 0; i < LIMITS.qty + 5; i += 1) cart = addItem(cart, NOODLES, T0)
    expect(qtyOf(cart, 'beef-noodles')).toBe(LIMITS.qty)
    for (let i = 0; i < LIMITS.lines + 5; i += 1)
      cart = addItem(cart, { id: `i${i}`, name: 'x', price: 1 }, T0)
    expect(cart.lines).toHaveLength(LIMITS.lines)
  })

  it('an empty cart has nothing to count', () => {
    expect(cartCount(null)).toBe(0)
    expect(cartTotal(null)).toBe(0)
  })
})

describe('the idempotency key', () => {
  it('is a valid key, stable while the cart is unchanged', () => {
    const cart = cartWith(NOODLES)
    expect(checkIdempotencyKey(idempotencyKey(cart)).ok).toBe(true)
    expect(idempotencyKey(cart)).toBe(idempotencyKey({ ...cart }))
    expect(idempotencyKey(setNote(cart, '', T0))).toBe(idempotencyKey(cart))
  })

  it.each<[string, (cart: Cart) => Cart]>([
    ['an added item', (c) => addItem(c, JUICE, T0)],
    ['a removed item', (c) => removeItem(c, 'beef-noodles', T0)],
    ['a new note', (c) => setNote(c, '少辣', T0)],
  ])('changes with %s: a changed cart is a new order', (_why, change) => {
    const cart = cartWith(NOODLES, NOODLES)
    expect(idempotencyKey(change(cart))).not.toBe(idempotencyKey(cart))
  })

  it('differs between two carts with the same contents', () => {
    const a = cartWith(NOODLES)
    const b = { ...a, id: 'zyxwvuts87654321' }
    expect(idempotencyKey(a)).not.toBe(idempotencyKey(b))
  })
})

describe('orderRequest', () => {
  it('is what the contract accepts: ids and quantities, the note trimmed, the total shown', () => {
    const cart = setNote(cartWith(NOODLES, NOODLES, JUICE), '  少辣 ', T0)
    const request = orderRequest(cart)
    expect(request).toEqual(ORDER_REQUEST)
    expect(request.total).toBe(6200)
    expect(checkCreateOrder(request)).toEqual({ ok: true, value: request })
  })

  it('cuts a long note to the limit', () => {
    expect(setNote(cartWith(), 'x'.repeat(500), T0).note).toHaveLength(LIMITS.note)
  })
})

describe('reconcile with a fresh menu', () => {
  const menu = (items: { id: string; name: string; price: number }[]): Menu => ({
    store: { id: 12, name: '小满面馆' },
    categories: [{ id: 'all', name: '全部', items }],
  })

  it('only records the store name when nothing else changed, keeping the key', () => {
    const cart = cartWith(NOODLES)
    const next = reconcile(cart, menu([NOODLES, JUICE]), T0)
    expect(next.storeName).toBe('小满面馆')
    expect(idempotencyKey(next)).toBe(idempotencyKey(cart))
    expect(reconcile(next, menu([NOODLES, JUICE]), T0)).toBe(next)
  })

  it('takes new prices and drops items no longer on the menu, as a new order', () => {
    const cart = reconcile(cartWith(NOODLES, JUICE), menu([NOODLES, JUICE]), T0)
    const next = reconcile(cart, menu([{ ...NOODLES, price: 3000 }]), T0)
    expect(next.lines).toEqual([{ item: 'beef-noodles', name: '红烧牛肉面', price: 3000, qty: 1 }])
    expect(idempotencyKey(next)).not.toBe(idempotencyKey(cart))
  })
})

describe('readStoredCart', () => {
  const good = cartWith(NOODLES)

  it('reads back what was stored', () => {
    expect(readStoredCart(JSON.parse(JSON.stringify(good)))).toEqual(good)
  })

  it.each<[string, unknown]>([
    ['nothing stored (wx gives "")', ''],
    ['null', null],
    ['another version', { ...good, version: 2 }],
    ['a takeaway cart with a table', { ...good, mode: 'takeaway' }],
    ['a line with a negative price', { ...good, lines: [{ ...good.lines[0], price: -1 }] }],
    ['a line with qty 0', { ...good, lines: [{ ...good.lines[0], qty: 0 }] }],
    ['lines that are not a list', { ...good, lines: {} }],
    ['an id that could not make a key', { ...good, id: 'a b' }],
    ['no timestamp', { ...good, updatedAt: 'yesterday' }],
  ])('refuses %s', (_why, value) => {
    expect(readStoredCart(value)).toBeNull()
  })
})
