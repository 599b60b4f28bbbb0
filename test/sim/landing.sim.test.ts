// The built mini program lands scans the way WeChat launches it: cold start, hot start, in-app scan, errors.
import {
  expectRendered,
  findBuiltin,
  findById,
  findByText,
  fireBuiltin,
  launch,
  queryByText,
  tap,
  textOf,
  type MiniProgram,
} from './harness'

const DINE_IN = 'https://shop.example.com/s/12/t/5'
const TAKEAWAY = 'https://shop.example.com/s/12?mode=takeaway'
const TICKET = 'http://weixin.qq.com/q/02demoStoreTicketS12T8'

/** The launch query WeChat gives the entry page for a scanned link. */
function scanQuery(link: string, time = '1700000000') {
  return { q: encodeURIComponent(link), scancode_time: time }
}

async function coldScan(link: string, scene = 1011): Promise<MiniProgram> {
  // WeChat passes navigation queries to onLoad as written, so the order page sees exactly what we encoded.
  return launch({ query: scanQuery(link), scene, followNavigation: true, navigationQuery: 'raw' })
}

describe('landing a cold-start scan', () => {
  it('redirects to the table order page when q carries store and table, and the page shows both', async () => {
    const mp = await coldScan(DINE_IN)

    const call = await mp.waitForNavigation('redirectTo')
    expect(call).toMatchObject({
      route: 'pages/order/index',
      query: { store: '12', table: '5', mode: 'dine-in' },
    })
    expect(mp.nav.calls).toHaveLength(1)
    // redirectTo, not navigateTo: Back does not return to the entry page.
    expect(mp.pages.map((p) => p.route)).toEqual(['pages/order/index'])
    await mp.settle()
    expectRendered(mp.currentPage)
    expect(findByText(mp.currentPage, '门店 12')).toBeTruthy()
    expect(textOf(mp.currentPage)).toContain('5 号桌')
    mp.expectNoErrors()
  })

  it('redirects a takeaway link to the order page in takeaway mode', async () => {
    const mp = await coldScan(TAKEAWAY)

    const call = await mp.waitForNavigation('redirectTo')
    expect(call.query).toEqual({ store: '12', mode: 'takeaway' })
    await mp.settle()
    expect(textOf(findById(mp.currentPage, 'order-place'))).toBe('外带')
    expect(queryByText(mp.currentPage, /号桌/)).toBeNull()
  })

  it('lands a printed link with tracking keys on its page, passing only the declared params', async () => {
    const mp = await coldScan(`${DINE_IN}?utm_source=poster&__proto__=x&MODE=takeaway`)

    const call = await mp.waitForNavigation('redirectTo')
    expect(call).toMatchObject({ route: 'pages/order/index' })
    expect(call.query).toEqual({ store: '12', table: '5', mode: 'dine-in' })
    await mp.settle()
    expect(textOf(mp.currentPage)).toContain('5 号桌')
    mp.expectNoErrors()
  })

  it('resolves a service-account ticket link through the scene map and routes by its scene', async () => {
    const mp = await coldScan(TICKET)

    const call = await mp.waitForNavigation('redirectTo')
    expect(call.query).toEqual({ store: '12', table: '8', mode: 'dine-in' })
    await mp.settle()
    expect(textOf(mp.currentPage)).toContain('8 号桌')
  })

  it('shows the error state and does not navigate when q is malformed', async () => {
    const mp = await launch({ query: { q: '%E0%A4%A', scancode_time: '1700000000' }, scene: 1011 })
    await mp.settle()

    expect(mp.nav.calls).toEqual([])
    expectRendered(mp.currentPage)
    expect(findByText(mp.currentPage, '二维码内容无法识别')).toBeTruthy()
    expect(findByText(mp.currentPage, '重新扫码')).toBeTruthy()
    // The rejected content is shown back as plain text.
    expect(textOf(mp.currentPage)).toContain('%E0%A4%A')
  })

  it('shows hostile content as text, truncated, never as markup', async () => {
    const hostile = `https://evil.example.com/<b>x</b>${'a'.repeat(500)}`
    const mp = await launch({ query: scanQuery(hostile), scene: 1011 })
    await mp.settle()

    expect(mp.nav.calls).toEqual([])
    expect(findByText(mp.currentPage, '这不是本店的点餐码')).toBeTruthy()
    const text = textOf(mp.currentPage)
    expect(text).toContain('<b>x</b>')
    expect(text).not.toContain('a'.repeat(200))
    expect(text).toContain('…')
  })

  it('shows a home screen with a scan button, not an error, when opened without q', async () => {
    const mp = await launch({ scene: 1001 })
    await mp.settle()

    expect(mp.nav.calls).toEqual([])
    expectRendered(mp.currentPage)
    expect(findByText(mp.currentPage, '扫一扫桌码')).toBeTruthy()
    expect(queryByText(mp.currentPage, '重新扫码')).toBeNull()
  })
})

