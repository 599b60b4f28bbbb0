import Taro from '@tarojs/taro'
import { ENTRY_PAGE } from '../landing'

/** The query the entry page was entered with (cold start: launch options; hot start: the last onShow). */
export function entryEnterQuery(): unknown {
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
