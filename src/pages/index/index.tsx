import { Button, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad } from '@tarojs/taro'
import { useState } from 'react'
import {
  landQ,
  readLaunchQuery,
  ScanGate,
  type LandingError,
  type LandingResult,
  type LaunchInput,
} from '../../landing'
import LandingErrorView from '../../components/landing-error'
import { arrive, type Arrival } from '../../services/arrive'
import { entryEnterQuery } from '../../services/launch-options'
import { getRuleTable } from '../../services/rule-table'
import { scanAndLand, type InAppScan } from '../../services/scan-code'
import { strings } from '../../strings'
import './index.scss'

// One gate for the app's lifetime: it outlives page instances, so a hot start can be told from a re-show.
const gate = new ScanGate()

type Screen =
  { kind: 'home' } | { kind: 'resolving' } | { kind: 'error'; error: LandingError; retry?: LandingResult }

/** The entry page: lands a scanned code on its order page, or shows why not; without a code, a home screen. */
export default function Index() {
  const [screen, setScreen] = useState<Screen>({ kind: 'home' })
  const resolving = () => setScreen({ kind: 'resolving' })

  const show = (end: InAppScan | Arrival) => {
    if (end.kind === 'failed' && end.error) setScreen({ kind: 'error', error: end.error, retry: end.retry })
    else if (end.kind === 'failed') Taro.showToast({ title: strings.errorState.scanFailed, icon: 'none' })
  }
  const go = (result: LandingResult) =>
    arrive(result, resolving)
      .then(show)
      .catch(() => Taro.showToast({ title: strings.errorState.scanFailed, icon: 'none' }))

  const land = (input: LaunchInput) => {
    if (input.kind === 'scan' && gate.admit(input)) go(landQ(input.q, getRuleTable()))
  }

  // Cold start or a hot-start scan (WeChat re-opens this page): the page options carry q, still encoded.
  useLoad((options) => {
    const input = readLaunchQuery(options)
    land(input.kind === 'scan' ? input : readLaunchQuery(entryEnterQuery()))
  })
  // Back in the foreground: only a newer scan lands again (the gate refuses the old query).
  useDidShow(() => land(readLaunchQuery(entryEnterQuery())))

  const scanAgain = () => scanAndLand(resolving).then(show)

  if (screen.kind === 'error') {
    const { retry } = screen
    return (
      <LandingErrorView error={screen.error} onScanAgain={scanAgain} onRetry={retry && (() => go(retry))} />
    )
  }
  if (screen.kind === 'resolving') {
    return (
      <View className='home' id='resolving'>
        <View className='home__body'>{strings.errorState.resolving}</View>
      </View>
    )
  }
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
