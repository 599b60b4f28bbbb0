import { APP_PAGES } from './landing/pages'

export default defineAppConfig({
  pages: [...APP_PAGES],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#ffffff',
    navigationBarTitleText: '扫码点餐',
    navigationBarTextStyle: 'black',
  },
})
