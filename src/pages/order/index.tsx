import { View } from '@tarojs/components'
import Taro, { getCurrentInstance } from '@tarojs/taro'
import { useState } from 'react'
import CartBar from '../../components/cart-bar'
import FollowOfficialAccount from '../../components/follow-official-account'
import LandingErrorView from '../../components/landing-error'
import MenuSection from '../../components/menu-section'
import OpenInWechat from '../../components/open-in-wechat'
import { useMenu } from '../../hooks/use-menu'
import { useOrderCart } from '../../hooks/use-order-cart'
import { cartCount, cartTotal } from '../../order/cart'
import { orderPageParams, orderPageState, type OrderPageState } from '../../order/order-page'
import { completeLanding, type LandingEnd } from '../../services/complete-landing'
import { scanAndLand, type InAppScan } from '../../services/scan-code'
import { strings } from '../../strings'
import { placeText } from '../../strings/place'
import './index.scss'

/** The order page for one store, and one table or takeaway: menu, cart, and the way to the confirm page. */
export default function Order() {
  // Taro sets the router params before the first render: the page draws its context (or why it has none) at once.
  const [page, setPage] = useState<OrderPageState>(() =>
    orderPageState(getCurrentInstance().router?.params ?? {})
  )
  const here = page.kind === 'ready' ? page.context : null
  const { menu, reload } = useMenu(here?.store ?? null)
  const { cart, add, remove, checkout } = useOrderCart(here, menu)

  const showEnd = (end: InAppScan | LandingEnd) => {
    if (end.kind === 'failed' && end.error) setPage({ kind: 'invalid', error: end.error, retry: end.retry })
    else if (end.kind === 'failed') Taro.showToast({ title: strings.errorState.scanFailed, icon: 'none' })
  }

  if (page.kind === 'invalid') {
    const { retry } = page
    return (
      <LandingErrorView
        error={page.error}
        onScanAgain={() => scanAndLand().then(showEnd)}
        onRetry={retry && (() => completeLanding(retry).then(showEnd))}
      />
    )
  }
  const { context } = page
  const storeName =
    menu.kind === 'ready' ? menu.menu.store.name : (cart?.storeName ?? strings.order.store(context.store))
  return (
    <View className='order' id='order'>
      <OpenInWechat page='pages/order/index' params={orderPageParams(context)} />
      <View className='order__header'>
        <View className='order__store' id='order-store'>
          {storeName}
        </View>
        <View className='order__place' id='order-place'>
          {placeText(context)}
        </View>
      </View>
      <FollowOfficialAccount />
      <MenuSection menu={menu} cart={cart} onRetry={reload} onAdd={add} onRemove={remove} />
      <CartBar count={cartCount(cart)} total={cartTotal(cart)} onCheckout={checkout} />
    </View>
  )
}
