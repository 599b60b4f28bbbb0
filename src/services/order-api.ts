import type { ApiBase } from '../order/api-base'
import { createOrderApi, type OrderApi } from '../order/api-client'
import { apiConnection } from '../platform/order-api'

/** The order API, or why this build cannot reach one (shown as a state, never thrown). */
export type ApiSetup = { ok: true; api: OrderApi } | { ok: false; problem: Extract<ApiBase, { ok: false }> }

let setup: ApiSetup | null = null

/** The app's order API client, built on first use (the mini program: TARO_APP_API_BASE; the browser: its origin). */
export function orderApi(): ApiSetup {
  if (!setup) {
    const connection = apiConnection()
    if (connection.ok) {
      setup = { ok: true, api: createOrderApi({ base: connection.base, transport: connection.transport }) }
    } else {
      console.warn(
        `TARO_APP_API_BASE is ${connection.reason} (${JSON.stringify(connection.value)}): see README "Ordering end to end"`
      )
      setup = { ok: false, problem: connection }
    }
  }
  return setup
}
