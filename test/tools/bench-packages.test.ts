import { blankOursAppConfig, BLANK_PAGE } from '../../tools/bench/build'
import { mainPackage, subpackageRoots } from '../../tools/bench/dist-files'

const FILES = [
  { file: 'app.js', bytes: 100 },
  { file: 'pages/order/index.js', bytes: 10 },
  { file: 'pages/confirm/index.js', bytes: 20 },
  { file: 'pages/confirm/sub-common/a.js', bytes: 5 },
  { file: 'pages/confirmation/index.js', bytes: 7 },
  { file: 'packages/checkout/result/index.js', bytes: 30 },
]

describe('the main package of a built mini program', () => {
  it('is every file when app.json declares no subpackages', () => {
    expect(mainPackage(FILES, { pages: ['pages/order/index'] })).toEqual(FILES)
  })

  it('leaves out the files under each subpackage root, whichever spelling and slashes app.json uses', () => {
    const appJson = {
      subPackages: [{ root: 'pages/confirm/', pages: ['index'] }, { root: '/packages/checkout' }],
    }
    expect(subpackageRoots(appJson)).toEqual(['pages/confirm', 'packages/checkout'])
    expect(mainPackage(FILES, appJson).map((f) => f.file)).toEqual([
      'app.js',
      'pages/order/index.js',
      // Same prefix, another folder: still in the main package.
      'pages/confirmation/index.js',
    ])
    expect(subpackageRoots({ subpackages: [{ root: 'pages/confirm' }] })).toEqual(['pages/confirm'])
  })

  it('ignores subpackage entries without a usable root', () => {
    expect(subpackageRoots({ subPackages: [null, { root: 3 }, { root: '/' }, 'pages/x'] })).toEqual([])
    expect(subpackageRoots({ subPackages: 'pages/confirm' })).toEqual([])
  })
})

describe("the blank app's app config with our settings", () => {
  it("keeps the project's app-level keys and puts the blank page in place of every key that names pages", () => {
    const project = {
      pages: ['pages/index/index', 'pages/order/index'],
      subPackages: [{ root: 'pages/confirm', pages: ['index'] }],
      preloadRule: { 'pages/order/index': { network: 'all', packages: ['pages/confirm'] } },
      entryPagePath: 'pages/index/index',
      tabBar: { list: [] },
      lazyCodeLoading: 'requiredComponents',
      window: { navigationBarTitleText: '扫码点餐' },
    }
    expect(blankOursAppConfig(project)).toEqual({
      pages: [BLANK_PAGE],
      lazyCodeLoading: 'requiredComponents',
      window: { navigationBarTitleText: '扫码点餐' },
    })
  })
})
