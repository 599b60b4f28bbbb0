import { Button, View } from '@tarojs/components'
import Taro, { getCurrentInstance, useDidShow, useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { landQ, readLaunchQuery, ScanGate, type LandingError, type LandingResult } from '../../landing'
import LandingErrorView from '../../components/landing-error'
import { completeLanding, type LandingEnd } from '../../services/complete-landing'
import { entryEnterQuery } from '../../services/launch-options'
import { getRuleTable } from '../../services/rule-table'
import { scanAndLand, type InAppScan } from '../../services/scan-code'
import { needsTicketLookup } from '../../services/ticket-resolver'
import { strings } from '../../strings'
import './index.scss'

// One gate for the app's lifetime: it outlives page instances, so a hot start can be told from a re-show.
const gate = new ScanGate()

type Screen =
  | { kind: 'home' }
  /** A scan is on its way to its page: nothing to draw on a page being left. */
  | { kind: 'landing' }
  | { kind: 'resolving' }
  | { kind: 'error'; error: LandingError; retry?: LandingResult }

/** Lands `query` if it carries a scan the gate has not seen; `null` when there is nothing new to land. */
function landLaunch(query: unknown): LandingResult | null {
  const input = readLaunchQuery(query, Math.floor(Date.now() / 1000))
  return input.kind === 'scan' && gate.admit(input) ? landQ(input.q, getRuleTable()) : null
}

/** The screen a landing starts on, known before anything is drawn: blank while navigating, else the outcome. */
function screenFor(result: LandingResult | null): Screen {
  if (result === null) return { kind: 'home' }
  if (result.ok) return { kind: 'landing' }
  return needsTicketLookup(result) ? { kind: 'resolving' } : { kind: 'error', error: result }
}

/** The entry page: lands a scanned code on its order page, or shows why not; without a code, a home screen. */
export default function Index() {
  // Decided during the first render (Taro sets the router params before mounting): the page draws its outcome
  // straight away instead of a home screen that the landing replaces, and navigation goes out before any setData.
  const [launch] = useState(() => {
    const params: unknown = getCurrentInstance().router?.params
    return landLaunch(readLaunchQuery(params).kind === 'scan' ? params : entryEnterQuery())
  })
  const [screen, setScreen] = useState<Screen>(() => screenFor(launch))

  const show = (end: InAppScan | LandingEnd) => {
    if (end.kind === 'failed' && end.error) setScreen({ kind: 'error', error: end.error, retry: end.retry })
    else if (end.kind === 'failed') Taro.showToast({ title: strings.errorState.scanFailed, icon: 'none' })
  }
  const go = (result: LandingResult) =>
    completeLanding(result, () => setScreen({ kind: 'resolving' }))
      .then(show)
      .catch(() => {
        // The navigation itself failed: never leave the blank landing screen, offer the scan button instead.
        setScreen({ kind: 'home' })
        Taro.showToast({ title: strings.errorState.scanFailed, icon: 'none' })
      })

  // The side of the first landing (navigate, or ask the backend) waits for onLoad, which Taro runs before its
  // first setData.
  useLoad(() => {
    if (launch && screen.kind !== 'error') go(launch)
  })
  // Back in the foreground: only a newer scan lands again (the gate refuses the old query).
  useDidShow(() => {
    const result = landLaunch(entryEnterQuery())
    if (result) go(result)
  })

  const scanAgain = () => scanAndLand(() => setScreen({ kind: 'resolving' })).then(show)

  switch (screen.kind) {
    case 'landing':
      return <View className='home' />
    case 'resolving':
      return (
        <View className='home' id='resolving'>
          <View className='home__body'>{strings.errorState.resolving}</View>
        </View>
      )
    case 'error': {
      const { retry } = screen
      return (
        <LandingErrorView error={screen.error} onScanAgain={scanAgain} onRetry={retry && (() => go(retry))} />
      )
    }
    case 'home':
      return (
        <View className='home' id='home'>
          <View className='home__title'>{strings.home.title}</View>
          <View className='home__body'>{strings.home.body}</View>
          <Button className='home__scan' id='home-scan' type='primary' onClick={scanAgain}>
            {strings.home.scanButton}
          </Button>
        </View>
      )
  }
}
