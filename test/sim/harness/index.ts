// The simulator harness: load the real built dist/ into miniprogram-simulate and drive it like WeChat does.
export {
  expectRendered,
  dispatch,
  findBuiltin,
  findByClass,
  findById,
  findByText,
  fireBuiltin,
  queryAllByClass,
  queryAllByText,
  queryById,
  queryByText,
  settle,
  tap,
  textOf,
} from './dom'
export type { DispatchOptions, Root } from './dom'
export { appPages } from './app-json'
export type { AppPages, Subpackage } from './app-json'
export { DEFAULT_DIST, MiniProgram, SimPage, currentMiniProgram, launch } from './mini-program'
export type { LaunchInput } from './mini-program'
export { NavigationRecorder, parseUrl } from './navigation'
export type { NavigationApi, NavigationCall, NavigationQuery } from './navigation'
export { countSetData, utf8Bytes } from './set-data'
export type { SetDataCall, SetDataStats } from './set-data'
export type { LaunchOptions, Query, ScanCodeResult, Wx, WxResult } from './types'
export { respond } from './wx'
