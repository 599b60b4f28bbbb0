import Taro from '@tarojs/taro'
import type { OrderContext } from '../landing'
import { cartCount, type Cart } from '../order/cart'
import { strings } from '../strings'

/** Same store, another table or takeaway: the customer decides whether the cart comes along. */
export async function askToMove(cart: Cart, here: OrderContext): Promise<boolean> {
  try {
    const answer = await Taro.showModal({
      title: strings.order.moveTitle,
      content: strings.order.moveBody(
        cartCount(cart),
        placeText(cart.mode, cart.table),
        placeText(here.mode, here.table)
      ),
      confirmText: strings.order.moveConfirm,
      cancelText: strings.order.moveCancel,
    })
    return answer.confirm
  } catch {
    // No dialog: keep what the customer chose rather than empty it behind their back.
    return true
  }
}

function placeText(mode: OrderContext['mode'], table: string | null): string {
  return mode === 'dine-in' && table !== null ? strings.order.table(table) : strings.order.takeaway
}
