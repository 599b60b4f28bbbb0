// The WeChat client the tools use, built from the environment (never from flags: flags show up in `ps` and shell
// history).
import {
  DEFAULT_RETRY,
  WechatClient,
  parseRate,
  type Account,
  type ClientConfig,
  type Credentials,
} from '@scan-to-order/wechat-api'

import { InputError } from '../lib/errors'

const DEFAULT_API = 'https://api.weixin.qq.com'
const DEFAULT_MP = 'https://mp.weixin.qq.com'

/**
 * - WECHAT_ACCESS_TOKEN, or WECHAT_APPID + WECHAT_SECRET: the mini program's token.
 * - WECHAT_SA_ACCESS_TOKEN, or WECHAT_SA_APPID + WECHAT_SA_SECRET: the service account's (its codes and links); the
 *   mini program's credentials are used when these are unset.
 * - WECHAT_API_BASE (default https://api.weixin.qq.com), WECHAT_MP_BASE (showqrcode; default mp.weixin.qq.com, or
 *   WECHAT_API_BASE when that is set), WECHAT_RATE or `--rate` (default 5/s,200/min), WECHAT_RETRY_BASE_MS.
 * Throws InputError (exit 2) for missing credentials, a bad rate or a base that is not an http(s) URL.
 */
export function clientFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  options: {
    rate?: string
    need: Account[]
    onRetry?: (e: Error, attempt: number, waitMs: number) => void
    /** Told before each API request leaves (see ClientConfig.onSend): the jump ledger counts through it. */
    onSend?: ClientConfig['onSend']
  }
): WechatClient {
  const apiBase = apiBaseFromEnv(env)
  const mpBase = baseUrl('WECHAT_MP_BASE', env.WECHAT_MP_BASE || (env.WECHAT_API_BASE ? apiBase : DEFAULT_MP))
  let rate
  try {
    rate = parseRate(options.rate ?? env.WECHAT_RATE)
  } catch (e) {
    throw new InputError((e as Error).message)
  }
  const credentials = (token?: string, appid?: string, secret?: string): Credentials | undefined => {
    if (token) return { token }
    if (appid && secret) return { appid, secret }
    return undefined
  }
  const miniProgram = credentials(env.WECHAT_ACCESS_TOKEN, env.WECHAT_APPID, env.WECHAT_SECRET)
  const serviceAccount =
    credentials(env.WECHAT_SA_ACCESS_TOKEN, env.WECHAT_SA_APPID, env.WECHAT_SA_SECRET) ?? miniProgram
  const given = { miniProgram, serviceAccount }
  for (const account of options.need) {
    if (!given[account]) {
      throw new InputError(
        account === 'miniProgram'
          ? 'No credentials: set WECHAT_ACCESS_TOKEN, or WECHAT_APPID and WECHAT_SECRET (environment only).'
          : 'No service-account credentials: set WECHAT_SA_ACCESS_TOKEN, or WECHAT_SA_APPID and WECHAT_SA_SECRET ' +
              '(or the WECHAT_* ones).'
      )
    }
  }
  const baseMs =
    Number(env.WECHAT_RETRY_BASE_MS) > 0 ? Number(env.WECHAT_RETRY_BASE_MS) : DEFAULT_RETRY.baseMs
  return new WechatClient({
    apiBase,
    mpBase,
    credentials: given,
    rate,
    retry: { attempts: DEFAULT_RETRY.attempts, baseMs, maxMs: baseMs * 60 },
    timeoutMs: 30_000,
    onRetry: options.onRetry,
    onSend: options.onSend,
  })
}

/** The WeChat API base the tools call: WECHAT_API_BASE (checked: an http(s) URL, else exit 2), else WeChat's. */
export function apiBaseFromEnv(env: Readonly<Record<string, string | undefined>>): string {
  return baseUrl('WECHAT_API_BASE', env.WECHAT_API_BASE || DEFAULT_API)
}

/** `value` without a trailing slash, refused (exit 2) unless it is an http(s) URL: a typo must not become a crash. */
function baseUrl(name: string, value: string): string {
  let url: URL | null = null
  try {
    url = new URL(value)
  } catch {
    // Reported below.
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new InputError(
      `${name} "${value}" is not an http(s) URL, e.g. https://api.weixin.qq.com or http://127.0.0.1:8788.`
    )
  }
  return value.replace(/\/+$/, '')
}
