import { View } from '@tarojs/components'
import type { Fen } from '../../order/api-contract'
import { formatFen } from '../../order/money'
import './index.scss'

interface Props {
  lines: readonly { item: string; name: string; price: Fen; qty: number }[]
}

/** Items of a cart or an order: name × qty and the line's amount. */
export default function LineList({ lines }: Props) {
  return (
    <View className='line-list'>
      {lines.map((line) => (
        <View className='line-list__line' key={line.item} id={`line-${line.item}`}>
          <View className='line-list__name'>{line.name}</View>
          <View className='line-list__qty'>{`× ${line.qty}`}</View>
          <View className='line-list__amount'>{formatFen(line.price * line.qty)}</View>
        </View>
      ))}
    </View>
  )
}
