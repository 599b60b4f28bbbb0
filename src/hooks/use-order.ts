import { useLoad } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import type { ApiWait } from '../components/api-state'
import { readPageInput } from '../landing'
import type { Order } from '../order/api-contract'
import { failureText } from '../order/api-failure'
import { orderApi } from '../services/order-api'

export type OrderState = ApiWait | { kind: 'ready'; order: Order } | { kind: 'invalid' }

/**
 * The order the page's `order` param names, read back from the API (so a refresh shows its progress). A failed
 * refresh keeps the order on screen; an id that is not one the API issues is refused without a request.
 */
export function useOrder(): { state: OrderState; refresh: () => void; retry: () => void } {
  const [state, setState] = useState<OrderState>({ kind: 'loading' })
  const [id, setId] = useState<string | null>(null)

  const load = useCallback(async (orderId: string) => {
    const setup = orderApi()
    if (!setup.ok) return setState({ kind: 'not-configured' })
    const result = await setup.api.getOrder(orderId)
    setState((before) =>
      result.ok
        ? { kind: 'ready', order: result.value }
        : before.kind === 'ready'
          ? before
          : { kind: 'failed', text: failureText(result.error) }
    )
  }, [])

  useLoad((options) => {
    const input = readPageInput('pages/result/index', options)
    if (!input) return setState({ kind: 'invalid' })
    const orderId = input.order
    setId(orderId)
    void load(orderId)
  })

  return {
    state,
    refresh: () => id && void load(id),
    retry() {
      if (!id) return
      setState({ kind: 'loading' })
      void load(id)
    },
  }
}
