import { routeUnknownPaths } from './launch'
import './browser.scss'

/** What the app sets up before its first page, per platform: in the browser, printed links land like scans. */
export function setUpPlatform(): void {
  routeUnknownPaths()
}
