import { appPages } from '../sim/harness/app-json'

describe("the simulator harness's reading of app.json", () => {
  it('routes the main pages first, then each subpackage page under its root', () => {
    const pages = appPages({
      pages: ['pages/index/index', 'pages/order/index'],
      subPackages: [
        { root: 'pages/confirm/', pages: ['index'] },
        { root: '/packages/after', pages: ['result/index', 'help/index'] },
      ],
    })
    expect(pages.main).toEqual(['pages/index/index', 'pages/order/index'])
    expect(pages.subpackages).toEqual([
      { root: 'pages/confirm', pages: ['pages/confirm/index'] },
      { root: 'packages/after', pages: ['packages/after/result/index', 'packages/after/help/index'] },
    ])
    expect(pages.routes).toEqual([
      'pages/index/index',
      'pages/order/index',
      'pages/confirm/index',
      'packages/after/result/index',
      'packages/after/help/index',
    ])
  })

  it('reads the older spelling "subpackages" and an app without subpackages', () => {
    expect(appPages({ pages: ['a/index'], subpackages: [{ root: 'b', pages: ['index'] }] }).routes).toEqual([
      'a/index',
      'b/index',
    ])
    expect(appPages({ pages: ['a/index'] }).subpackages).toEqual([])
  })

  it('refuses shapes WeChat would refuse', () => {
    expect(() => appPages({})).toThrow(/no "pages" array/)
    expect(() => appPages({ pages: ['a'], subPackages: {} })).toThrow(/not an array/)
    expect(() => appPages({ pages: ['a'], subPackages: [{ root: 'b' }] })).toThrow(/subPackages\[0\]/)
  })
})
