import Taro from '@tarojs/taro'
import { landContent } from '../landing'
import { completeLanding, type LandingEnd } from './complete-landing'
import { getRuleTable } from './rule-table'

/** What an in-app scan came to: cancelled, the camera failed (`error: null`), or where its landing ended. */
export type InAppScan = { kind: 'cancelled' } | { kind: 'failed'; error: null } | LandingEnd

/** Scans with the camera and lands the result through the same core as a WeChat launch. */
export async function scanAndLand(onResolving?: () => void): Promise<InAppScan> {
  let content: string
  try {
    const res = await Taro.scanCode({ scanType: ['qrCode'] })
    content = res.result
  } catch (e) {
    const cancelled = /cancel/.test(String((e as { errMsg?: string })?.errMsg ?? e))
    return cancelled ? { kind: 'cancelled' } : { kind: 'failed', error: null }
  }
  return completeLanding(landContent(content, getRuleTable()), onResolving)
}
