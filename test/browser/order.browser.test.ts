// The printed link opened in a browser, as a customer scanning with a phone camera would: the real build in
// headless Chromium, the real backend over HTTP on 127.0.0.1. Scan → order page → cart → confirm → order number,
// takeaway, reload and Back, a double-tapped submit; no console error or uncaught error at any point.
import { landQ } from '../../src/landing'
import { strings } from '../../src/strings'
import { browserPerFile, queryOf, shoot, RULE_TABLE, text, where, type Watched } from './harness'

jest.setTimeout(180_000)

const session = browserPerFile()
let tab: Watched
beforeEach(async () => {
  tab = await session.open()
})
const world = () => session.world()

const ORDER_PAGE = '/s/pages/order/index'

/** Opens a printed link's path and waits for the order page's menu. */
async function scan(path: string) {
  await tab.page.goto(world().url + path)
  await tab.page.locator('#menu').waitFor()
}

/** True when the checkout button is disabled or looks it (a `disabled` attribute of any value, or Taro's class). */
function checkoutLooksDisabled(): Promise<boolean> {
  return tab.page
    .locator('#checkout')
    .evaluate(
      (el) =>
        el.hasAttribute('disabled') ||
        el.classList.contains('taro-btn-disabled') ||
        Number(getComputedStyle(el).opacity) < 1
    )
}

async function add(item: string, times = 1) {
  for (let i = 0; i < times; i += 1) {
    const before = await tab.page.locator(`#item-${item}-qty`).count()
    const qty = before === 0 ? 0 : Number(await text(tab.page, `#item-${item}-qty`))
    await tab.page.click(`#item-${item}-add`)
    await tab.page.locator(`#item-${item}-qty`, { hasText: String(qty + 1) }).waitFor()
  }
}

