import Taro from '@tarojs/taro'
import { resolveApiBase, type ApiBase, type EnvVersion } from './api-base'
import { createOrderApi, type OrderApi } from './client'
import { taroTransport } from './taro-transport'

export type { ApiFailure, ApiResult, OrderApi } from './client'
export type { Menu, MenuItem, Order, OrderStatus } from './contract'
export { canRetry, failureText, type FailureText } from './failure'

/** The order API, or why this build cannot reach one (shown as a state, never thrown). */
export type ApiSetup = { ok: true; api: OrderApi } | { ok: false; problem: Extract<ApiBase, { ok: false }> }

let setup: ApiSetup | null = null

/** The app's order API client, built on first use from TARO_APP_API_BASE. */
export function orderApi(): ApiSetup {
  if (!setup) {
    const base = resolveApiBase(builtInBase(), envVersion())
    if (base.ok) {
      setup = { ok: true, api: createOrderApi({ base: base.base, transport: taroTransport }) }
    } else {
      console.warn(
        `TARO_APP_API_BASE is ${base.reason} (${JSON.stringify(base.value)}): see README "Ordering end to end"`
      )
      setup = { ok: false, problem: base }
    }
  }
  return setup
}

function builtInBase(): string | undefined {
  // Replaced at build time from .env.<mode> or the shell; guarded because an unreplaced `process` does not exist
  // in the mini program.
  try {
    return process.env.TARO_APP_API_BASE
  } catch {
    return undefined
  }
}

function envVersion(): EnvVersion | undefined {
  try {
    return Taro.getAccountInfoSync().miniProgram.envVersion
  } catch {
    return undefined
  }
}
