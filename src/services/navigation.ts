import Taro from '@tarojs/taro'
import { pageUrl, type Landing } from '../landing'
import { dropMenuPrefetch, prefetchMenu } from './menu-prefetch'

/**
 * Opens the page a scan landed on, replacing the current page so Back does not return to the landing page. An order
 * page's menu request leaves in the same tick, and the page takes its answer (services/menu-prefetch.ts): the page
 * switch happens while the request is on its way.
 */
export function redirectToLanding(landing: Landing): Promise<TaroGeneral.CallbackResult> {
  prefetchMenu(landing)
  return Taro.redirectTo({ url: pageUrl(landing.page, landing.params) }).catch((error: unknown) => {
    dropMenuPrefetch()
    throw error
  })
}
