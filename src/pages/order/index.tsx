import { View } from '@tarojs/components'
import Taro, { getCurrentInstance, useDidShow, useLoad } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import {
  fail,
  readOrderContext,
  type LandingError,
  type LandingResult,
  type OrderContext,
} from '../../landing'
import ApiState, { type ApiWait } from '../../components/api-state'
import CartBar from '../../components/cart-bar'
import FollowOfficialAccount from '../../components/follow-official-account'
import LandingErrorView from '../../components/landing-error'
import MenuList from '../../components/menu-list'
import StateView from '../../components/state-view'
import { arrive, moveCart } from '../../services/cart/arrive'
import {
  addItem,
  cartCount,
  cartTotal,
  newCart,
  qtyOf,
  reconcile,
  removeItem,
  type Cart,
} from '../../services/cart/cart'
import { loadCart, newCartId, saveCart } from '../../services/cart/cart-store'
import { failureText, orderApi, type Menu } from '../../services/order-api'
import { openConfirm } from '../../services/order-navigation'
import { completeLanding, type LandingEnd } from '../../services/complete-landing'
import { scanAndLand, type InAppScan } from '../../services/scan-code'
import { strings } from '../../strings'
import './index.scss'

type PageState =
  { kind: 'ready'; context: OrderContext } | { kind: 'invalid'; error: LandingError; retry?: LandingResult }

type MenuState = ApiWait | { kind: 'ready'; menu: Menu }

/** The order page for one store, and one table or takeaway: menu, cart, and the way to the confirm page. */
export default function Order() {
  // Taro sets the router params before the first render: the page draws its context (or why it has none) at once.
  const [page, setPage] = useState<PageState>(() => pageFor(getCurrentInstance().router?.params ?? {}))
  const [menu, setMenu] = useState<MenuState>({ kind: 'loading' })
  const [cart, setCart] = useState<Cart | null>(null)
  const context = useRef<OrderContext | null>(null)
  const asking = useRef(false)
  const leaving = useRef(false)
  const shown = useRef(false)

  const commit = useCallback((next: Cart) => {
    saveCart(next)
    setCart(next)
  }, [])

  // `quiet`: refresh behind the menu already shown (back from the confirm page), keeping it on failure.
  const loadMenu = useCallback(async (store: number, quiet = false) => {
    const setup = orderApi()
    if (!setup.ok) return setMenu({ kind: 'not-configured' })
    if (!quiet) setMenu({ kind: 'loading' })
    const result = await setup.api.getMenu(store)
    if (result.ok) setMenu({ kind: 'ready', menu: result.value })
    else if (!quiet) setMenu({ kind: 'failed', text: failureText(result.error) })
  }, [])

  // The stored cart meets this page's store and place (context rules in services/cart/arrive.ts).
  const syncCart = useCallback(
    async (here: OrderContext) => {
      if (asking.current) return
      const now = Date.now()
      const arrival = arrive(loadCart(), here, now)
      if (arrival.kind === 'keep') return setCart(arrival.cart)
      if (arrival.kind === 'new') return commit(newCart(here, newCartId(now), now))
      asking.current = true
      const move = await askToMove(arrival.cart, here)
      asking.current = false
      const later = Date.now()
      commit(move ? moveCart(arrival.cart, here, later) : newCart(here, newCartId(later), later))
    },
    [commit]
  )

  useLoad(() => {
    if (page.kind !== 'ready') return
    const here = page.context
    context.current = here
    void loadMenu(here.store)
    // Also on the first show below; calling both is harmless and does not depend on Taro's hook timing.
    void syncCart(here)
  })

  // Every show, the first included: back from the confirm page (or after ordering) the stored cart has changed.
  useDidShow(() => {
    leaving.current = false
    if (!context.current) return
    void syncCart(context.current)
    if (shown.current && menu.kind === 'ready') void loadMenu(context.current.store, true)
    shown.current = true
  })

  // Prices and names follow the menu; items gone from it leave the cart.
  useEffect(() => {
    if (menu.kind !== 'ready' || !cart) return
    const next = reconcile(cart, menu.menu, Date.now())
    if (next !== cart) commit(next)
  }, [menu, cart, commit])

  const showEnd = (end: InAppScan | LandingEnd) => {
    if (end.kind === 'failed' && end.error) setPage({ kind: 'invalid', error: end.error, retry: end.retry })
    else if (end.kind === 'failed') Taro.showToast({ title: strings.errorState.scanFailed, icon: 'none' })
  }
  const scanAgain = () => scanAndLand().then(showEnd)

  const checkout = () => {
    if (leaving.current || cartCount(cart) === 0) return
    leaving.current = true
    openConfirm().catch(() => {
      leaving.current = false
    })
  }

  if (page.kind === 'invalid') {
    const { retry } = page
    const onRetry = retry && (() => completeLanding(retry).then(showEnd))
    return <LandingErrorView error={page.error} onScanAgain={scanAgain} onRetry={onRetry} />
  }
  const here = page.context
  const storeName =
    menu.kind === 'ready' ? menu.menu.store.name : (cart?.storeName ?? strings.order.store(here.store))
  return (
    <View className='order' id='order'>
      <View className='order__header'>
        <View className='order__store' id='order-store'>
          {storeName}
        </View>
        <View className='order__place' id='order-place'>
          {here.mode === 'dine-in'
            ? `${strings.order.dineIn} · ${strings.order.table(here.table)}`
            : strings.order.takeaway}
        </View>
      </View>
      <FollowOfficialAccount />
      <MenuSection
        menu={menu}
        cart={cart}
        onRetry={() => void loadMenu(here.store)}
        onAdd={(item) => cart && commit(addItem(cart, item, Date.now()))}
        onRemove={(item) => cart && commit(removeItem(cart, item.id, Date.now()))}
      />
      <CartBar count={cartCount(cart)} total={cartTotal(cart)} onCheckout={checkout} />
    </View>
  )
}