describe('a table code opened in the browser', () => {
  it('lands on the order page of store 12, table 5, with the params the mini program gets for q', async () => {
    await scan('/s/12/t/5')
    const landed = landQ(encodeURIComponent('https://shop.example.com/s/12/t/5'), RULE_TABLE)
    if (!landed.ok) throw new Error('the printed link does not land')
    expect(new URL(tab.page.url()).pathname).toBe(`/s/${landed.page}`)
    expect(queryOf(tab.page)).toEqual(
      Object.fromEntries(Object.entries(landed.params).map(([k, v]) => [k, String(v)]))
    )
    expect(await text(tab.page, '#order-store')).toBe('小满面馆')
    expect(await text(tab.page, '#order-place')).toBe('堂食 · 5 号桌')
    expect(await text(tab.page, '#cart-count')).toBe('购物车是空的')
    expect(await checkoutLooksDisabled()).toBe(true)
    // The browser has no follow banner; outside WeChat it offers to open the same page in the mini program.
    expect(await tab.page.locator('#follow-official-account').count()).toBe(0)
    expect(await tab.page.locator('#open-in-wechat-link').getAttribute('href')).toBe(
      'weixin://dl/business/?appid=wx0a1b2c3d4e5f6a7b&path=pages/order/index' +
        '&query=store%3D12%26table%3D5%26mode%3Ddine-in'
    )
    expect(tab.apiCalls).toEqual(['GET /api/stores/12/menu'])
    await shoot(tab.page, 'order')
  })

  it('offers its buttons to a screen reader and a keyboard, with the disabled state of checkout', async () => {
    await scan('/s/12/t/5')
    const checkout = tab.page.getByRole('button', { name: strings.order.checkout })
    expect(await checkout.getAttribute('aria-disabled')).toBe('true')
    const addNoodles = tab.page.locator('#item-beef-noodles-add')
    expect(await addNoodles.getAttribute('role')).toBe('button')
    await addNoodles.focus()
    await tab.page.keyboard.press(' ')
    await tab.page.locator('#item-beef-noodles-qty', { hasText: '1' }).waitFor()
    await tab.page.locator('#checkout[aria-disabled="false"]').waitFor()
    expect(await tab.page.getByRole('button', { name: strings.order.remove }).count()).toBe(1)
  })

  it('takes an order: items, confirm, one order with a number', async () => {
    await scan('/s/12/t/5')
    await add('beef-noodles', 2)
    await add('plum-juice')
    expect(await text(tab.page, '#cart-count')).toBe('已选 3 件')
    expect(await text(tab.page, '#cart-total')).toBe('¥62.00')
    // The checkout button looks enabled once there is something to check out (it kept a disabled look before).
    expect(await checkoutLooksDisabled()).toBe(false)
    await tab.page.locator('#order-store').scrollIntoViewIfNeeded()
    await shoot(tab.page, 'order-cart')

    await tab.page.click('#checkout')
    await tab.page.locator('#confirm').waitFor()
    expect(where(tab.page)).toBe('/s/pages/confirm/index')
    expect(await text(tab.page, '#confirm-place')).toBe('堂食 · 5 号桌')
    expect(await text(tab.page, '#confirm-total')).toBe('合计（已选 3 件）¥62.00')
    await tab.page.locator('#confirm-note textarea').fill('少辣')
    await shoot(tab.page, 'confirm')

    await tab.page.click('#submit-order')
    await tab.page.locator('#order-number').waitFor()
    const orders = world().api.orders.list()
    const order = orders[orders.length - 1]
    expect(where(tab.page)).toBe(`/s/pages/result/index?order=${order.id}`)
    expect(order).toMatchObject({ store: 12, mode: 'dine-in', table: '5', total: 6200, note: '少辣' })
    expect(await text(tab.page, '#order-number')).toBe(order.number)
    expect(await text(tab.page, '#order-status')).toBe('商家已接单')
    expect(await text(tab.page, '#order-total')).toBe('¥62.00')
    await shoot(tab.page, 'result')

    // Back to the menu: the cart it ordered is gone.
    await tab.page.click('#continue-ordering')
    await tab.page.locator('#menu').waitFor()
    expect(new URL(tab.page.url()).pathname).toBe(ORDER_PAGE)
    expect(await text(tab.page, '#cart-count')).toBe('购物车是空的')
  })

  it('makes one order from a double-tapped submit', async () => {
    await scan('/s/12/t/5')
    await add('marinated-egg')
    const before = world().api.orders.list().length
    await tab.page.click('#checkout')
    await tab.page.locator('#submit-order').waitFor()
    // Two taps in the same frame, then a third on the way out: still one order.
    await tab.page.evaluate(() => {
      const button = document.querySelector<HTMLElement>('#submit-order')
      button?.click()
      button?.click()
    })
    await tab.page
      .locator('#submit-order')
      .click({ timeout: 1000 })
      .catch(() => undefined)
    await tab.page.locator('#order-number').waitFor()
    expect(world().api.orders.list().length - before).toBe(1)
    expect(tab.apiCalls.filter((call) => call.startsWith('POST'))).toHaveLength(1)
  })

  it('keeps the cart across a reload, on the order page and on the confirm page', async () => {
    await scan('/s/12/t/5')
    await add('soy-milk', 2)
    await tab.page.reload()
    await tab.page.locator('#menu').waitFor()
    expect(new URL(tab.page.url()).pathname).toBe(ORDER_PAGE)
    expect(await text(tab.page, '#cart-count')).toBe('已选 2 件')
    expect(await text(tab.page, '#item-soy-milk-qty')).toBe('2')

    await tab.page.click('#checkout')
    await tab.page.locator('#confirm').waitFor()
    await tab.page.reload()
    await tab.page.locator('#confirm').waitFor()
    expect(await text(tab.page, '#confirm-total')).toBe('合计（已选 2 件）¥10.00')
    // Back from the reloaded confirm page: the order page again, cart and all.
    await tab.page.goBack()
    await tab.page.locator('#cart-count', { hasText: '已选 2 件' }).waitFor()
    expect(new URL(tab.page.url()).pathname).toBe(ORDER_PAGE)
  })

  it('reloads the result page with the order, and goes on ordering at the same table', async () => {
    await scan('/s/12/t/5')
    await add('plum-juice')
    await tab.page.click('#checkout')
    await tab.page.click('#submit-order')
    await tab.page.locator('#order-number').waitFor()
    const number = await text(tab.page, '#order-number')
    await tab.page.reload()
    await tab.page.locator('#order-number').waitFor()
    expect(await text(tab.page, '#order-number')).toBe(number)
    // Reloaded, no page lies below the result page: "continue ordering" opens this order's table.
    await tab.page.click('#continue-ordering')
    await tab.page.locator('#menu').waitFor()
    expect(queryOf(tab.page)).toEqual({ store: '12', table: '5', mode: 'dine-in' })
  })

  it('goes Back from the confirm page to the order page, and from there out of the app, never landing again', async () => {
    await scan('/s/12/t/5')
    // The landing replaced its history entries: the printed link and the entry page are not there to go back to.
    const visited: string[] = []
    tab.page.on('framenavigated', (frame) => {
      if (frame === tab.page.mainFrame()) visited.push(where(tab.page))
    })
    await add('plum-juice')
    await tab.page.click('#checkout')
    await tab.page.locator('#confirm').waitFor()
    await tab.page.goBack()
    await tab.page.locator('#menu').waitFor()
    expect(new URL(tab.page.url()).pathname).toBe(ORDER_PAGE)
    expect(await text(tab.page, '#cart-count')).toBe('已选 1 件')
    await tab.page.goBack()
    await tab.page.waitForURL('about:blank')
    expect(visited.some((path) => path.startsWith('/s/pages/index/index') || path === '/s/12/t/5')).toBe(
      false
    )
  })

  it('asks before moving the cart when another table of the same store is scanned', async () => {
    await scan('/s/12/t/5')
    await add('beef-noodles')
    await tab.page.goto(`${world().url}/s/12/t/6`)
    await tab.page.locator('.taro-modal__title', { hasText: '继续使用购物车？' }).waitFor()
    expect(await text(tab.page, '.taro-modal__text')).toBe('你在5 号桌选了 1 件菜品，要移到6 号桌继续点吗？')
    await shoot(tab.page, 'move-cart')
    await tab.page.locator('.taro-model__btn', { hasText: '移过来' }).click()
    await tab.page.locator('#cart-count', { hasText: '已选 1 件' }).waitFor()
    expect(await text(tab.page, '#order-place')).toBe('堂食 · 6 号桌')
  })
})

