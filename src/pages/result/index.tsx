import { Button, View } from '@tarojs/components'
import ApiState from '../../components/api-state'
import LineList from '../../components/line-list'
import StateView from '../../components/state-view'
import { useOrder } from '../../hooks/use-order'
import type { Order } from '../../order/api-contract'
import { formatFen } from '../../order/money'
import { backToOrder } from '../../services/order-navigation'
import { strings } from '../../strings'
import { placeText } from '../../strings/place'
import './index.scss'

/** The placed order: its number, status and contents, read back from the API (so a refresh shows progress). */
export default function Result() {
  const { state, refresh, retry } = useOrder()
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
      return <OrderView order={state.order} onRefresh={refresh} />
  }
}

function OrderView({ order, onRefresh }: { order: Order; onRefresh: () => void }) {
  const place = placeText(order, { pickupNote: true })
  return (
    <View className='result' id='result'>
      <View className='card result__head'>
        <View className='result__title'>{strings.result.title}</View>
        <View className='result__label'>{strings.result.number}</View>
        <View className='result__number' id='order-number'>
          {order.number}
        </View>
        <View className='result__status' id='order-status' data-status={order.status}>
          {strings.result.status[order.status]}
        </View>
        <View className='result__place' id='result-place'>
          {place}
        </View>
      </View>
      <View className='card'>
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
      {/* Back to the menu below, or (opened on its own) to the order page of this order's store and place. */}
      <Button
        className='result__button'
        id='continue-ordering'
        type='primary'
        onClick={() => void backToOrder(order).catch(() => undefined)}
      >
        {strings.result.continueOrdering}
      </Button>
    </View>
  )
}
