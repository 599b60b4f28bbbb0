import { useDidShow, useLoad } from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import type { ApiWait } from '../components/api-state'
import { failureText, orderApi, type Menu } from '../services/order-api'

export type MenuState = ApiWait | { kind: 'ready'; menu: Menu }

/**
 * The menu of `store` (none: the page has no store), read when the page loads and refreshed quietly behind the
 * menu already shown each time the page shows again (back from the confirm page), keeping it on failure.
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

  useLoad(() => {
    if (store !== null) void load(store, false)
  })
  useDidShow(() => {
    if (store !== null && shown.current && menu.kind === 'ready') void load(store, true)
    shown.current = true
  })
  return { menu, reload: () => store !== null && void load(store, false) }
}
