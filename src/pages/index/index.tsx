import { Button, View } from '@tarojs/components'
import Taro, { useDidShow, useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { landQ, readLaunchQuery, ScanGate, type LandingError, type LaunchInput } from '../../landing'
import LandingErrorView from '../../components/landing-error'
import { entryEnterQuery } from '../../services/launch-options'
import { redirectToLanding } from '../../services/navigation'
import { getRuleTable } from '../../services/rule-table'
import { scanAndLand } from '../../services/scan-code'
import { strings } from '../../strings'
import './index.scss'

// One gate for the app's lifetime: it outlives page instances, so a hot start can be told from a re-show.
const gate = new ScanGate()

/** The entry page: lands a scanned code on its order page, or shows why not; without a code, a home screen. */
export default function Index() {
  const [error, setError] = useState<LandingError | null>(null)

  const land = (input: LaunchInput) => {
    if (input.kind !== 'scan' || !gate.admit(input)) return
    const result = landQ(input.q, getRuleTable())
    if (result.ok) {
      setError(null)
      redirectToLanding(result).catch(() =>
        Taro.showToast({ title: strings.errorState.scanFailed, icon: 'none' })
      )
    } else {
      setError(result)
    }
  }

  // Cold start or a hot-start scan (WeChat re-opens this page): the page options carry q, still encoded.
  useLoad((options) => {
    const input = readLaunchQuery(options)
    land(input.kind === 'scan' ? input : readLaunchQuery(entryEnterQuery()))
  })
  // Back in the foreground: only a newer scan lands again (the gate refuses the old query).
  useDidShow(() => land(readLaunchQuery(entryEnterQuery())))

  const scanAgain = async () => {
    const scan = await scanAndLand()
    if (scan.kind === 'failed') {
      if (scan.error) setError(scan.error)
      else Taro.showToast({ title: strings.errorState.scanFailed, icon: 'none' })
    }
  }

  if (error) return <LandingErrorView error={error} onScanAgain={scanAgain} />
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
