import Taro from '@tarojs/taro'
import { resolveApiBase, type EnvVersion } from '../order/api-base'
import type { ApiConnection } from './contracts'
import { taroTransport } from './taro-transport'

/** The mini program calls the merchant backend built in as TARO_APP_API_BASE, checked for this version. */
export function apiConnection(): ApiConnection {
  const base = resolveApiBase(builtInBase(), envVersion())
  return base.ok ? { ok: true, base: base.base, transport: taroTransport } : base
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
