// Ordering end to end on the built dist/: the pages talk to the REAL demo backend over HTTP on 127.0.0.1
// (wx.request bridged with Node's http), from the scan to the result page.
import { startDemoApi, type RunningDemoApi } from '../../server/app'
import {
  dispatch,
  findById,
  findByText,
  launch,
  queryById,
  tap,
  textOf,
  type MiniProgram,
  type SimPage,
} from './harness'
import { closedPortUrl } from '../fixtures/closed-port'
import { bridgeWxRequest, type Bridge } from './order-api-bridge'

const DINE_IN = 'https://shop.example.com/s/12/t/5'
const CART_KEY = 'order.cart.v1'

let api: RunningDemoApi
beforeEach(async () => {
  api = await startDemoApi({ port: 0 })
})
afterEach(async () => {
  await api.close()
})

interface Landed {
  mp: MiniProgram
  bridge: Bridge
}

/** Cold-starts from a scanned table code and waits for the order page. */
async function scanInto(link = DINE_IN, storage?: Record<string, unknown>, target?: string): Promise<Landed> {
  let bridge: Bridge | undefined
  const mp = await launch({
    query: { q: encodeURIComponent(link), scancode_time: String(Math.floor(Date.now() / 1000)) },
    scene: 1011,
    followNavigation: true,
    storage,
    // Before app.js: the order page asks for its menu as soon as it loads.
    beforeLoad: (app) => {
      bridge = bridgeWxRequest(app, target ?? api.url)
    },
  })
  await mp.waitForNavigation('redirectTo')
  if (!bridge) throw new Error('beforeLoad did not run')
  return { mp, bridge }
}

/** Waits (real I/O, not just ticks) until `id` is on the current page. */
async function waitForId(mp: MiniProgram, id: string, timeout = 3000): Promise<SimPage> {
  await mp.waitFor(() => queryById(mp.currentPage, id) !== null, { timeout, what: `#${id}` })
  await mp.settle()
  return mp.currentPage
}

async function add(mp: MiniProgram, item: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i += 1) await tap(findById(mp.currentPage, `item-${item}-add`))
}

async function toConfirm(mp: MiniProgram): Promise<SimPage> {
  const before = mp.nav.calls.length
  await tap(findById(mp.currentPage, 'checkout'))
  await mp.waitForNavigation('navigateTo', { after: before })
  return waitForId(mp, 'confirm')
}

describe('ordering from a scanned table code', () => {
  it('lands, shows the menu from the API, takes two items, confirms and shows the order number', async () => {
    const { mp, bridge } = await scanInto()
    const order = await waitForId(mp, 'menu')

    expect(bridge.requests[0]).toMatchObject({ method: 'GET', path: '/api/stores/12/menu' })
    expect(textOf(findById(order, 'order-store'))).toBe('小满面馆')
    expect(textOf(findById(order, 'order-place'))).toBe('堂食 · 5 号桌')
    expect(textOf(findById(order, 'item-beef-noodles'))).toBe('红烧牛肉面¥28.00+')
    expect(findByText(order, '饮品')).toBeTruthy()
    expect(textOf(findById(order, 'cart-count'))).toBe('购物车是空的')

    await add(mp, 'beef-noodles', 2)
    await add(mp, 'plum-juice')

    expect(textOf(findById(order, 'item-beef-noodles-qty'))).toBe('2')
    expect(textOf(findById(order, 'cart-count'))).toBe('已选 3 件')
    expect(textOf(findById(order, 'cart-total'))).toBe('¥62.00')

    const confirm = await toConfirm(mp)
    expect(textOf(findById(confirm, 'confirm-place'))).toBe('堂食 · 5 号桌')
    expect(textOf(findById(confirm, 'line-beef-noodles'))).toBe('红烧牛肉面× 2¥56.00')
    expect(textOf(findById(confirm, 'line-plum-juice'))).toBe('酸梅汤× 1¥6.00')
    expect(textOf(findById(confirm, 'confirm-total'))).toBe('合计（已选 3 件）¥62.00')

    await dispatch(
      findById(confirm, 'confirm-note'),
      'input',
      { value: '少辣', cursor: 2 },
      { bubbles: false }
    )
    const before = mp.nav.calls.length
    await tap(findById(confirm, 'submit-order'))
    const call = await mp.waitForNavigation('redirectTo', { after: before })
    const result = await waitForId(mp, 'order-number')

    const stored = api.orders.list()
    expect(stored).toHaveLength(1)
    expect(stored[0]).toMatchObject({
      store: 12,
      mode: 'dine-in',
      table: '5',
      total: 6200,
      note: '少辣',
      lines: [
        { item: 'beef-noodles', qty: 2, price: 2800 },
        { item: 'plum-juice', qty: 1, price: 600 },
      ],
    })
    expect(call).toMatchObject({ route: 'pages/result/index', query: { order: stored[0].id } })
    expect(textOf(findById(result, 'order-number'))).toBe(stored[0].number)
    expect(textOf(findById(result, 'order-status'))).toBe('商家已接单')
    expect(textOf(findById(result, 'order-total'))).toBe('¥62.00')
    // The ordered cart is gone: back on the order page, the customer starts afresh.
    expect(mp.storage.has(CART_KEY)).toBe(false)
    await tap(findById(result, 'continue-ordering'))
    await mp.waitForNavigation('navigateBack')
    expect(mp.currentPage.route).toBe('pages/order/index')
    expect(textOf(findById(mp.currentPage, 'cart-count'))).toBe('购物车是空的')
    expect(queryById(mp.currentPage, 'item-beef-noodles-qty')).toBeNull()
    mp.expectNoErrors()
  })
})

