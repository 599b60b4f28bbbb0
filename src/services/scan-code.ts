import { landCodePath, landContent } from '../landing'
import { scanWithCamera } from '../platform/scan'
import { completeLanding, type LandingEnd } from './complete-landing'
import { getRuleTable } from './rule-table'

/** What an in-app scan came to: cancelled, the camera failed (`error: null`), or where its landing ended. */
export type InAppScan = { kind: 'cancelled' } | { kind: 'failed'; error: null } | LandingEnd

/** Scans with the camera and lands the result through the same core as a launch. */
export function scanAndLand(onResolving?: () => void): Promise<InAppScan> {
  return scanWithCamera().then((scan): InAppScan | Promise<InAppScan> => {
    if (scan.kind === 'code') return completeLanding(landCodePath(scan.path, getRuleTable()), onResolving)
    if (scan.kind !== 'content') return scan
    return completeLanding(
      landContent(scan.content, getRuleTable(), Math.floor(Date.now() / 1000)),
      onResolving
    )
  })
}
