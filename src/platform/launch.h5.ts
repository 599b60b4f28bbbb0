// The entry page's launch input in the browser: the page's own URL is the QR content.
import Taro, { getCurrentInstance } from '@tarojs/taro'
import { ENTRY_PAGE, pageUrl } from '../landing'
import { siteOf } from '../landing/site'
import { getRuleTable } from '../services/rule-table'
import { printedLink } from './printed-link'

/**
 * The entry page's query: `q` as routeUnknownPaths put it there, or as a link to the entry page carried it. Never a
 * `scene`: a browser opens no mini program codes, so `?scene=` on the entry page's URL is typed, not scanned, and
 * the page opens as it would without it (the home screen).
 */
export function launchQuery(): unknown {
  const params = getCurrentInstance().router?.params
  if (!params || !('scene' in params)) return params
  const rest: Record<string, unknown> = { ...params }
  delete rest.scene
  return rest
}

/** A browser tab has no hot start: a new scan is a new page load. */
export function enterQuery(): unknown {
  return undefined
}

/**
 * A URL that is not one of the app's pages is a printed link (the server serves the app only under rule prefixes):
 * it opens the entry page with that link as `q`, encoded once, exactly as WeChat hands it to the mini program.
 * Replacing the history entry keeps Back from landing the link again.
 */
export function routeUnknownPaths(): void {
  Taro.onPageNotFound(() => {
    const link = printedLink(window.location, siteOf(getRuleTable()).origins)
    void Taro.redirectTo({ url: pageUrl(ENTRY_PAGE, { q: link }) })
  })
}