describe("a table code's menu request in the browser", () => {
  /** Records, in the page, the page path each order API fetch was made from. */
  async function recordFetchOrigins() {
    await tab.page.addInitScript(() => {
      const w = window as unknown as { __apiFrom: string[] }
      w.__apiFrom = []
      const original = window.fetch.bind(window)
      window.fetch = (input, init) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
        if (new URL(url, window.location.href).pathname.startsWith('/api/'))
          w.__apiFrom.push(window.location.pathname)
        return original(input, init)
      }
    })
  }
  const fetchOrigins = () => tab.page.evaluate(() => (window as unknown as { __apiFrom: string[] }).__apiFrom)

  it('leaves with the landing, before the order page opens, and is the only menu request', async () => {
    await recordFetchOrigins()
    await scan('/s/12/t/5')

    expect(await text(tab.page, '#order-store')).toBe('小满面馆')
    expect(tab.apiCalls).toEqual(['GET /api/stores/12/menu'])
    // Sent from the entry page (the landing), not from the order page after it opened.
    expect(await fetchOrigins()).toEqual(['/s/pages/index/index'])
  })

  it('is asked again by the order page when the request sent with the landing fails', async () => {
    let menuRequests = 0
    await tab.page.route('**/api/stores/12/menu', (route) => {
      menuRequests += 1
      return menuRequests === 1 ? route.abort('connectionreset') : route.continue()
    })
    await recordFetchOrigins()
    await scan('/s/12/t/5')

    expect(await text(tab.page, '#order-store')).toBe('小满面馆')
    expect(menuRequests).toBe(2)
    expect(await fetchOrigins()).toEqual(['/s/pages/index/index', '/s/pages/order/index'])
    // Chromium logs the failure this test injected, and nothing else.
    expect(tab.problems).toEqual(['console error: Failed to load resource: net::ERR_CONNECTION_RESET'])
    tab.problems.length = 0
  })
})

describe('a takeaway code opened in the browser', () => {
  it.each(['/s/12?mode=takeaway', '/s/12'])('%s lands on takeaway and orders to take away', async (path) => {
    await scan(path)
    expect(queryOf(tab.page)).toEqual({ store: '12', mode: 'takeaway' })
    expect(await text(tab.page, '#order-place')).toBe('外带')
    if (path === '/s/12?mode=takeaway') await shoot(tab.page, 'order-takeaway')
    await add('pan-fried-dumplings')
    await tab.page.click('#checkout')
    await tab.page.locator('#confirm').waitFor()
    expect(await text(tab.page, '#confirm-place')).toBe('外带 · 做好后请到取餐台取餐')
    await tab.page.click('#submit-order')
    await tab.page.locator('#order-number').waitFor()
    expect(await text(tab.page, '#result-place')).toBe('外带 · 做好后请到取餐台取餐')
    const orders = world().api.orders.list()
    expect(orders[orders.length - 1]).toMatchObject({ store: 12, mode: 'takeaway', table: null, total: 1200 })
  })
})
