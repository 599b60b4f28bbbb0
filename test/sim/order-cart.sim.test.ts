// The cart's context rules on the built dist/, with the real demo backend: it belongs to a store and a table,
// moves only when the customer says so, survives a restart but not a day.
import { DEMO_STORES } from '../../server/demo-menu'
import { startDemoApi, type RunningDemoApi } from '../../server/app'
import { findById, launch, queryById, respond, tap, textOf, type MiniProgram } from './harness'
import { bridgeWxRequest } from './order-api-bridge'

const CART_KEY = 'order.cart.v1'
const DAY_MS = 24 * 60 * 60 * 1000

let api: RunningDemoApi
beforeEach(async () => {
  api = await startDemoApi({ port: 0 })
})
afterEach(async () => {
  await api.close()
})

function scanQuery(link: string, at = Date.now()) {
  return { q: encodeURIComponent(link), scancode_time: String(Math.floor(at / 1000)) }
}

interface ScanOptions {
  storage?: Record<string, unknown>
  /** What wx.showModal answers (the move question). */
  modal?: { confirm: boolean }
  beforeLoad?: (mp: MiniProgram) => void
  apiUrl?: string
}

/** Cold-starts from a scanned link with `storage` (a restart keeps it) and waits for the menu. */
async function coldScan(
  link: string,
  options: ScanOptions = {}
): Promise<{ mp: MiniProgram; modal: jest.SpyInstance }> {
  let modal: jest.SpyInstance | undefined
  const mp = await launch({
    query: scanQuery(link),
    scene: 1011,
    followNavigation: true,
    storage: options.storage,
    beforeLoad: (app) => {
      bridgeWxRequest(app, options.apiUrl ?? api.url)
      modal = answerModal(app, options.modal ?? { confirm: true })
      options.beforeLoad?.(app)
    },
  })
  await mp.waitForNavigation('redirectTo')
  if (!modal) throw new Error('beforeLoad did not run')
  return { mp, modal }
}

function answerModal(mp: MiniProgram, answer: { confirm: boolean }): jest.SpyInstance {
  return jest
    .spyOn(mp.wx, 'showModal')
    .mockImplementation((options) =>
      respond(options, { errMsg: 'showModal:ok', confirm: answer.confirm, cancel: !answer.confirm })
    )
}

async function waitForMenu(mp: MiniProgram): Promise<void> {
  await mp.waitFor(() => queryById(mp.currentPage, 'menu') !== null, { timeout: 3000, what: 'the menu' })
  await mp.settle()
}

/** A hot-start scan of another code: WeChat re-opens the entry page, which lands it again. */
async function scanAgain(mp: MiniProgram, link: string): Promise<void> {
  const before = mp.nav.calls.length
  await mp.hotStart({ query: scanQuery(link, Date.now() + 1000), scene: 1011 }, { reLaunch: true })
  await mp.waitForNavigation('redirectTo', { after: before })
  await waitForMenu(mp)
}

interface StoredCart {
  store: number
  mode: string
  table: string | null
  lines: { item: string; qty: number }[]
  updatedAt: number
}

function storedCart(mp: MiniProgram): StoredCart {
  return mp.storage.get(CART_KEY) as StoredCart
}

/** Lands at table 5 of store 12 and puts two beef noodles and a marinated egg in the cart. */
async function cartAtTable5(): Promise<MiniProgram> {
  const { mp } = await coldScan('https://shop.example.com/s/12/t/5')
  await waitForMenu(mp)
  await tap(findById(mp.currentPage, 'item-beef-noodles-add'))
  await tap(findById(mp.currentPage, 'item-beef-noodles-add'))
  await tap(findById(mp.currentPage, 'item-marinated-egg-add'))
  expect(textOf(findById(mp.currentPage, 'cart-count'))).toBe('已选 3 件')
  return mp
}

describe('scanning another table of the same store', () => {
  it('asks whether to move the cart, and moves it when the customer agrees', async () => {
    const mp = await cartAtTable5()
    const modal = answerModal(mp, { confirm: true })

    await scanAgain(mp, 'https://shop.example.com/s/12/t/8')

    expect(modal).toHaveBeenCalledTimes(1)
    expect(modal.mock.calls[0][0]).toMatchObject({
      title: '继续使用购物车？',
      content: '你在5 号桌选了 3 件菜品，要移到8 号桌继续点吗？',
      confirmText: '移过来',
      cancelText: '重新点餐',
    })
    expect(textOf(findById(mp.currentPage, 'order-place'))).toBe('堂食 · 8 号桌')
    expect(textOf(findById(mp.currentPage, 'cart-count'))).toBe('已选 3 件')
    expect(storedCart(mp)).toMatchObject({ store: 12, table: '8', lines: [{ qty: 2 }, { qty: 1 }] })
  })

  it('starts an empty cart at the new table when the customer declines', async () => {
    const mp = await cartAtTable5()
    const modal = answerModal(mp, { confirm: false })

    await scanAgain(mp, 'https://shop.example.com/s/12/t/8')

    expect(modal).toHaveBeenCalledTimes(1)
    expect(textOf(findById(mp.currentPage, 'cart-count'))).toBe('购物车是空的')
    expect(storedCart(mp)).toMatchObject({ store: 12, table: '8', lines: [] })
  })

  it('does not ask when the scan is for the same table', async () => {
    const mp = await cartAtTable5()
    const modal = answerModal(mp, { confirm: false })

    await scanAgain(mp, 'https://shop.example.com/s/12/t/5')

    expect(modal).not.toHaveBeenCalled()
    expect(textOf(findById(mp.currentPage, 'cart-count'))).toBe('已选 3 件')
  })
})