interface MenuSectionProps {
  menu: MenuState
  cart: Cart | null
  onRetry: () => void
  onAdd: (item: Menu['categories'][number]['items'][number]) => void
  onRemove: (item: Menu['categories'][number]['items'][number]) => void
}

function MenuSection({ menu, cart, onRetry, onAdd, onRemove }: MenuSectionProps) {
  switch (menu.kind) {
    case 'loading':
    case 'not-configured':
    case 'failed':
      return (
        <ApiState
          wait={menu}
          loading={strings.order.menuLoading}
          failed={strings.order.menuFailed}
          onRetry={onRetry}
        />
      )
    case 'ready':
      if (menu.menu.categories.every((category) => category.items.length === 0)) {
        return (
          <StateView
            kind='empty'
            title={strings.order.menuEmpty}
            body={strings.order.menuEmptyBody}
            action={{ text: strings.order.retry, onClick: onRetry }}
          />
        )
      }
      return <MenuList menu={menu.menu} qtyOf={(id) => qtyOf(cart, id)} onAdd={onAdd} onRemove={onRemove} />
  }
}

function placeText(mode: OrderContext['mode'], table: string | null): string {
  return mode === 'dine-in' && table !== null ? strings.order.table(table) : strings.order.takeaway
}

/** Same store, another table or takeaway: the customer decides whether the cart comes along. */
async function askToMove(cart: Cart, here: OrderContext): Promise<boolean> {
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

function pageFor(options: Record<string, unknown>): PageState {
  const here = readOrderContext(options)
  return here ? { kind: 'ready', context: here } : { kind: 'invalid', error: invalidContext(options) }
}

function invalidContext(options: Record<string, unknown>): LandingError {
  const input = Object.entries(options)
    .filter(([k]) => !k.startsWith('$'))
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('&')
  return fail(
    'invalid-param',
    'The order page was opened without a valid store and table or takeaway mode.',
    'Scan the code on the table or counter.',
    { input }
  )
}
