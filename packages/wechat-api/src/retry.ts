import { isRetryable } from './errors'
import type { Clock } from './rate'

/**
 * When to call again, in one options object (sindresorhus/ky's shape). Only errors marked `retryable` are retried:
 * no answer at all, a 5xx, and WeChat's documented busy codes (-1, 44990, 45011, 886001). A code with a fixed wait in
 * the error table (45011: the next minute) waits that long; every other retry backs off exponentially with jitter.
 */
export interface RetryPolicy {
  /** Calls in all, the first one included. */
  attempts: number
  /** The first backoff wait; each further one doubles. */
  baseMs: number
  /** The longest backoff wait. */
  maxMs: number
}

/** 6 calls, waiting about 0.5, 1, 2, 4 and 8 s between them (±25 %). */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseMs: 500, maxMs: 30_000 }

export interface RetryContext {
  policy: RetryPolicy
  /** Waits through `clock.sleep`: a test records the waits instead of sleeping them. */
  clock: Clock
  /** 0 ≤ x < 1, for the jitter (Math.random; a test fixes it). */
  random: () => number
  /** Told before each wait; the error's message is safe to print. */
  onRetry?: (error: Error, attempt: number, waitMs: number) => void
}

/** The wait before call `attempt + 1`: the error's own (from the table), else exponential backoff with jitter. */
export function retryWait(error: { retryAfterMs?: number }, attempt: number, ctx: RetryContext): number {
  if (error.retryAfterMs !== undefined) return error.retryAfterMs
  const { baseMs, maxMs } = ctx.policy
  return Math.round(Math.min(maxMs, baseMs * 2 ** (attempt - 1)) * (0.75 + ctx.random() * 0.5))
}

/** Runs `call` until it succeeds, fails with an error that is not retryable, or the attempts run out. */
export async function withRetry<T>(call: () => Promise<T>, ctx: RetryContext): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call()
    } catch (error) {
      if (!isRetryable(error) || attempt >= ctx.policy.attempts) throw error
      const wait = retryWait(error, attempt, ctx)
      ctx.onRetry?.(error, attempt, wait)
      await ctx.clock.sleep(wait)
    }
  }
}