describe('when the API is down', () => {
  it('shows the error state with a retry that recovers once the API is back', async () => {
    const { mp, bridge } = await scanInto(DINE_IN, undefined, await closedPortUrl())
    const page = await waitForId(mp, 'state-error')

    expect(textOf(page)).toContain('菜单加载失败')
    expect(textOf(page)).toContain('网络连接失败')
    // The landing's one attempt (sent with the navigation), then the page's own read, retried before giving up:
    // three attempts, all refused.
    expect(bridge.requests.filter((r) => r.path === '/api/stores/12/menu')).toHaveLength(1 + 3)
    expect(textOf(findById(page, 'order-store'))).toBe('门店 12')

    bridge.target = api.url
    await tap(findById(page, 'state-error-action'))
    await waitForId(mp, 'menu')

    expect(queryById(mp.currentPage, 'state-error')).toBeNull()
    expect(textOf(findById(mp.currentPage, 'order-store'))).toBe('小满面馆')
    mp.expectNoErrors()
  })
})

describe('submitting twice', () => {
  it('creates one order for a double tap on submit', async () => {
    const { mp, bridge } = await scanInto()
    await waitForId(mp, 'menu')
    await add(mp, 'tomato-egg-noodles')
    const confirm = await toConfirm(mp)

    const submit = findById(confirm, 'submit-order')
    const before = mp.nav.calls.length
    await Promise.all([tap(submit), tap(submit)])
    await mp.waitForNavigation('redirectTo', { after: before })
    await waitForId(mp, 'order-number')

    expect(api.orders.list()).toHaveLength(1)
    expect(bridge.requests.filter((r) => r.method === 'POST')).toHaveLength(1)
  })

  it('creates one order when the answer is lost and the order is sent again', async () => {
    const { mp, bridge } = await scanInto()
    await waitForId(mp, 'menu')
    await add(mp, 'hot-sour-noodles', 2)
    const confirm = await toConfirm(mp)
    // Every attempt of the first tap reaches the backend, but no answer comes back.
    bridge.loseAnswers(3, (r) => r.method === 'POST')

    await tap(findById(confirm, 'submit-order'))
    await waitForId(mp, 'confirm-error', 5000)
    expect(textOf(findById(mp.currentPage, 'confirm-error'))).toBe('网络超时，请稍后重试。')
    expect(api.orders.list()).toHaveLength(1)

    const before = mp.nav.calls.length
    await tap(findById(mp.currentPage, 'submit-order'))
    await mp.waitForNavigation('redirectTo', { after: before })
    const result = await waitForId(mp, 'order-number')

    const posts = bridge.requests.filter((r) => r.method === 'POST')
    expect(posts).toHaveLength(4)
    // One key for every attempt of the same cart: the backend kept one order and answered with it.
    expect(new Set(posts.map((r) => r.headers['idempotency-key'])).size).toBe(1)
    expect(api.orders.list()).toHaveLength(1)
    expect(textOf(findById(result, 'order-number'))).toBe(api.orders.list()[0].number)
  })
})
