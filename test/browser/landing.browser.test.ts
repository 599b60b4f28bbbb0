// What the browser shows for links that do not land on an order page: the same error screen as the mini program
// (the same core, the same rule table), never an undeclared page; the home screen; WeChat's own browser.
import { APP_PAGES, landContent, landQ } from '../../src/landing'
import { strings } from '../../src/strings'
import { browserPerFile, shoot, RULE_TABLE, text, where, type Watched } from './harness'

jest.setTimeout(180_000)

const session = browserPerFile()
let tab: Watched

const DECLARED = new Set(APP_PAGES.map((page) => `/s/${page}`))

/** Opens `path` and waits until the app shows where it landed: the menu, an error state, or the home screen. */
async function open(path: string) {
  await tab.page.goto(session.world().url + path)
  await tab.page.locator('#menu, #landing-error, #home, #state-error, #result').first().waitFor()
}

// Under a rule prefix every path matches the rule (the server answers 404 outside them): what no route takes.
describe('a path no route takes', () => {
  beforeEach(async () => {
    tab = await session.open()
  })

  it('shows the error screen with the code the core gives the printed link, and a way on', async () => {
    await open('/s/menu/today')
    const expected = landContent('https://shop.example.com/s/menu/today', RULE_TABLE)
    if (expected.ok) throw new Error('the rule table routes /s/menu/today')
    expect(await tab.page.getAttribute('#landing-error', 'data-code')).toBe(expected.code)
    expect(await text(tab.page, '.landing-error__title')).toBe(strings.errors[expected.code].title)
    expect(await text(tab.page, '.landing-error__input')).toBe('https://shop.example.com/s/menu/today')
    expect(new URL(tab.page.url()).pathname).toBe('/s/pages/index/index')
    expect(tab.apiCalls).toEqual([])
    await shoot(tab.page, 'error')

    // "Scan again" in a browser: the phone's camera does it.
    await tab.page.click('#scan-again')
    await tab.page.locator('.taro-modal__title', { hasText: '请用手机相机扫码' }).waitFor()
    await shoot(tab.page, 'scan-in-browser')
  })

  it('shows the same error screen on a path outside every rule prefix (the server answers 404 with the app)', async () => {
    const reply = await tab.page.goto(`${session.world().url}/other/12`)
    expect(reply?.status()).toBe(404)
    await tab.page.locator('#landing-error').waitFor()
    const expected = landContent('https://shop.example.com/other/12', RULE_TABLE)
    if (expected.ok) throw new Error('the rule table routes /other/12')
    expect(await tab.page.getAttribute('#landing-error', 'data-code')).toBe(expected.code)
    expect(await text(tab.page, '.landing-error__title')).toBe(strings.errors[expected.code].title)
    expect(await tab.page.isVisible('#scan-again')).toBe(true)
    expect(tab.apiCalls).toEqual([])
    // Chromium logs the document's own 404 status; that one line, and nothing else, is expected here.
    expect(tab.problems).toEqual([
      'console error: Failed to load resource: the server responded with a status of 404 (Not Found)',
    ])
    tab.problems.length = 0
  })

  it('offers "scan again" as a button that a screen reader announces and a keyboard presses', async () => {
    await open('/s/menu/today')
    const button = tab.page.getByRole('button', { name: strings.errorState.scanAgain })
    expect(await button.getAttribute('aria-disabled')).toBe('false')
    await button.focus()
    await tab.page.keyboard.press('Enter')
    await tab.page.locator('.taro-modal__title', { hasText: '请用手机相机扫码' }).waitFor()
  })

  it('lands the same on a reload of the error screen', async () => {
    await open('/s/menu/today')
    const code = await tab.page.getAttribute('#landing-error', 'data-code')
    await tab.page.reload()
    await tab.page.locator('#landing-error').waitFor()
    expect(await tab.page.getAttribute('#landing-error', 'data-code')).toBe(code)
  })
})

