// Where the browser build lives on the printed links' host, how a page URL becomes the printed link it stands for,
// and the plaintext URL Scheme that opens a page in the mini program: the pure pieces of the H5 target.
import { wechatSchemeLink } from '../../src/components/open-in-wechat/scheme'
import { landContent } from '../../src/landing'
import { isPrintedPath, isSitePage, siteOf, sitePageRoutes } from '../../src/landing/site'
import { printedLink } from '../../src/platform/printed-link'
import { compile, FIXTURE, readRulesJson, rule } from './fixtures'

const PROJECT = compile(readRulesJson())

describe('siteOf', () => {
  it('puts the app under the first rule directory and lists every rule path', () => {
    expect(siteOf(FIXTURE)).toEqual({
      origins: ['https://shop.example.com'],
      appBase: '/s/',
      prefixes: [
        { path: '/s/', subtree: true },
        { path: '/promo/', subtree: true },
      ],
    })
  })

  it('keeps each origin once, first rule first, with its port', () => {
    const site = siteOf(
      compile({
        rules: [
          rule('http://b.example.com:8080/t/menu'),
          rule('https://a.example.com/x/'),
          rule('http://b.example.com:8080/t/'),
        ],
      })
    )
    expect(site.origins).toEqual(['http://b.example.com:8080', 'https://a.example.com'])
    // The app lives in the directory of `/t/menu`: `/t/`.
    expect(site.appBase).toBe('/t/')
  })

  it("maps every app page under the app base (Taro H5's customRoutes)", () => {
    expect(sitePageRoutes(siteOf(PROJECT))).toEqual({
      '/pages/index/index': '/s/pages/index/index',
      '/pages/order/index': '/s/pages/order/index',
      '/pages/confirm/index': '/s/pages/confirm/index',
      '/pages/result/index': '/s/pages/result/index',
    })
  })
})

describe('isPrintedPath: the paths WeChat would match (path equal, or under a rule path ending in /)', () => {
  const site = siteOf(
    compile({ rules: [rule('https://h.example.com/s/'), rule('https://h.example.com/menu')] })
  )
  it.each([
    ['/s/', true],
    ['/s/12/t/5', true],
    ['/menu', true],
    ['/s', false],
    ['/menu/', false],
    ['/menu/1', false],
    ['/S/12', false],
    ['/', false],
  ])('%s → %s', (path, expected) => {
    expect(isPrintedPath(site, path)).toBe(expected)
  })

  it("knows the app's own page paths", () => {
    expect(isSitePage(site, '/s/pages/order/index')).toBe(true)
    expect(isSitePage(site, '/s/pages/nope/index')).toBe(false)
  })
})

describe('printedLink', () => {
  const origins = ['https://shop.example.com']
  const at = (origin: string, pathname: string, search = '', hash = '') => ({
    origin,
    pathname,
    search,
    hash,
  })

  it.each([
    [at('http://127.0.0.1:3001', '/s/12/t/5'), 'https://shop.example.com/s/12/t/5'],
    [at('http://127.0.0.1:3001', '/s/12', '?mode=takeaway'), 'https://shop.example.com/s/12?mode=takeaway'],
    [at('https://staging.example.net', '/s/12', '', '#x'), 'https://shop.example.com/s/12#x'],
    [at('https://shop.example.com', '/s/12'), 'https://shop.example.com/s/12'],
  ])('%o stands for %s', (location, link) => {
    expect(printedLink(location, origins)).toBe(link)
  })

  it('keeps its own origin when it is one of the rules', () => {
    const both = ['https://shop.example.com', 'https://m.example.com']
    expect(printedLink(at('https://m.example.com', '/s/1'), both)).toBe('https://m.example.com/s/1')
  })

  it('lands through the core exactly like the printed link', () => {
    const link = printedLink(at('http://127.0.0.1:40000', '/s/12/t/5'), siteOf(PROJECT).origins)
    expect(landContent(link, PROJECT)).toMatchObject({
      ok: true,
      page: 'pages/order/index',
      params: { store: 12, table: '5', mode: 'dine-in' },
    })
  })
})

describe('wechatSchemeLink', () => {
  const APPID = 'wx0a1b2c3d4e5f6a7b'

  it('opens the page with its query URL-encoded once', () => {
    expect(wechatSchemeLink(APPID, 'pages/order/index', { store: 12, table: '5', mode: 'dine-in' })).toBe(
      `weixin://dl/business/?appid=${APPID}&path=pages/order/index&query=store%3D12%26table%3D5%26mode%3Ddine-in`
    )
  })

  it('leaves the query out when the page has none', () => {
    expect(wechatSchemeLink(APPID, 'pages/index/index', {})).toBe(
      `weixin://dl/business/?appid=${APPID}&path=pages/index/index`
    )
  })

  it.each([undefined, '', 'touristappid', 'wx0A1B2C3D4E5F6A7B', `${APPID}&path=x`])(
    'offers nothing without a real appid (%s)',
    (appid) => {
      expect(wechatSchemeLink(appid, 'pages/order/index', { store: 12, mode: 'takeaway' })).toBeNull()
    }
  )

  it('offers nothing past the 512 characters WeChat takes in query', () => {
    expect(wechatSchemeLink(APPID, 'pages/order/index', { note: 'x'.repeat(600) })).toBeNull()
  })
})
