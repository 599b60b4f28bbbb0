import { MAIN_PAGES, SUBPACKAGE_PAGES, subpackageRoot } from './landing/pages'
import { strings } from './strings'

const subpackageRoots = SUBPACKAGE_PAGES.map(subpackageRoot)

export default defineAppConfig({
  pages: [...MAIN_PAGES],
  // Confirm and result are not needed to show a scan's order page: out of the main package a scan downloads first
  // (WeChat's "分包加载"), and fetched while the customer chooses from the menu.
  subPackages: subpackageRoots.map((root) => ({ root, pages: ['index'] })),
  preloadRule: { 'pages/order/index': { network: 'all', packages: subpackageRoots } },
  // Inject only the code a page uses at start-up (base library 2.11.1+; WeChat's "按需注入" page). Taro #10885's
  // white screen was on base libraries 2.20.2-2.21.1 in DevTools older than 1.05.2111300: ours start at 3.0.2.
  lazyCodeLoading: 'requiredComponents',
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: strings.titles.app,
    navigationBarTextStyle: 'black',
  },
})
