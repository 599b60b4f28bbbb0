import Taro from '@tarojs/taro'
import { readStoredCart, type Cart } from '../order/cart'

// One current cart per device. Versioned key: a future format change starts clean instead of misreading.
export const CART_STORAGE_KEY = 'order.cart.v1'

/** The stored cart, or `null` when there is none or it cannot be read. */
export function loadCart(): Cart | null {
  try {
    return readStoredCart(Taro.getStorageSync(CART_STORAGE_KEY))
  } catch {
    return null
  }
}

/** Saves the cart so it survives an app restart; a full storage only costs that, never the order in progress. */
export function saveCart(cart: Cart): void {
  try {
    Taro.setStorageSync(CART_STORAGE_KEY, cart)
  } catch (e) {
    console.warn('cart not saved', e)
  }
}

export function clearCart(): void {
  try {
    Taro.removeStorageSync(CART_STORAGE_KEY)
  } catch {
    // Nothing stored is as good as removed.
  }
}

/** A fresh cart id (20-24 characters): not a secret, only unique enough that two carts never share an idempotency key. */
export function newCartId(now = Date.now()): string {
  const random = () => Math.random().toString(36).slice(2, 10).padEnd(8, '0')
  return `${now.toString(36)}${random()}${random()}`.replace(/[^A-Za-z0-9]/g, '').slice(0, 24)
}
