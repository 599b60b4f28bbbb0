import Taro, { useDidShow, useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { landInput, readLaunchQuery, ScanGate, type LandingError, type LandingResult } from '../landing'
import { enterQuery, launchQuery } from '../platform/launch'
import { completeLanding, type LandingEnd } from '../services/complete-landing'
import { getRuleTable } from '../services/rule-table'
import { scanAndLand, type InAppScan } from '../services/scan-code'
import { needsTicketLookup } from '../services/ticket-resolver'
import { strings } from '../strings'

// One gate for the app's lifetime: it outlives page instances, so a hot start can be told from a re-show.
const gate = new ScanGate()

export type EntryScreen =
  | { kind: 'home' }
  /** A scan is on its way to its page: nothing to draw on a page being left. */
  | { kind: 'landing' }
  | { kind: 'resolving' }
  | { kind: 'error'; error: LandingError; retry?: () => void }

/**
 * Lands `query` if it carries a scan the gate has not seen; `null` when there is nothing new to land. `opened`: the
 * query a new entry page instance was opened with (a mini program code has no scan time to tell a new scan by).
 */
function landLaunch(query: unknown, opened: boolean): LandingResult | null {
  const now = Math.floor(Date.now() / 1000)
  const input = readLaunchQuery(query, now)
  return input.kind !== 'none' && gate.admit(input, opened) ? landInput(input, getRuleTable(), now) : null
}

/**
 * The entry page's landing: the launch's scan lands on its page (navigating before anything is drawn), or the
 * page shows why not; without a scan, the home screen. A newer scan on re-show (hot start) lands too.
 */
export function useEntryLanding(): { screen: EntryScreen; scanAgain: () => void } {
  // Decided during the first render (Taro sets the router params before mounting): the page draws the result
  // straight away instead of a home screen that the landing replaces.
  const [launch] = useState(() => landLaunch(launchQuery(), true))
  const [screen, setScreen] = useState<EntryScreen>(() => {
    if (launch === null) return { kind: 'home' }
    if (launch.ok) return { kind: 'landing' }
    return needsTicketLookup(launch) ? { kind: 'resolving' } : { kind: 'error', error: launch }
  })

  const resolving = () => setScreen({ kind: 'resolving' })
  const show = (end: InAppScan | LandingEnd) => {
    if (end.kind === 'failed' && end.error) {
      const { error, retry } = end
      setScreen({ kind: 'error', error, retry: retry && (() => go(retry)) })
    } else if (end.kind === 'failed') Taro.showToast({ title: strings.errorState.scanFailed, icon: 'none' })
  }
  function go(result: LandingResult) {
    completeLanding(result, resolving)
      .then(show)
      .catch(() => {
        // The navigation itself failed: never leave the blank landing screen, offer the scan button instead.
        setScreen({ kind: 'home' })
        Taro.showToast({ title: strings.errorState.scanFailed, icon: 'none' })
      })
  }

  // The side of the first landing (navigate, or ask the backend) waits for onLoad, which Taro runs before its
  // first setData.
  useLoad(() => {
    if (launch && screen.kind !== 'error') go(launch)
  })
  // Back in the foreground: only a newer scan lands again (the gate refuses the old query).
  useDidShow(() => {
    const result = landLaunch(enterQuery(), false)
    if (result) go(result)
  })

  return { screen, scanAgain: () => void scanAndLand(resolving).then(show) }
}