describe('a navigation WeChat refuses', () => {
  it('leaves the home screen with its scan button, never the blank landing screen', async () => {
    const mp = await launch({
      query: scanQuery(DINE_IN),
      scene: 1011,
      beforeLoad: (app) => {
        app.nav.redirectTo.mockImplementationOnce((options) => options.fail?.({ errMsg: 'redirectTo:fail' }))
      },
    })
    await mp.settle()

    expect(mp.nav.redirectTo).toHaveBeenCalledTimes(1)
    expectRendered(mp.currentPage)
    expect(findByText(mp.currentPage, '扫一扫桌码')).toBeTruthy()
  })
})

describe('a hot start', () => {
  it('lands a new scan with a newer scancode_time brought to the foreground', async () => {
    const mp = await launch({
      query: { q: '%E0%A4%A', scancode_time: '1700000000' },
      scene: 1011,
      followNavigation: true,
    })
    await mp.settle()
    expect(mp.nav.calls).toEqual([])

    await mp.hotStart({ query: scanQuery(DINE_IN, '1700000100'), scene: 1011 })

    const call = await mp.waitForNavigation('redirectTo')
    expect(call.query).toMatchObject({ store: '12', table: '5' })
  })

  it('lands a new scan when WeChat re-opens the entry page for it', async () => {
    const mp = await coldScan(DINE_IN)
    await mp.waitForNavigation('redirectTo')

    await mp.hotStart({ query: scanQuery(TAKEAWAY, '1700000100'), scene: 1011 }, { reLaunch: true })

    const call = await mp.waitForNavigation('redirectTo', { after: 1 })
    expect(call.query).toEqual({ store: '12', mode: 'takeaway' })
  })

  it('does not navigate again on a plain background→foreground switch carrying the old scancode_time', async () => {
    const mp = await coldScan(DINE_IN)
    await mp.waitForNavigation('redirectTo')

    await mp.hotStart()
    await mp.hotStart({ query: scanQuery(DINE_IN), scene: 1011 })
    await mp.settle()

    expect(mp.nav.calls).toHaveLength(1)
  })

  it('stays on the error state, without navigating, when the app comes back with the same bad scan', async () => {
    const mp = await launch({ query: { q: '%E0%A4%A', scancode_time: '1700000000' }, scene: 1011 })
    await mp.settle()

    await mp.hotStart()
    await mp.settle()

    expect(mp.nav.calls).toEqual([])
    expect(findByText(mp.currentPage, '二维码内容无法识别')).toBeTruthy()
  })
})

describe('a forged far-future scancode_time', () => {
  it('does not make a genuine later scan look older', async () => {
    const mp = await launch({
      query: { q: '%E0%A4%A', scancode_time: '99999999999' },
      scene: 1011,
      followNavigation: true,
    })
    await mp.settle()

    const now = String(Math.floor(Date.now() / 1000))
    await mp.hotStart({ query: scanQuery(DINE_IN, now), scene: 1011 })

    const call = await mp.waitForNavigation('redirectTo')
    expect(call.query).toMatchObject({ store: '12', table: '5' })
  })
})