describe('the cart across stores and restarts', () => {
  it('starts a new cart, without asking, for another store', async () => {
    const mp = await cartAtTable5()
    const modal = answerModal(mp, { confirm: true })

    await scanAgain(mp, 'https://shop.example.com/s/7/t/2')

    expect(modal).not.toHaveBeenCalled()
    expect(textOf(findById(mp.currentPage, 'order-store'))).toBe('青柠轻食')
    expect(textOf(findById(mp.currentPage, 'cart-count'))).toBe('购物车是空的')
    expect(storedCart(mp)).toMatchObject({ store: 7, table: '2', lines: [] })
  })

  it('survives an app restart', async () => {
    const first = await cartAtTable5()
    const storage = Object.fromEntries(first.storage)

    const { mp, modal } = await coldScan('https://shop.example.com/s/12/t/5', { storage })
    await waitForMenu(mp)

    expect(modal).not.toHaveBeenCalled()
    expect(textOf(findById(mp.currentPage, 'cart-count'))).toBe('已选 3 件')
    expect(textOf(findById(mp.currentPage, 'cart-total'))).toBe('¥59.00')
    expect(textOf(findById(mp.currentPage, 'item-beef-noodles-qty'))).toBe('2')
  })

  it('drops a cart older than a day', async () => {
    const first = await cartAtTable5()
    const yesterday = { ...storedCart(first), updatedAt: Date.now() - DAY_MS - 60_000 }

    const { mp } = await coldScan('https://shop.example.com/s/12/t/5', { storage: { [CART_KEY]: yesterday } })
    await waitForMenu(mp)

    expect(textOf(findById(mp.currentPage, 'cart-count'))).toBe('购物车是空的')
    expect(storedCart(mp).lines).toEqual([])
    expect(storedCart(mp).updatedAt).toBeGreaterThan(yesterday.updatedAt + DAY_MS)
  })
})

describe('the order page is never blank', () => {
  it('shows the empty-menu state for a store with nothing to order', async () => {
    const empty = await startDemoApi({
      port: 0,
      stores: [{ ...DEMO_STORES[0], menu: { ...DEMO_STORES[0].menu, categories: [] } }],
    })
    try {
      const { mp } = await coldScan('https://shop.example.com/s/12/t/5', { apiUrl: empty.url })
      await mp.waitFor(() => queryById(mp.currentPage, 'state-empty') !== null, { timeout: 3000 })

      expect(textOf(findById(mp.currentPage, 'state-empty'))).toContain('本店暂时没有可点的菜品')
      expect(textOf(findById(mp.currentPage, 'order-store'))).toBe('小满面馆')
      expect(textOf(findById(mp.currentPage, 'cart-count'))).toBe('购物车是空的')
    } finally {
      await empty.close()
    }
  })

  it('shows "not configured" instead of calling a local API base from a released version', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { mp } = await coldScan('https://shop.example.com/s/12/t/5', {
      beforeLoad: (app) => {
        // WeChat's account info for the released version (the harness's Wx type does not list this API).
        const wx = app.wx as unknown as { getAccountInfoSync: () => unknown }
        jest.spyOn(wx, 'getAccountInfoSync').mockReturnValue({
          miniProgram: { appId: 'wx0123456789abcdef', envVersion: 'release', version: '1.0.0' },
        })
      },
    })
    await mp.settle()

    expect(textOf(findById(mp.currentPage, 'state-error'))).toContain('点餐服务暂未开通')
    expect(textOf(findById(mp.currentPage, 'order-place'))).toBe('堂食 · 5 号桌')
    expect(mp.wx.request).not.toHaveBeenCalled()
    // The developer is told why, in the console.
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/TARO_APP_API_BASE is insecure/))
    warn.mockRestore()
  })

  it('refuses a result page opened with a forged order id', async () => {
    const mp = await launch({ path: 'pages/result/index', query: { order: '../x' }, scene: 1001 })
    await mp.settle()

    expect(textOf(findById(mp.currentPage, 'state-error'))).toContain('订单信息无效')
  })
})
