// The order page's own input: read back exactly what navigation builds for a store and place (a cart's, an
// order's), and refused with invalid-param when it is not an order context.
import { readOrderContext } from '../../src/landing'
import { orderPageParams, orderPageState } from '../../src/order/order-page'

/** The query as the page receives it: every value a string, as in a URL. */
const asQuery = (params: Record<string, string | number>) =>
  Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))

describe('orderPageParams', () => {
  it.each([
    [
      { store: 12, mode: 'dine-in' as const, table: '5' },
      { store: 12, table: '5', mode: 'dine-in' },
    ],
    [
      { store: 7, mode: 'takeaway' as const, table: null },
      { store: 7, mode: 'takeaway' },
    ],
    // A dine-in place without a table cannot be served at a table: it opens takeaway.
    [
      { store: 7, mode: 'dine-in' as const, table: null },
      { store: 7, mode: 'takeaway' },
    ],
  ])('%o → %o, which the order page reads back', (place, params) => {
    expect(orderPageParams(place)).toEqual(params)
    expect(readOrderContext(asQuery(params))).toMatchObject({ store: place.store, mode: params.mode })
  })
})

describe('orderPageState', () => {
  it('is ready for a valid context', () => {
    expect(orderPageState({ store: '12', table: '5', mode: 'dine-in', stamp: '3' })).toEqual({
      kind: 'ready',
      context: { store: 12, table: '5', mode: 'dine-in' },
    })
  })

  it("refuses anything else with invalid-param, showing the input without Taro's own keys", () => {
    const state = orderPageState({ store: 'x', mode: 'dine-in', $taroTimestamp: 1, stamp: 'AC' })
    expect(state).toMatchObject({
      kind: 'invalid',
      error: { code: 'invalid-param', input: 'store=x&mode=dine-in' },
    })
  })
})
