// What the WeChat tools share on the command line: client set-up from the environment, redacted output, exit codes.
import { WechatClient, DEFAULT_RETRY, type Account } from './client'
import { StopError, TransportError, WechatError } from './errors'
import { closeConnections } from './http'
import { parseRate } from './rate'
import { redact } from './redact'
import { FetchedToken, GivenToken, type TokenSource } from './token'

/** Exit codes: 0 done, 1 stopped by WeChat or the network, 2 bad usage or rule file, 3 done except what cannot be. */
export const EXIT = { ok: 0, stopped: 1, usage: 2, incomplete: 3 } as const

/** A mistake in the command or its input: exit 2 with the message. */
export class UsageError extends Error {}

/** Prints to stdout, redacted. */
export function say(text: string): void {
  process.stdout.write(`${redact(text)}\n`)
}

/** Prints to stderr, redacted. */
export function warn(text: string): void {
  process.stderr.write(`${redact(text)}\n`)
}

const DEFAULT_API = 'https://api.weixin.qq.com'
const DEFAULT_MP = 'https://mp.weixin.qq.com'

/**
 * Builds the client from the environment (never from flags: flags show up in `ps` and shell history).
 * - WECHAT_ACCESS_TOKEN, or WECHAT_APPID + WECHAT_SECRET: the mini program's token.
 * - WECHAT_SA_ACCESS_TOKEN, or WECHAT_SA_APPID + WECHAT_SA_SECRET: the service account's (its codes and links);
 *   the mini program's credentials are used when these are unset.
 * - WECHAT_API_BASE (default https://api.weixin.qq.com), WECHAT_MP_BASE (showqrcode; default mp.weixin.qq.com, or
 *   WECHAT_API_BASE when that is set), WECHAT_RATE or `--rate` (default 5/s,200/min), WECHAT_RETRY_BASE_MS.
 */
export function clientFromEnv(
  env: NodeJS.ProcessEnv,
  options: { rate?: string; need: Account[]; onRetry?: (e: Error, attempt: number, waitMs: number) => void }
): WechatClient {
  const apiBase = trimSlash(env.WECHAT_API_BASE || DEFAULT_API)
  const mpBase = trimSlash(env.WECHAT_MP_BASE || (env.WECHAT_API_BASE ? apiBase : DEFAULT_MP))
  let rate
  try {
    rate = parseRate(options.rate ?? env.WECHAT_RATE)
  } catch (e) {
    throw new UsageError((e as Error).message)
  }
  const timeoutMs = 30_000
  const source = (token?: string, appid?: string, secret?: string): TokenSource | undefined => {
    if (token) return new GivenToken(token)
    if (appid && secret) return new FetchedToken(apiBase, appid, secret, timeoutMs)
    return undefined
  }
  const miniProgram = source(env.WECHAT_ACCESS_TOKEN, env.WECHAT_APPID, env.WECHAT_SECRET)
  const serviceAccount =
    source(env.WECHAT_SA_ACCESS_TOKEN, env.WECHAT_SA_APPID, env.WECHAT_SA_SECRET) ?? miniProgram
  const tokens = { miniProgram, serviceAccount }
  for (const account of options.need) {
    if (!tokens[account]) {
      throw new UsageError(
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
    tokens,
    rate,
    retry: { attempts: DEFAULT_RETRY.attempts, baseMs, maxMs: baseMs * 60 },
    timeoutMs,
    onRetry: options.onRetry,
  })
}

/** Runs a command's main function: prints any failure (redacted) and sets the exit code. */
export function run(main: () => Promise<number>): void {
  main()
    .then(
      (code) => {
        process.exitCode = code
      },
      (error: unknown) => {
        process.exitCode = report(error)
      }
    )
    .finally(closeConnections)
}

/** Prints an error and returns its exit code. */
export function report(error: unknown): number {
  if (error instanceof UsageError) {
    warn(error.message)
    return EXIT.usage
  }
  if (error instanceof WechatError || error instanceof TransportError || error instanceof StopError) {
    warn(`Stopped: ${error.message}`)
    return EXIT.stopped
  }
  const e = error as Error
  warn(e?.stack ?? `Error: ${String(error)}`)
  return EXIT.stopped
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '')
}

/**
 * On Ctrl-C or SIGTERM: run `cleanup` (save what is pending, release the journal lock), then exit 130/143. The
 * journal already holds every finished step, so the next run continues where this one stopped.
 */
export function onInterrupt(cleanup: () => void): void {
  const exit = (code: number) => () => {
    cleanup()
    warn('Interrupted: run the same command again to continue.')
    process.exit(code)
  }
  process.once('SIGINT', exit(130))
  process.once('SIGTERM', exit(143))
}
