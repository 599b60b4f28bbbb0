import Taro from '@tarojs/taro'
import { landContent, type LandingError } from '../landing'
import { redirectToLanding } from './navigation'
import { getRuleTable } from './rule-table'

/** What an in-app scan came to: it navigated, the customer cancelled, or it cannot land (shown as an error). */
export type InAppScan =
  { kind: 'navigated' } | { kind: 'cancelled' } | { kind: 'failed'; error: LandingError | null }

/** Scans with the camera and lands the result through the same core as a WeChat launch. */
export async function scanAndLand(): Promise<InAppScan> {
  let content: string
  try {
    const res = await Taro.scanCode({ scanType: ['qrCode'] })
    content = res.result
  } catch (e) {
    const cancelled = /cancel/.test(String((e as { errMsg?: string })?.errMsg ?? e))
    return cancelled ? { kind: 'cancelled' } : { kind: 'failed', error: null }
  }
  const result = landContent(content, getRuleTable())
  if (!result.ok) return { kind: 'failed', error: result }
  await redirectToLanding(result)
  return { kind: 'navigated' }
}
