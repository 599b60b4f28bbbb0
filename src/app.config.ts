import { APP_PAGES } from './landing/pages'
import { strings } from './strings'

export default defineAppConfig({
  pages: [...APP_PAGES],
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
