import { makeButtonsAccessible } from './accessible-buttons'
import { routeUnknownPaths } from './launch'
import './browser.scss'

/**
 * What the app sets up before its first page, per platform: in the browser, printed links land like scans, and
 * Taro's buttons get the role, focus and keys of a native button.
 */
export function setUpPlatform(): void {
  routeUnknownPaths()
  makeButtonsAccessible(document.body)
}
