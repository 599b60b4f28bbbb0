import Taro from '@tarojs/taro'
import { pageUrl, type Destination } from '../landing'
import { dropMenuPrefetch, prefetchMenu } from './menu-prefetch'

/**
 * Opens the page a scan landed on, replacing the current page so Back does not return to the entry page. An order
 * page's menu request leaves in the same tick, and the page takes its answer (services/menu-prefetch.ts): the page
 * switch happens while the request is on its way.
 */
export function redirectToDestination(destination: Destination): Promise<TaroGeneral.CallbackResult> {
  prefetchMenu(destination)
  return Taro.redirectTo({ url: pageUrl(destination.page, destination.params) }).catch((error: unknown) => {
    dropMenuPrefetch()
    throw error
  })
}
