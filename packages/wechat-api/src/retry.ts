import { NetworkError, UnknownOutcomeError, isRetryable } from './errors'
import type { Clock } from './rate'

/**
 * When to call again, in one options object (sindresorhus/ky's shape). Only errors marked `retryable` are retried:
 * no answer at all, a 5xx, and WeChat's documented busy codes (-1, 44990, 45011, 886001). A code with a fixed wait in
 * the error table (45011: the next minute) waits that long; every other retry backs off exponentially with jitter.
 * A request that went out and got no answer is sent again only for the calls listed in `resend` (ky retries only
 * idempotent methods for the same reason); for any other it is an UnknownOutcomeError for the caller to settle.
 */
export interface RetryPolicy {
  /** Calls in all, the first one included. */
  attempts: number
  /** Calls in all when each of them got no answer within the timeout: waiting that long again rarely helps. */
  timeoutAttempts: number
  /** The first backoff wait; each further one doubles. */
  baseMs: number
  /** The longest backoff wait. */
  maxMs: number
  /** The APIs (the client's names, e.g. `qrcodejumpget`) that may be sent again after an unanswered request. */
  resend: readonly string[]
}

/**
 * The calls that may be sent again when their request went out and no answer came back: the reads, and the changes
 * whose repeat changes nothing — `qrcodejumpadd` (a repeat answers 85071 "already added", which a caller checks),
 * `updateshowwxaitem` (sets the same value again), `token` (a new token; WeChat keeps the previous one valid for 5
 * minutes), `getwxacodeunlimit` (a mini program code for the same scene and page is the same image, and their number
 * is unlimited). Not listed, so never sent twice blindly: `qrcode/create` (a repeat makes a second code — one of the
 * account's 100 000 — whose first url nobody can list), `qrcodejumppublish` (WeChat does not say whether publishing a
 * published rule spends another of the month's publishes) and `qrcodejumpdelete` (nor what it answers for a rule
 * already gone): a caller checks those against qrcodejumpget instead. A call added later is safe by default: unlisted.
 */
export const RESENDABLE: readonly string[] = [
  'token',
  'qrcodejumpget',
  'qrcodejumpdownload',
  'qrcodejumpadd',
  'showqrcode',
  'getwxacodeunlimit',
  'getwxamplinkforshow',
  'getshowwxaitem',
  'updateshowwxaitem',
]

/** 6 calls, waiting about 0.5, 1, 2, 4 and 8 s between them (±25 %); 3 when each timed out. */
export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 6,
  timeoutAttempts: 3,
  baseMs: 500,
  maxMs: 30_000,
  resend: RESENDABLE,
}

export interface RetryContext {
  policy: RetryPolicy
  /** Waits through `clock.sleep`: a test records the waits instead of sleeping them. */
  clock: Clock
  /** 0 ≤ x < 1, for the jitter (Math.random; a test fixes it). */
  random: () => number
  /** Told before each wait; the error's message is safe to print. */
  onRetry?: (error: Error, attempt: number, waitMs: number) => void
}

/** The wait before call `attempt + 1`: the error's own (from the error table), else exponential backoff with jitter. */
export function retryWait(error: { retryAfterMs?: number }, attempt: number, ctx: RetryContext): number {
  if (error.retryAfterMs !== undefined) return error.retryAfterMs
  const { baseMs, maxMs } = ctx.policy
  return Math.round(Math.min(maxMs, baseMs * 2 ** (attempt - 1)) * (0.75 + ctx.random() * 0.5))
}

/**
 * Runs `call` until it succeeds, fails with an error that is not retryable, or the attempts run out. An unanswered
 * request of an API the policy does not let `resend` ends at once as an UnknownOutcomeError.
 */
export async function withRetry<T>(call: () => Promise<T>, ctx: RetryContext): Promise<T> {
  let timeouts = 0
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (error) {
      // The failed call's own api: a token fetch inside a qrcode/create call may be sent again, the create not.
      if (error instanceof NetworkError && error.sent && !ctx.policy.resend.includes(error.api)) {
        throw new UnknownOutcomeError(error)
      }
      if (!isRetryable(error) || attempt >= ctx.policy.attempts) throw error
      if (error instanceof NetworkError && error.timedOut && ++timeouts >= ctx.policy.timeoutAttempts)
        throw error
      const wait = retryWait(error, attempt, ctx)
      ctx.onRetry?.(error, attempt, wait)
      await ctx.clock.sleep(wait)
    }
  }
}
