import { WECHAT_LIMITS } from './limits'

/** Request rates: all API calls a second, service-account rule calls a minute. */
export interface RateSpec {
  perSecond: number
  perMinute: number
}

/** WeChat's documented rates: 5 calls a second (44990), 200 service-account rule calls a minute. */
export const WECHAT_RATE: RateSpec = {
  perSecond: WECHAT_LIMITS.requestsPerSecond,
  perMinute: WECHAT_LIMITS.ticketCallsPerMinute,
}

/**
 * Parses a rate such as `5/s,200/min` (either part may be left out: it keeps WeChat's figure). Tests and the fake
 * server raise both to run thousands of calls in seconds; real runs keep the defaults.
 */
export function parseRate(text: string | undefined): RateSpec {
  const rate = { ...WECHAT_RATE }
  if (!text) return rate
  for (const part of text.split(',')) {
    const m = /^\s*(\d+)\s*\/\s*(s|sec|second|m|min|minute)\s*$/.exec(part)
    if (!m || Number(m[1]) < 1) {
      throw new Error(`Rate "${text}" is not like "5/s,200/min".`)
    }
    if (m[2].startsWith('s')) rate.perSecond = Number(m[1])
    else rate.perMinute = Number(m[1])
  }
  return rate
}

/** Time, injectable so the limiter can be tested without waiting. */
export interface Clock {
  now(): number
  sleep(ms: number): Promise<void>
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
}

/**
 * A sliding window: at most `limit` starts in any `windowMs`. WeChat counts arrivals, which lag our starts by a
 * varying network delay, so the window is kept a little longer than WeChat's.
 */
export class SlidingWindow {
  private readonly starts: number[] = []
  private readonly span: number
  private queue: Promise<void> = Promise.resolve()

  constructor(
    private readonly limit: number,
    windowMs: number,
    private readonly clock: Clock = realClock
  ) {
    this.span = windowMs + Math.max(20, Math.round(windowMs * 0.05))
  }

  /** Resolves when one more call may start, and counts it. Callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot())
    this.queue = turn.catch(() => undefined)
    return turn
  }

  private async waitForSlot(): Promise<void> {
    // Each pass either takes a slot or sleeps until the oldest start leaves the window: at most two passes.
    for (let pass = 0; pass < 3; pass++) {
      const now = this.clock.now()
      while (this.starts.length > 0 && this.starts[0] <= now - this.span) this.starts.shift()
      if (this.starts.length < this.limit) {
        this.starts.push(now)
        return
      }
      await this.clock.sleep(this.starts[0] + this.span - now)
    }
    this.starts.push(this.clock.now())
  }
}
