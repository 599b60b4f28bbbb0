// Proves the harness against the real build: whatever the pages show, they must render, navigate and hot-start
// the way WeChat drives them.
import path from 'path'
import {
  expectRendered,
  findBuiltin,
  findByClass,
  findById,
  findByText,
  fireBuiltin,
  launch,
  queryByText,
  tap,
  textOf,
  type MiniProgram,
  type WxResult,
} from './harness'

function redirect(mp: MiniProgram, url: string): Promise<WxResult> {
  return new Promise((resolve, reject) => mp.wx.redirectTo({ url, success: resolve, fail: reject }))
}

describe('the simulator harness on the built mini program', () => {
  it('renders the entry page with the official compiler', async () => {
    const mp = await launch()

    expect(mp.currentPage.route).toBe(mp.routes[0])
    expectRendered(mp.currentPage)
    expect(textOf(mp.currentPage)).not.toBe('')
    expect(mp.currentPage.setData.calls).toBeGreaterThan(0)
    expect(mp.currentPage.setData.bytes).toBeGreaterThan(0)
    expect(mp.errors).toEqual([])
  })

  it('passes the launch options to App onLaunch, getLaunchOptionsSync and the entry page', async () => {
    const query = { q: 'https%3A%2F%2Fm.example.com%2Fs%2F12', scancode_time: '1700000000' }
    const mp = await launch({ query, scene: 1011 })

    expect(mp.wx.getLaunchOptionsSync()).toMatchObject({ path: mp.routes[0], query, scene: 1011 })
    expect(mp.wx.getEnterOptionsSync()).toMatchObject({ query, scene: 1011 })
    // Taro's onLoad keeps the query it was given (still encoded, plus its own timestamp) as the router params.
    expect(mp.currentPage.instance.$taroParams).toMatchObject(query)
  })

  it("fails expectRendered on a page built by miniprogram-simulate's default compiler, which renders nothing", async () => {
    const mp = await launch({ openEntryPage: false })
    const id = mp.simulate.load(path.join(mp.dist, mp.routes[0]), { compiler: 'simulate', rootPath: mp.dist })
    const component = mp.simulate.render(id)
    if (!component) throw new Error('the entry page did not register')
    component.attach(document.createElement('div'))
    component.instance.onLoad({})
    await mp.settle()

    expect(() => expectRendered(component)).toThrow(/rendered nothing/)
  })

  it('fails expectRendered on an empty root', () => {
    expect(() => expectRendered(document.createElement('main'))).toThrow(/rendered nothing/)
  })

  it('opens pages/order/index with the decoded query when the app redirects', async () => {
    const mp = await launch({ followNavigation: true })
    const entry = mp.currentPage

    const result = await redirect(mp, '/pages/order/index?store=12&name=%E7%8E%8B%20%E5%BA%9C')

    expect(result.errMsg).toBe('redirectTo:ok')
    expect(mp.nav.redirectTo).toHaveBeenCalledTimes(1)
    expect(mp.nav.last('redirectTo')).toMatchObject({
      route: 'pages/order/index',
      query: { store: '12', name: '王 府' },
      from: mp.routes[0],
    })
    // redirectTo replaces the top page: the entry page is unloaded, the order page alone on the stack.
    expect(entry.state).toBe('unloaded')
    expect(mp.pages.map((page) => page.route)).toEqual(['pages/order/index'])
    expect(mp.currentPage.instance.$taroParams).toMatchObject({ store: '12', name: '王 府' })
    expectRendered(mp.currentPage)
  })

  it('opens a subpackage page by its full route and loads its subpackage only then', async () => {
    const mp = await launch({ followNavigation: true })
    const confirm = mp.subpackages.find((sub) => sub.pages.includes('pages/confirm/index'))

    expect(confirm?.root).toBe('pages/confirm')
    expect(mp.routes).toEqual(expect.arrayContaining(['pages/index/index', 'pages/confirm/index']))
    expect(mp.loadedPackages).toEqual([])

    await redirect(mp, '/pages/confirm/index')

    expect(mp.currentPage.route).toBe('pages/confirm/index')
    expect(mp.loadedPackages).toEqual(['pages/confirm'])
    expectRendered(mp.currentPage)
    mp.expectNoErrors()
  })

  it('answers a redirect to a page missing from app.json with WeChat’s failure', async () => {
    const mp = await launch({ followNavigation: true })

    await expect(redirect(mp, '/pages/nowhere/index')).rejects.toEqual({
      errMsg: 'redirectTo:fail page "pages/nowhere/index" is not found',
    })
    expect(mp.currentPage.route).toBe(mp.routes[0])
  })

  it('hot-starts with new enter options: App onShow, then the page onShow', async () => {
    const mp = await launch({ query: { q: 'first' }, scene: 1011 })
    const appOnShow = jest.spyOn(mp.app, 'onShow')
    const pageOnShow = jest.spyOn(mp.currentPage.instance, 'onShow')
    const enter = { query: { q: 'second', scancode_time: '1700000100' }, scene: 1011 }

    await mp.hotStart(enter)

    expect(appOnShow).toHaveBeenCalledWith(expect.objectContaining(enter))
    expect(pageOnShow).toHaveBeenCalledTimes(1)
    expect(mp.wx.getEnterOptionsSync()).toMatchObject(enter)
    expect(mp.wx.getLaunchOptionsSync().query).toEqual({ q: 'first' })
  })

  it('keeps wx storage in memory and fails unstubbed network calls loudly', async () => {
    const mp = await launch({ storage: { table: { id: 5 } } })

    expect(mp.wx.getStorageSync('table')).toEqual({ id: 5 })
    expect(mp.wx.getStorageSync('missing')).toBe('')
    expect(() => mp.wx.request({ url: 'https://api.example.com' })).toThrow(/has no stub/)
  })
})

