// The menu request leaves with the navigation (issue 13 §2): a scan that lands on an order page sends the menu
// request in the same tick as redirectTo, and the order page uses that answer instead of asking again. The built
// dist/ in miniprogram-simulate, wx.request answered by the real demo backend over HTTP on 127.0.0.1. Requests are
// counted, never timed.
import { startDemoApi, type RunningDemoApi } from '../../server/app'
import { findById, launch, queryById, respond, textOf, type MiniProgram, type SimPage } from './harness'
import { bridgeWxRequest, type Bridge, type SeenRequest } from './order-api-bridge'

const DINE_IN = 'https://shop.example.com/s/12/t/5'
const MENU_12 = '/api/stores/12/menu'
const MENU_7 = '/api/stores/7/menu'

let api: RunningDemoApi
beforeEach(async () => {
  api = await startDemoApi({ port: 0 })
})
afterEach(async () => {
  jest.restoreAllMocks()
  await api.close()
})

const now = () => String(Math.floor(Date.now() / 1000))
const menuCalls = (bridge: Bridge, path: string): SeenRequest[] =>
  bridge.requests.filter((r) => r.path === path)

interface Scan {
  /** Open the page the app navigates to (default true); false records the call only. */
  follow?: boolean
  /** Runs before app.js loads, with the bridge in place: plan lost answers, spy on wx. */
  plan?: (bridge: Bridge, mp: MiniProgram) => void
}

/** A printed link, or a mini program code's scene (as wxacode.getUnlimited was given it). */
type Code = string | { mpScene: string }

/** Cold-starts from a scanned code; the bridge sees every request the app makes from the start. */
async function open(
  code: Code,
  { follow = true, plan }: Scan = {}
): Promise<{ mp: MiniProgram; bridge: Bridge }> {
  let bridge: Bridge | undefined
  const mp = await launch({
    ...(typeof code === 'string'
      ? { query: { q: encodeURIComponent(code), scancode_time: now() }, scene: 1011 }
      : { query: { scene: encodeURIComponent(code.mpScene) }, scene: 1047 }),
    followNavigation: follow,
    requireRendered: false,
    beforeLoad: (app) => {
      bridge = bridgeWxRequest(app, api.url)
      plan?.(bridge, app)
    },
  })
  if (!bridge) throw new Error('beforeLoad did not run')
  return { mp, bridge }
}

/** Cold-starts from a scanned code and waits for the entry page's redirect. */
async function scan(code: Code, options: Scan = {}): Promise<{ mp: MiniProgram; bridge: Bridge }> {
  const opened = await open(code, options)
  await opened.mp.waitForNavigation('redirectTo')
  return opened
}

/** Waits (real I/O, not just ticks) until the current page shows its menu. */
async function menuShown(mp: MiniProgram): Promise<SimPage> {
  await mp.waitFor(() => queryById(mp.currentPage, 'menu') !== null, { timeout: 10_000, what: '#menu' })
  await mp.settle()
  return mp.currentPage
}

