import { Button, View } from '@tarojs/components'
import LandingErrorView from '../../components/landing-error'
import { useEntryLanding } from '../../hooks/use-entry-landing'
import { strings } from '../../strings'
import './index.scss'

/** The entry page: lands a scanned code on its order page, or shows why not; without a code, a home screen. */
export default function Index() {
  const { screen, scanAgain } = useEntryLanding()
  switch (screen.kind) {
    case 'landing':
      return <View className='home' />
    case 'resolving':
      return (
        <View className='home' id='resolving'>
          <View className='home__body'>{strings.errorState.resolving}</View>
        </View>
      )
    case 'error':
      return <LandingErrorView error={screen.error} onScanAgain={scanAgain} onRetry={screen.retry} />
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
