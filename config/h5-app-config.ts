// A Taro plugin of the browser build only (config/h5.ts): what the app config says for the browser alone, so the
// mini program's app.json stays WeChat's own.
import type { IPluginContext } from '@tarojs/service'

export default (ctx: IPluginContext) => {
  ctx.modifyAppConfig(({ appConfig }) => {
    // No sliding page transitions: Taro H5's are driven by timers that race a quick Back (the page below stays
    // hidden when Back comes within the 350 ms of a navigateTo), and a web page does not slide anyway.
    appConfig.animation = false
  })
}
