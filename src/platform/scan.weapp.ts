import Taro from '@tarojs/taro'
import type { CameraScan } from './contracts'

/** WeChat's scanner: the raw content of the code, as a launch would carry it in `q` (decoded). */
export function scanWithCamera(): Promise<CameraScan> {
  return Taro.scanCode({ scanType: ['qrCode'] }).then(
    // `path` comes only with a mini program code of this app (scanType WX_CODE), whose content is not a link.
    (res): CameraScan =>
      res.path ? { kind: 'code', path: res.path } : { kind: 'content', content: res.result },
    (e: unknown): CameraScan =>
      /cancel/.test(String((e as { errMsg?: string })?.errMsg ?? e))
        ? { kind: 'cancelled' }
        : { kind: 'failed', error: null }
  )
}
