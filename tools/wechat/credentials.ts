// The WeChat client the tools use, built from the environment (never from flags: flags show up in `ps` and shell
// history), with the progress lines that say what the client is doing while a call is slow, retried or paced.
import {
  DEFAULT_RETRY,
  DEFAULT_TIMEOUT_MS,
  NetworkError,
  WechatClient,
  type Account,
  type ClientConfig,
  type Credentials,
} from '@scan-to-order/wechat-api'

import { InputError } from '../lib/errors'
import { rateOption } from '../shell/options'

const DEFAULT_API = 'https://api.weixin.qq.com'
const DEFAULT_MP = 'https://mp.weixin.qq.com'
/** The longest `--timeout` / WECHAT_TIMEOUT: past ten minutes a call is not slow, it is lost. */
const MAX_TIMEOUT_S = 600

export interface ClientOptions {
  /** `--rate` (else WECHAT_RATE, else WeChat's 5/s,200/min). */
  rate?: string
  /** `--timeout` in seconds (else WECHAT_TIMEOUT, else 10). */
  timeout?: string
  /** The accounts the command calls: their credentials must be set. */
  need: Account[]
  /** Where the progress lines go (stderr): a slow call, a retry, a change of pace. */
  say?: (line: string) => void
  /** Told before each API request leaves (see ClientConfig.onSend): the jump ledger counts through it. */
  onSend?: ClientConfig['onSend']
}

/**
 * - WECHAT_ACCESS_TOKEN, or WECHAT_APPID + WECHAT_SECRET: the mini program's token.
 * - WECHAT_SA_ACCESS_TOKEN, or WECHAT_SA_APPID + WECHAT_SA_SECRET: the service account's (its codes and links); the
 *   mini program's credentials are used when these are unset.
 * - WECHAT_API_BASE (default https://api.weixin.qq.com), WECHAT_MP_BASE (showqrcode; default mp.weixin.qq.com, or
 *   WECHAT_API_BASE when that is set), WECHAT_RATE or `--rate` (default 5/s,200/min), WECHAT_TIMEOUT or `--timeout`
 *   (seconds a call may wait for its answer, default 10), WECHAT_RETRY_BASE_MS.
 * Throws InputError (exit 2) for missing credentials, a bad rate or timeout, or a base that is not an http(s) URL.
 */
export function clientFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  options: ClientOptions
): WechatClient {
  const apiBase = apiBaseFromEnv(env)
  const mpBase = baseUrl('WECHAT_MP_BASE', env.WECHAT_MP_BASE || (env.WECHAT_API_BASE ? apiBase : DEFAULT_MP))
  const rate = rateOption(options.rate ?? env.WECHAT_RATE)
  const timeoutMs = readTimeout(options.timeout, env.WECHAT_TIMEOUT)
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
  const say = options.say
  return new WechatClient({
    apiBase,
    mpBase,
    credentials: given,
    rate,
    retry: { ...DEFAULT_RETRY, baseMs, maxMs: baseMs * 60 },
    timeoutMs,
    onSlow:
      say &&
      ((api, waited, timeout) =>
        say(
          `${api}: no answer from WeChat after ${secs(waited)}; waiting up to ${secs(timeout)} (--timeout).`
        )),
    onRetry:
      say &&
      ((e, attempt, waitMs) => {
        const last =
          e instanceof NetworkError && e.timedOut ? DEFAULT_RETRY.timeoutAttempts : DEFAULT_RETRY.attempts
        say(`${e.message} — retry ${attempt} of ${last - 1} in ${secs(waitMs)}`)
      }),
    onPace:
      say &&
      ((perSecond, was) =>
        say(
          perSecond < was
            ? `WeChat says the calls come too fast (44990): pace lowered to ${perSecond}/s; it rises again by 1/s ` +
                'after each 10 s without that answer.'
            : `Pace back up to ${perSecond}/s.`
        )),
    onSend: options.onSend,
  })
}

/** The WeChat API base the tools call: WECHAT_API_BASE (checked: an http(s) URL, else exit 2), else WeChat's. */
export function apiBaseFromEnv(env: Readonly<Record<string, string | undefined>>): string {
  return baseUrl('WECHAT_API_BASE', env.WECHAT_API_BASE || DEFAULT_API)
}

/** `--timeout` or WECHAT_TIMEOUT, in seconds (decimals allowed), as milliseconds; the default when neither is set. */
function readTimeout(flag: string | undefined, env: string | undefined): number {
  const [name, text] = flag !== undefined ? ['--timeout', flag] : ['WECHAT_TIMEOUT', env]
  // An empty variable is an unset one (`WECHAT_TIMEOUT= npm run …`); an empty flag value is a mistake.
  if (text === undefined || (text === '' && flag === undefined)) return DEFAULT_TIMEOUT_MS
  const seconds = /^\s*\d+(\.\d+)?\s*$/.test(text) ? Number(text) : NaN
  if (!(seconds > 0 && seconds <= MAX_TIMEOUT_S)) {
    throw new InputError(
      `${name} "${text}" is not a number of seconds from 0.1 to ${MAX_TIMEOUT_S}, e.g. 10 (the default) or 30.`
    )
  }
  return Math.max(100, Math.round(seconds * 1000))
}

/**
 * The base URL of an API host, as the client joins paths to it (no trailing slash), or an InputError (exit 2): a
 * typo must not become a crash, nor a URL whose query, fragment or user info the API paths would end up inside.
 */
function baseUrl(name: string, value: string): string {
  let url: URL | null = null
  try {
    url = new URL(value.trim())
  } catch {
    // Reported below.
  }
  const example = 'e.g. https://api.weixin.qq.com or http://127.0.0.1:8788'
  if (
    !url ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    !/^https?:\/\//i.test(value.trim())
  ) {
    throw new InputError(`${name} "${value}" is not an http(s) URL, ${example}.`)
  }
  if (url.username !== '' || url.password !== '') {
    throw new InputError(
      `${name} must not carry a user name or password (they would show in logs): ${example}.`
    )
  }
  if (url.search !== '' || url.hash !== '' || /[?#]/.test(value)) {
    throw new InputError(
      `${name} "${value}" has a query or fragment: give the server's base URL only, ${example}.`
    )
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '')
}

function secs(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`
}
