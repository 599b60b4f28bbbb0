import Taro from '@tarojs/taro'
import { browserStrings } from '../strings/browser'
import type { CameraScan } from './contracts'

/**
 * A web page cannot open a scanner (WeChat's JS-SDK scanner needs a signed service-account config): the customer
 * scans with the phone's camera, which opens the printed link in the browser again.
 */
export async function scanWithCamera(): Promise<CameraScan> {
  await Taro.showModal({
    title: browserStrings.scanTitle,
    content: browserStrings.scanBody,
    showCancel: false,
  }).catch(() => undefined)
  return { kind: 'cancelled' }
}
