import Taro from '@tarojs/taro'
import { pageUrl, type Landing } from '../landing'

/** Opens the page a scan landed on, replacing the current page so Back does not return to the landing page. */
export function redirectToLanding(landing: Landing): Promise<TaroGeneral.CallbackResult> {
  return Taro.redirectTo({ url: pageUrl(landing.page, landing.params) })
}
