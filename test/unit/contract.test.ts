import {
  apiPath,
  checkCreateOrder,
  checkIdempotencyKey,
  checkMenu,
  checkOrder,
  ERROR_STATUS,
  isOrderId,
  LIMITS,
  linesTotal,
  matchApiPath,
  readApiError,
} from '../../src/order/api-contract'
import { ORDER_REQUEST as VALID } from '../fixtures/order-request'

describe('checkCreateOrder', () => {
  it('accepts a dine-in and a takeaway order and returns only the contract fields', () => {
    expect(checkCreateOrder(VALID)).toEqual({ ok: true, value: VALID })
    const takeaway = { ...VALID, mode: 'takeaway', table: null }
    expect(checkCreateOrder(takeaway)).toEqual({ ok: true, value: takeaway })
  })

  it.each<{ why: string; body: unknown; field?: string }>([
    { why: 'not an object', body: [VALID] },
    { why: 'null', body: null },
    { why: 'an unknown field', body: { ...VALID, price: 1 }, field: '/price' },
    { why: 'an unknown mode', body: { ...VALID, mode: 'delivery' }, field: '/mode' },
    { why: 'dine-in without a table', body: { ...VALID, table: null }, field: '/table' },
    { why: 'a table outside the pattern', body: { ...VALID, table: '5; drop' }, field: '/table' },
    { why: 'takeaway with a table', body: { ...VALID, mode: 'takeaway' }, field: '/table' },
    { why: 'no lines', body: { ...VALID, lines: [] }, field: '/lines' },
    {
      why: 'too many lines',
      body: {
        ...VALID,
        lines: Array.from({ length: LIMITS.lines + 1 }, (_, i) => ({ item: `i${i}`, qty: 1 })),
      },
      field: '/lines',
    },
    {
      why: 'a line with an extra key',
      body: { ...VALID, lines: [{ item: 'a', qty: 1, price: 0 }] },
      field: '/lines/0',
    },
    {
      why: 'an item id outside the pattern',
      body: { ...VALID, lines: [{ item: 'A B', qty: 1 }] },
      field: '/lines/0/item',
    },
    {
      why: 'the same item twice',
      body: {
        ...VALID,
        lines: [
          { item: 'a', qty: 1 },
          { item: 'a', qty: 1 },
        ],
      },
      field: '/lines/1/item',
    },
    { why: 'qty 0', body: { ...VALID, lines: [{ item: 'a', qty: 0 }] }, field: '/lines/0/qty' },
    {
      why: 'qty past the limit',
      body: { ...VALID, lines: [{ item: 'a', qty: LIMITS.qty + 1 }] },
      field: '/lines/0/qty',
    },
    { why: 'a fractional qty', body: { ...VALID, lines: [{ item: 'a', qty: 1.5 }] }, field: '/lines/0/qty' },
    {
      why: 'a qty given as text',
      body: { ...VALID, lines: [{ item: 'a', qty: '1' }] },
      field: '/lines/0/qty',
    },
    { why: 'a note past the limit', body: { ...VALID, note: 'x'.repeat(LIMITS.note + 1) }, field: '/note' },
    { why: 'no note', body: { ...VALID, note: undefined }, field: '/note' },
    { why: 'a negative total', body: { ...VALID, total: -1 }, field: '/total' },
    { why: 'a total in yuan', body: { ...VALID, total: 62.5 }, field: '/total' },
  ])('refuses $why with invalid-body', ({ body, field }) => {
    const result = checkCreateOrder(body)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('invalid-body')
    expect(result.error.field).toBe(field)
    expect(result.error.message).not.toBe('')
  })
})

describe('checkIdempotencyKey', () => {
  it.each([
    [undefined, 'idempotency-key-missing'],
    ['', 'idempotency-key-missing'],
    ['short', 'idempotency-key-invalid'],
    ['x'.repeat(65), 'idempotency-key-invalid'],
    ['cart.abc def.1234567', 'idempotency-key-invalid'],
    [['cart.abcdefghijkl.1', 'cart.abcdefghijkl.1'], 'idempotency-key-invalid'],
  ])('refuses %j with %s', (value, code) => {
    expect(checkIdempotencyKey(value)).toMatchObject({ ok: false, error: { code } })
  })

  it('accepts the cart keys the app sends', () => {
    expect(checkIdempotencyKey('cart.mfx1a2b3c4d5e6f7g8.12')).toEqual({
      ok: true,
      value: 'cart.mfx1a2b3c4d5e6f7g8.12',
    })
  })
})

