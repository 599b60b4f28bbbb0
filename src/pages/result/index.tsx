import { Button, View } from '@tarojs/components'
import { useLoad } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import ApiState, { type ApiWait } from '../../components/api-state'
import LineList from '../../components/line-list'
import StateView from '../../components/state-view'
import { formatFen } from '../../services/cart/money'
import { isOrderId } from '../../services/order-api/contract'
import { failureText, orderApi, type Order } from '../../services/order-api'
import { canGoBack, goBack } from '../../services/order-navigation'
import { strings } from '../../strings'
import './index.scss'

type State = ApiWait | { kind: 'ready'; order: Order } | { kind: 'invalid' }

/** The placed order: its number, status and contents, read back from the API (so a refresh shows progress). */
export default function Result() {
  const [state, setState] = useState<State>({ kind: 'loading' })
  const [id, setId] = useState<string | null>(null)

  const load = useCallback(async (orderId: string) => {
    const setup = orderApi()
    if (!setup.ok) return setState({ kind: 'not-configured' })
    const result = await setup.api.getOrder(orderId)
    setState((before) =>
      result.ok
        ? { kind: 'ready', order: result.value }
        : // A failed refresh keeps the order on screen.
          before.kind === 'ready'
          ? before
          : { kind: 'failed', text: failureText(result.error) }
    )
  }, [])

  useLoad((options) => {
    // Order ids are plain [A-Za-z0-9_-]: nothing to decode, anything else is refused.
    const orderId = options.order
    if (!isOrderId(orderId)) return setState({ kind: 'invalid' })
    setId(orderId)
    void load(orderId)
  })

  const retry = () => {
    if (!id) return
    setState({ kind: 'loading' })
    void load(id)
  }

  switch (state.kind) {
    case 'invalid':
      return <StateView kind='error' title={strings.result.invalid} body={strings.result.invalidBody} />
    case 'loading':
    case 'not-configured':
    case 'failed':
      return (
        <ApiState
          wait={state}
          loading={strings.result.loading}
          failed={strings.result.failed}
          onRetry={retry}
        />
      )
    case 'ready':
      return <OrderView order={state.order} onRefresh={() => id && void load(id)} />
  }
}

function OrderView({ order, onRefresh }: { order: Order; onRefresh: () => void }) {
  const place =
    order.mode === 'dine-in' && order.table !== null
      ? `${strings.order.dineIn} · ${strings.order.table(order.table)}`
      : strings.confirm.pickup
  return (
    <View className='result' id='result'>
      <View className='result__card result__head'>
        <View className='result__title'>{strings.result.title}</View>
        <View className='result__label'>{strings.result.number}</View>
        <View className='result__number' id='order-number'>
          {order.number}
        </View>
        <View className='result__status' id='order-status' data-status={order.status}>
          {strings.result.status[order.status]}
        </View>
        <View className='result__place'>{place}</View>
      </View>
      <View className='result__card'>
        <LineList lines={order.lines} />
        <View className='result__total'>
          <View>{strings.confirm.total}</View>
          <View id='order-total'>{formatFen(order.total)}</View>
        </View>
        {order.note && <View className='result__note'>{`${strings.confirm.noteLabel}：${order.note}`}</View>}
        <View className='result__id'>{strings.result.orderId(order.id)}</View>
      </View>
      <Button className='result__button' id='refresh-status' onClick={onRefresh}>
        {strings.result.refresh}
      </Button>
      {canGoBack() && (
        <Button
          className='result__button'
          id='continue-ordering'
          type='primary'
          onClick={() => void goBack().catch(() => undefined)}
        >
          {strings.result.continueOrdering}
        </Button>
      )}
    </View>
  )
}
