import { useDidShow, useLoad } from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import type { ApiWait } from '../components/api-state'
import type { ApiResult } from '../order/api-client'
import type { Menu } from '../order/api-contract'
import { failureText } from '../order/api-failure'
import { takeMenuPrefetch } from '../services/menu-prefetch'
import { orderApi } from '../services/order-api'

export type MenuState = ApiWait | { kind: 'ready'; menu: Menu }

/**
 * The menu of `store` (none: the page has no store), read when the page loads — from the request the landing sent
 * with its navigation when there is one for this store, else asked now — and refreshed quietly behind the menu
 * already shown each time the page shows again (back from the confirm page), keeping it on failure.
 */
export function useMenu(store: number | null): { menu: MenuState; reload: () => void } {
  const [menu, setMenu] = useState<MenuState>({ kind: 'loading' })
  const shown = useRef(false)

  const load = useCallback(async (id: number, quiet: boolean) => {
    const setup = orderApi()
    if (!setup.ok) return setMenu({ kind: 'not-configured' })
    if (!quiet) setMenu({ kind: 'loading' })
    const result = await setup.api.getMenu(id)
    if (result.ok) setMenu({ kind: 'ready', menu: result.value })
    else if (!quiet) setMenu({ kind: 'failed', text: failureText(result.error) })
  }, [])

  // The landing's request, once: its menu, or on failure the page's own request (with retries) as without it.
  const adopt = useCallback(
    async (id: number, sent: Promise<ApiResult<Menu>>) => {
      const result = await sent
      if (result.ok) setMenu({ kind: 'ready', menu: result.value })
      else await load(id, false)
    },
    [load]
  )

  useLoad(() => {
    if (store === null) return
    const sent = takeMenuPrefetch(store)
    void (sent ? adopt(store, sent) : load(store, false))
  })
  useDidShow(() => {
    if (store !== null && shown.current && menu.kind === 'ready') void load(store, true)
    shown.current = true
  })
  return { menu, reload: () => store !== null && void load(store, false) }
}