// The finders and events on an inline component: the same exparser paths Taro's pages take (verified on deep Taro
// trees inside `comp`), pinned here independently of what the placeholder pages show.
describe('the finders and events', () => {
  async function renderFixture() {
    const mp = await launch({ openEntryPage: false })
    const taps: string[] = []
    const followErrors: unknown[] = []
    const id = mp.simulate.load({
      template: `<view class="card">
          <view class="rescan" id="rescan" bindtap="onTap"><text>重新扫码</text></view>
          <view>说明</view>
        </view>
        <official-account binderror="onError" />`,
      methods: {
        onTap(event: { currentTarget: { id: string } }) {
          taps.push(event.currentTarget.id)
        },
        onError(event: { detail: unknown }) {
          followErrors.push(event.detail)
        },
      },
    })
    const component = mp.simulate.render(id)
    if (!component) throw new Error('fixture did not register')
    component.attach(document.createElement('div'))
    return { component, taps, followErrors }
  }

  it('finds by text (the innermost element), id and class, and taps bubble to the listener', async () => {
    const { component, taps } = await renderFixture()

    expect(findByText(component, '重新扫码').tagName).toBe('WX-TEXT')
    expect(queryByText(component, '没有这段字')).toBeNull()
    await tap(findByText(component, '重新扫码'))
    await tap(findById(component, 'rescan'))
    await tap(findByClass(component, 'rescan'))

    expect(taps).toEqual(['rescan', 'rescan', 'rescan'])
    expect(textOf(findByClass(component, 'card'))).toBe('重新扫码说明')
  })

  it('fires a built-in component’s error event with its detail', async () => {
    const { component, followErrors } = await renderFixture()

    await fireBuiltin(findBuiltin(component, 'official-account'), 'error', {
      status: 5,
      errMsg: 'wrong scene',
    })

    expect(followErrors).toEqual([{ status: 5, errMsg: 'wrong scene' }])
  })
})
