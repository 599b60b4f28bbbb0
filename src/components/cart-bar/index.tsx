import { Button, View } from '@tarojs/components'
import { formatFen } from '../../order/money'
import { strings } from '../../strings'
import './index.scss'

interface Props {
  count: number
  /** Fen. */
  total: number
  onCheckout: () => void
}

/** The bar at the bottom of the order page: how many items, the total, and the way to the confirm page. */
export default function CartBar({ count, total, onCheckout }: Props) {
  return (
    <View className='cart-bar' id='cart-bar'>
      <View className='cart-bar__summary'>
        <View className='cart-bar__count' id='cart-count'>
          {count > 0 ? strings.order.cartCount(count) : strings.order.cartEmpty}
        </View>
        {count > 0 && (
          <View className='cart-bar__total' id='cart-total'>
            {formatFen(total)}
          </View>
        )}
      </View>
      <Button
        className='cart-bar__checkout'
        id='checkout'
        type='primary'
        size='mini'
        disabled={count === 0}
        onClick={onCheckout}
      >
        {strings.order.checkout}
      </Button>
    </View>
  )
}