describe('the menu request of a scan that lands on an order page', () => {
  it('leaves with the navigation, and the order page shows its answer without asking again', async () => {
    const { mp, bridge } = await scan(DINE_IN)
    const order = await menuShown(mp)

    expect(order.route).toBe('pages/order/index')
    expect(textOf(findById(order, 'order-store'))).toBe('小满面馆')
    // One request for the landing, never two.
    expect(menuCalls(bridge, MENU_12)).toHaveLength(1)
    // Sent no later than the navigation call, from the entry page: before the order page existed.
    const redirect = mp.nav.last('redirectTo')
    expect(redirect?.from).toBe('pages/index/index')
    expect(menuCalls(bridge, MENU_12)[0].at).toBeLessThanOrEqual(redirect?.at ?? -1)
    mp.expectNoErrors()
  })

  it('leaves with the navigation of a mini program code too', async () => {
    const { mp, bridge } = await scan({ mpScene: 'store=12&table=5' })
    const order = await menuShown(mp)

    expect(order.route).toBe('pages/order/index')
    expect(textOf(findById(order, 'order-store'))).toBe('小满面馆')
    expect(textOf(findById(order, 'order-place'))).toBe('堂食 · 5 号桌')
    expect(menuCalls(bridge, MENU_12)).toHaveLength(1)
    expect(menuCalls(bridge, MENU_12)[0].at).toBeLessThanOrEqual(mp.nav.last('redirectTo')?.at ?? -1)
    mp.expectNoErrors()
  })

  it('is asked again by the order page when the sent request fails, and the menu shows', async () => {
    const { mp, bridge } = await scan(DINE_IN, {
      // The landing's request reaches the backend, but its answer is lost (request:fail timeout).
      plan: (b) => b.loseAnswers(1, (r) => r.path === MENU_12),
    })
    const order = await menuShown(mp)

    expect(textOf(findById(order, 'order-store'))).toBe('小满面馆')
    // The landing's one attempt failed; the page asked once more, as it does without a landing, and got the menu.
    expect(menuCalls(bridge, MENU_12)).toHaveLength(2)
    mp.expectNoErrors()
  })

  it('is ignored by an order page of another store, which asks for its own menu', async () => {
    // The landing for store 12 sends its request; the navigation is recorded, not followed.
    const { mp, bridge } = await scan(DINE_IN, { follow: false })
    expect(menuCalls(bridge, MENU_12)).toHaveLength(1)

    // Then an order page of store 7 opens (a share card, another code): it must not show store 12's menu.
    await mp.redirect('pages/order/index', { store: '7', mode: 'takeaway' })
    const order = await menuShown(mp)

    expect(textOf(findById(order, 'order-store'))).toBe('青柠轻食')
    expect(menuCalls(bridge, MENU_7)).toHaveLength(1)
    expect(menuCalls(bridge, MENU_12)).toHaveLength(1)
    mp.expectNoErrors()
  })

  it('is used once: a second order page of the same store asks for its own menu', async () => {
    const { mp, bridge } = await scan(DINE_IN)
    await menuShown(mp)

    await mp.redirect('pages/order/index', { store: '12', table: '5', mode: 'dine-in' })
    await menuShown(mp)

    expect(menuCalls(bridge, MENU_12)).toHaveLength(2)
  })

  it('is not used once stale: an order page opening long after the landing asks again', async () => {
    const { mp, bridge } = await scan(DINE_IN, { follow: false })
    // The clock moves on past any page switch (the app reads Date.now, as on a phone).
    const later = Date.now() + 60_000
    jest.spyOn(Date, 'now').mockReturnValue(later)

    await mp.redirect('pages/order/index', { store: '12', table: '5', mode: 'dine-in' })
    const order = await menuShown(mp)

    expect(textOf(findById(order, 'order-store'))).toBe('小满面馆')
    expect(menuCalls(bridge, MENU_12)).toHaveLength(2)
  })

  it('is dropped when the navigation fails, so a later order page asks for a fresh menu', async () => {
    const { mp, bridge } = await open(DINE_IN, {
      follow: false,
      // WeChat refuses the redirect: the entry page offers the scan button instead.
      plan: (_b, app) => {
        app.nav.redirectTo.mockImplementationOnce((options) =>
          respond(options, { errMsg: 'redirectTo:fail' })
        )
      },
    })
    await mp.waitFor(() => mp.nav.redirectTo.mock.calls.length === 1, { what: 'wx.redirectTo' })
    await mp.waitFor(() => queryById(mp.currentPage, 'home') !== null, { timeout: 10_000, what: '#home' })
    expect(menuCalls(bridge, MENU_12)).toHaveLength(1)

    await mp.redirect('pages/order/index', { store: '12', table: '5', mode: 'dine-in' })
    await menuShown(mp)

    expect(menuCalls(bridge, MENU_12)).toHaveLength(2)
  })

  it('is not sent for a scan that lands on the error page', async () => {
    const { mp, bridge } = await open('https://shop.example.com/s/0/t/5', { follow: false })
    await mp.settle()

    expect(queryById(mp.currentPage, 'landing-error')).not.toBeNull()
    expect(mp.nav.calls).toEqual([])
    expect(bridge.requests).toEqual([])
  })
})