describe('hostile URLs never reach an undeclared page', () => {
  beforeEach(async () => {
    tab = await session.open()
  })

  // Printed links (what a camera opens): each lands wherever the core lands the printed link itself — the order
  // page with its validated params, or the error screen with the core's code. Never anywhere else.
  const PRINTED = [
    '/s/pages/secret/index',
    '/s/12/t/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    '/s/12/t/5?mode=takeaway&next=https://evil.example',
    '/s/12/t/5?q=javascript:alert(1)',
    '/s/12/t/5?table=6',
    '/s/0',
    '/s/99999999999999999999',
    "/s/12/t/5'%22%3E%3Cimg%20src=x%20onerror=alert(1)%3E",
  ]

  it.each(PRINTED)('%s lands where the core lands the printed link', async (path) => {
    await open(path)
    const expected = landContent(`https://shop.example.com${path}`, RULE_TABLE)
    const at = new URL(tab.page.url()).pathname
    expect(DECLARED.has(at)).toBe(true)
    if (expected.ok) {
      expect(at).toBe(`/s/${expected.page}`)
      expect(Object.fromEntries(new URL(tab.page.url()).searchParams)).toEqual(
        Object.fromEntries(Object.entries(expected.params).map(([k, v]) => [k, String(v)]))
      )
    } else {
      expect(at).toBe('/s/pages/index/index')
      expect(await tab.page.getAttribute('#landing-error', 'data-code')).toBe(expected.code)
      expect(tab.apiCalls).toEqual([])
    }
    // Shown as text, never as markup: no element the link tried to inject exists.
    expect(await tab.page.locator('#landing-error img, #landing-error script').count()).toBe(0)
  })

  // The entry page's own URL with a forged `q` (as a share card could open the mini program): the core decides.
  const FORGED_Q = [
    'javascript%3Aalert(1)',
    'https%3A%2F%2Fevil.example%2Fs%2F12',
    '%E0%A4%A',
    'https%3A%2F%2Fshop.example.com%2Fs%2F12%2Ft%2F5%2F..%2F..%2F..%2Fpages%2Fresult%2Findex',
  ]

  it.each(FORGED_Q)('the entry page with q=%s lands where the core lands that q', async (q) => {
    await open(`/s/pages/index/index?q=${q}`)
    const expected = landQ(q, RULE_TABLE)
    const at = new URL(tab.page.url()).pathname
    expect(DECLARED.has(at)).toBe(true)
    if (expected.ok) expect(at).toBe(`/s/${expected.page}`)
    else expect(await tab.page.getAttribute('#landing-error', 'data-code')).toBe(expected.code)
  })

  // The app's own pages typed by hand: each checks its own input again.
  it('the order page refuses a forged table, drawing it as text', async () => {
    await open('/s/pages/order/index?store=12&table=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&mode=dine-in')
    expect(new URL(tab.page.url()).pathname).toBe('/s/pages/order/index')
    expect(await tab.page.getAttribute('#landing-error', 'data-code')).toBe('invalid-param')
    expect(await tab.page.locator('#menu').count()).toBe(0)
    expect(await tab.page.locator('#landing-error img').count()).toBe(0)
    expect(tab.apiCalls).toEqual([])
  })

  it('the result page refuses an order id that is not one, without asking the API', async () => {
    await open('/s/pages/result/index?order=..%2F..%2Fapi')
    expect(await text(tab.page, '#state-error')).toContain(strings.result.invalid)
    expect(tab.apiCalls).toEqual([])
  })

  it('a path the browser resolves with .. is a declared page (it checks its own input)', async () => {
    await open('/s/pages/result/index/../../order/index')
    expect(new URL(tab.page.url()).pathname).toBe('/s/pages/order/index')
    expect(await tab.page.getAttribute('#landing-error', 'data-code')).toBe('invalid-param')
  })
})

describe('the entry page on its own', () => {
  beforeEach(async () => {
    tab = await session.open()
  })

  it('is the home screen, pointing at the codes on the tables', async () => {
    await open('/s/pages/index/index')
    expect(where(tab.page)).toBe('/s/pages/index/index')
    expect(await text(tab.page, '#home')).toContain('请扫描餐桌或收银台上的二维码')
    await shoot(tab.page, 'home')
  })

  // A browser opens no mini program codes: a scene in the URL was typed, and the mini program would land it.
  it('ignores a mini program code scene in its URL: the home screen, no landing, no API call', async () => {
    await open(`/s/pages/index/index?scene=${encodeURIComponent('store=12&table=5')}`)
    expect(new URL(tab.page.url()).pathname).toBe('/s/pages/index/index')
    expect(await text(tab.page, '#home')).toContain('请扫描餐桌或收银台上的二维码')
    expect(await tab.page.locator('#landing-error, #menu').count()).toBe(0)
    expect(tab.apiCalls).toEqual([])
  })

  it('still lands a printed link whose query carries a scene key: an undeclared key, ignored', async () => {
    await open('/s/12/t/5?scene=store%3D7')
    expect(await text(tab.page, '#order-store')).toBe('小满面馆')
  })
})

describe("inside WeChat's own browser", () => {
  beforeEach(async () => {
    tab = await session.open({
      userAgent:
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) ' +
        'Mobile/15E148 MicroMessenger/8.0.47(0x18002f2c) NetType/WIFI Language/zh_CN',
    })
  })

  it('offers no "open in WeChat" bar and no follow banner', async () => {
    await open('/s/12/t/5')
    expect(await text(tab.page, '#order-store')).toBe('小满面馆')
    expect(await tab.page.locator('#open-in-wechat').count()).toBe(0)
    expect(await tab.page.locator('#follow-official-account').count()).toBe(0)
  })
})
