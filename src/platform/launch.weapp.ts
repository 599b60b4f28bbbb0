// The entry page's launch input in the mini program: WeChat hands the scanned link to the entry page as `q`, and a
// mini program code's scene as `scene`.
import Taro, { getCurrentInstance } from '@tarojs/taro'
import { ENTRY_PAGE, readLaunchQuery } from '../landing'

/** The query the entry page opened with: its own when it carries a scan (DevTools, a share card), else the launch's. */
export function launchQuery(): unknown {
  const params: unknown = getCurrentInstance().router?.params
  return readLaunchQuery(params).kind !== 'none' ? params : enterQuery()
}

/** The query the entry page was last entered with (cold start: launch options; hot start: the last onShow). */
export function enterQuery(): unknown {
  const enter = Taro.getEnterOptionsSync?.()
  // Only a launch *into the entry page* carries a scan; other paths have their own queries.
  return enter && stripSlash(enter.path) === ENTRY_PAGE ? enter.query : undefined
}

/** The cold-start scene and the current one, for the follow component (wechat-facts §5). */
export function launchScenes(): { launchScene: number | undefined; enterScene: number | undefined } {
  return {
    launchScene: Taro.getLaunchOptionsSync?.()?.scene,
    enterScene: Taro.getEnterOptionsSync?.()?.scene,
  }
}

function stripSlash(path: string | undefined): string {
  return (path ?? '').replace(/^\//, '')
}
