import type { Destination, PagePath } from '../landing'
import type { ApiResult } from '../order/api-client'
import type { Menu } from '../order/api-contract'
import { prefetchSlot } from '../order/prefetch-slot'
import { orderApi } from './order-api'

const ORDER_PAGE: PagePath = 'pages/order/index'

/**
 * How long a menu sent with a landing's navigation waits for its order page: far longer than a page switch (a slow
 * phone, a subpackage download), short enough that a menu kept from a navigation that never arrived is not shown
 * minutes later.
 */
const MENU_PREFETCH_MAX_AGE_MS = 15_000

const slot = prefetchSlot<number, ApiResult<Menu>>({ maxAgeMs: MENU_PREFETCH_MAX_AGE_MS })

/**
 * When `destination` is an order page, asks for its store's menu now, with the navigation instead of after it: one
 * attempt, since the page asks again itself (with retries) should this one fail.
 */
export function prefetchMenu(destination: Destination): void {
  const setup = orderApi()
  const { store } = destination.params
  if (destination.page !== ORDER_PAGE || typeof store !== 'number' || !setup.ok) return
  slot.put(store, setup.api.getMenu(store, { once: true }), Date.now())
}

/** The menu answer a landing sent for `store`, once; `null` when there is none, it is another store's, or too old. */
export function takeMenuPrefetch(store: number): Promise<ApiResult<Menu>> | null {
  return slot.take(store, Date.now())
}

/** Forgets a sent menu request whose navigation failed. */
export function dropMenuPrefetch(): void {
  slot.drop()
}
