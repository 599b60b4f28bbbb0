import { useDidShow, useLoad } from '@tarojs/taro'
import { useCallback, useEffect, useRef, useState } from 'react'
import type { OrderContext } from '../landing'
import type { MenuItem } from '../order/api-contract'
import { addItem, cartCount, newCart, reconcile, removeItem, type Cart } from '../order/cart'
import { arrive, moveCart } from '../order/cart-arrival'
import { askToMove } from '../services/ask-to-move'
import { loadCart, newCartId, saveCart } from '../services/cart-store'
import { openConfirm } from '../services/order-navigation'
import type { MenuState } from './use-menu'

export interface OrderCart {
  cart: Cart | null
  add(item: MenuItem): void
  remove(item: MenuItem): void
  /** To the confirm page, once however often it is tapped; nothing with an empty cart. */
  checkout(): void
}

/**
 * The stored cart as it meets this page's store and place (rules in order/cart-arrival.ts): read on load and on
 * every show (the confirm page changes it), saved on every change, following the menu's prices and items.
 */
export function useOrderCart(here: OrderContext | null, menu: MenuState): OrderCart {
  const [cart, setCart] = useState<Cart | null>(null)
  const asking = useRef(false)
  const leaving = useRef(false)

  const commit = useCallback((next: Cart) => {
    saveCart(next)
    setCart(next)
  }, [])

  const sync = useCallback(async () => {
    if (!here || asking.current) return
    const now = Date.now()
    const arrival = arrive(loadCart(), here, now)
    if (arrival.kind === 'keep') return setCart(arrival.cart)
    if (arrival.kind === 'new') return commit(newCart(here, newCartId(now), now))
    asking.current = true
    const move = await askToMove(arrival.cart, here)
    asking.current = false
    const later = Date.now()
    commit(move ? moveCart(arrival.cart, here, later) : newCart(here, newCartId(later), later))
  }, [here, commit])

  // Both: calling twice is harmless and does not depend on Taro's hook timing.
  useLoad(() => void sync())
  useDidShow(() => {
    leaving.current = false
    void sync()
  })

  // Prices and names follow the menu; items gone from it leave the cart.
  useEffect(() => {
    if (menu.kind !== 'ready' || !cart) return
    const next = reconcile(cart, menu.menu, Date.now())
    if (next !== cart) commit(next)
  }, [menu, cart, commit])

  return {
    cart,
    add: (item) => cart && commit(addItem(cart, item, Date.now())),
    remove: (item) => cart && commit(removeItem(cart, item.id, Date.now())),
    checkout() {
      if (leaving.current || cartCount(cart) === 0) return
      leaving.current = true
      openConfirm().catch(() => {
        leaving.current = false
      })
    },
  }
}
