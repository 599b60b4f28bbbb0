import { APP_PAGES } from './landing/pages'
import { strings } from './strings'

export default defineAppConfig({
  pages: [...APP_PAGES],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: strings.titles.app,
    navigationBarTextStyle: 'black',
  },
})