describe('matchApiPath', () => {
  it.each([
    ['/api/stores/12/menu', { name: 'menu', method: 'GET', store: 12 }],
    ['/api/stores/7/orders', { name: 'create-order', method: 'POST', store: 7 }],
    ['/api/orders/o1a2b3c4d5e6', { name: 'order', method: 'GET', id: 'o1a2b3c4d5e6' }],
  ])('%s is %j', (path, route) => {
    expect(matchApiPath(path)).toEqual(route)
  })

  it.each([
    '/',
    '/api',
    '/api/stores/012/menu',
    '/api/stores/0/menu',
    '/api/stores/12/menu/',
    '/api/stores/12',
    '/api/stores/1234567890/menu',
    '/api/orders/../x',
    '/api/orders/abc',
    '//api/stores/12/menu',
  ])('%s names no endpoint', (path) => {
    expect(matchApiPath(path)).toBeNull()
  })

  it('round-trips the paths the client builds', () => {
    expect(matchApiPath(apiPath.menu(12))).toMatchObject({ name: 'menu', store: 12 })
    expect(matchApiPath(apiPath.orders(12))).toMatchObject({ name: 'create-order', store: 12 })
    expect(matchApiPath(apiPath.order('o_abc-123'))).toMatchObject({ name: 'order', id: 'o_abc-123' })
  })
})

describe('the answers the client checks', () => {
  const menu = {
    store: { id: 12, name: '小满面馆' },
    categories: [{ id: 'c', name: '面', items: [{ id: 'a', name: '面', price: 100 }] }],
  }
  const order = {
    id: 'o1a2b3c4d5e6',
    number: '001',
    store: 12,
    mode: 'takeaway',
    table: null,
    lines: [{ item: 'a', name: '面', price: 100, qty: 2 }],
    note: '',
    total: 200,
    status: 'received',
    createdAt: '2026-11-23T00:00:00.000Z',
  }

  it('accepts a menu and an order that keep the contract, dropping unknown extras', () => {
    expect(checkMenu({ ...menu, extra: 1 })).toEqual({ ok: true, value: menu })
    expect(checkOrder(order)).toEqual({ ok: true, value: order })
  })

  it.each<[string, unknown]>([
    [
      'a price in yuan',
      { ...menu, categories: [{ ...menu.categories[0], items: [{ id: 'a', name: '面', price: 1.5 }] }] },
    ],
    ['a nameless store', { ...menu, store: { id: 12, name: ' ' } }],
    ['categories that are not a list', { ...menu, categories: {} }],
    [
      'an item without an id',
      { ...menu, categories: [{ ...menu.categories[0], items: [{ name: '面', price: 1 }] }] },
    ],
  ])('refuses a menu with %s', (_why, json) => {
    expect(checkMenu(json).ok).toBe(false)
  })

  it.each<[string, unknown]>([
    ['an unknown status', { ...order, status: 'lost' }],
    ['takeaway with a table', { ...order, table: '5' }],
    ['an id outside the pattern', { ...order, id: '../x' }],
    ['a line without a name', { ...order, lines: [{ item: 'a', price: 1, qty: 1 }] }],
    ['an HTML error page', '<html>502</html>'],
  ])('refuses an order with %s', (_why, json) => {
    expect(checkOrder(json).ok).toBe(false)
  })

  it('reads the error of an error answer, and only of one', () => {
    expect(
      readApiError({ error: { code: 'unknown-item', message: 'gone', field: '/lines/0/item' } })
    ).toEqual({
      code: 'unknown-item',
      message: 'gone',
      field: '/lines/0/item',
    })
    expect(readApiError({ error: { code: 'teapot', message: 'x' } })).toBeNull()
    // Object.prototype members are not error codes.
    expect(readApiError({ error: { code: 'constructor', message: 'x' } })).toBeNull()
    expect(readApiError('Bad Gateway')).toBeNull()
  })
})

describe('one table of error statuses', () => {
  it.each(Object.entries(ERROR_STATUS).filter(([code]) => code !== 'internal'))(
    '%s is a client error (4xx)',
    (_code, status) => {
      expect(status).toBeGreaterThanOrEqual(400)
      expect(status).toBeLessThan(500)
    }
  )
})

it('adds totals in integer fen', () => {
  expect(
    linesTotal([
      { price: 10, qty: 3 },
      { price: 20, qty: 1 },
    ])
  ).toBe(50)
  expect(linesTotal([])).toBe(0)
  expect(isOrderId('o1a2b3c4d5e6')).toBe(true)
  expect(isOrderId('o1 2')).toBe(false)
})