describe('the scan-to-follow banner on the order page', () => {
  it('is rendered when the mini program was opened by a scan (scene 1011)', async () => {
    const mp = await coldScan(DINE_IN, 1011)
    await mp.waitForNavigation('redirectTo')
    await mp.settle()

    expect(findBuiltin(mp.currentPage, 'official-account')).toBeTruthy()
  })

  it('is not rendered for a launch from the recent list (scene 1001), where WeChat cannot show it', async () => {
    const mp = await coldScan(DINE_IN, 1001)
    await mp.waitForNavigation('redirectTo')
    await mp.settle()

    expect(() => findBuiltin(mp.currentPage, 'official-account')).toThrow()
    expect(textOf(mp.currentPage)).toContain('门店 12')
  })

  it('hides itself after error status 5 (wrong scene) and stays after load status 0', async () => {
    const mp = await coldScan(DINE_IN, 1011)
    await mp.waitForNavigation('redirectTo')
    await mp.settle()

    await fireBuiltin(findBuiltin(mp.currentPage, 'official-account'), 'load', { status: 0, errMsg: 'ok' })
    await mp.settle()
    const banner = findBuiltin(mp.currentPage, 'official-account')
    expect(banner).toBeTruthy()

    await fireBuiltin(banner, 'error', { status: 5, errMsg: 'scene error' })
    await mp.settle()
    expect(() => findBuiltin(mp.currentPage, 'official-account')).toThrow()
    expect(textOf(mp.currentPage)).toContain('门店 12')
  })
})

describe('scanning again from the error state', () => {
  it('sends the in-app scan result through the same core and lands on the order page', async () => {
    const mp = await launch({
      query: { q: '%E0%A4%A', scancode_time: '1700000000' },
      scene: 1011,
      followNavigation: true,
    })
    await mp.settle()
    mp.mockScan(DINE_IN)

    await tap(findByText(mp.currentPage, '重新扫码'))

    const call = await mp.waitForNavigation('redirectTo')
    expect(call.query).toEqual({ store: '12', table: '5', mode: 'dine-in' })
  })

  it('shows the new reason when the in-app scan is not a store code', async () => {
    const mp = await launch({ query: { q: '%E0%A4%A', scancode_time: '1700000000' }, scene: 1011 })
    await mp.settle()
    mp.mockScan('https://other.example.com/menu')

    await tap(findByText(mp.currentPage, '重新扫码'))
    await mp.settle()

    expect(mp.nav.calls).toEqual([])
    expect(findByText(mp.currentPage, '这不是本店的点餐码')).toBeTruthy()
    expect(textOf(mp.currentPage)).toContain('https://other.example.com/menu')
  })

  // WeChat gives a mini program code of this app as its path, the scene encoded on iOS and not on Android.
  it.each([
    ['iOS', 'pages/index/index?scene=store%3D12%26table%3D5'],
    ['Android', 'pages/index/index?scene=store=12&table=5'],
  ])('lands a round mini program code scanned in the app (%s) like its launch', async (_, path) => {
    const mp = await launch({
      query: { q: '%E0%A4%A', scancode_time: '1700000000' },
      scene: 1011,
      followNavigation: true,
    })
    await mp.settle()
    mp.mockScan('', { scanType: 'WX_CODE', path })

    await tap(findByText(mp.currentPage, '重新扫码'))

    const call = await mp.waitForNavigation('redirectTo')
    expect(call.route).toBe('pages/order/index')
    expect(call.query).toEqual({ store: '12', table: '5', mode: 'dine-in' })
  })

  it('shows the error state for a mini program code of this app that opens another page', async () => {
    const mp = await launch({ query: { q: '%E0%A4%A', scancode_time: '1700000000' }, scene: 1011 })
    await mp.settle()
    mp.mockScan('', { scanType: 'WX_CODE', path: 'pages/order/index?store=12&table=5' })

    await tap(findByText(mp.currentPage, '重新扫码'))
    await mp.settle()

    expect(mp.nav.calls).toEqual([])
    expect(findByText(mp.currentPage, '二维码暂未开通点餐')).toBeTruthy()
  })

  it('lands from the home screen scan button too', async () => {
    const mp = await launch({ scene: 1001, followNavigation: true })
    await mp.settle()
    mp.mockScan(TICKET)

    await tap(findByText(mp.currentPage, '扫一扫桌码'))

    const call = await mp.waitForNavigation('redirectTo')
    expect(call.route).toBe('pages/order/index')
  })
})

describe('the order page opened directly', () => {
  it('refuses a forged query with the error state instead of rendering a store', async () => {
    const mp = await launch({
      path: 'pages/order/index',
      query: { store: '12abc', mode: 'dine-in', table: '5' },
      scene: 1001,
    })
    await mp.settle()

    expect(findByText(mp.currentPage, '二维码信息有误')).toBeTruthy()
    expect(queryByText(mp.currentPage, /门店 12/)).toBeNull()
  })
})
