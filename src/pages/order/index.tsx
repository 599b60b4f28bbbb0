import { View } from '@tarojs/components'
import Taro, { useLoad } from '@tarojs/taro'
import { useState } from 'react'
import { readOrderContext, type LandingError, type OrderContext } from '../../landing'
import FollowOfficialAccount from '../../components/follow-official-account'
import LandingErrorView from '../../components/landing-error'
import { scanAndLand } from '../../services/scan-code'
import { strings } from '../../strings'
import './index.scss'

type State =
  { kind: 'loading' } | { kind: 'ready'; context: OrderContext } | { kind: 'invalid'; error: LandingError }

/** The order page for one store, and one table or takeaway. The menu and cart build on `context`. */
export default function Order() {
  const [state, setState] = useState<State>({ kind: 'loading' })

  useLoad((options) => {
    const context = readOrderContext(options)
    setState(context ? { kind: 'ready', context } : { kind: 'invalid', error: invalidContext(options) })
  })

  const scanAgain = async () => {
    const scan = await scanAndLand()
    if (scan.kind === 'failed' && scan.error) setState({ kind: 'invalid', error: scan.error })
    else if (scan.kind === 'failed') Taro.showToast({ title: strings.errorState.scanFailed, icon: 'none' })
  }

  if (state.kind === 'invalid') return <LandingErrorView error={state.error} onScanAgain={scanAgain} />
  if (state.kind === 'loading') return <View className='order' />
  const { context } = state
  return (
    <View className='order' id='order'>
      <View className='order__header'>
        <View className='order__store' id='order-store'>
          {strings.order.store(context.store)}
        </View>
        <View className='order__place' id='order-place'>
          {context.mode === 'dine-in'
            ? `${strings.order.dineIn} · ${strings.order.table(context.table)}`
            : strings.order.takeaway}
        </View>
      </View>
      <FollowOfficialAccount />
      <View className='order__menu'>{strings.order.menuSoon}</View>
    </View>
  )
}

function invalidContext(options: Record<string, unknown>): LandingError {
  const input = Object.entries(options)
    .filter(([k]) => !k.startsWith('$'))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('&')
  return {
    ok: false,
    code: 'invalid-param',
    message: 'The order page was opened without a valid store and table or takeaway mode.',
    hint: 'Scan the code on the table or counter.',
    input,
  }
}
