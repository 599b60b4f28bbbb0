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
 *
 * The limit adapts: when the server refuses a call as too fast (44990: its real limit is lower than ours, or another
 * process shares the account) `slowDown` halves it, and it grows back by one after each RECOVER_WINDOWS windows
 * without a refusal, up to `limit` — additive increase, multiplicative decrease, as TCP does.
 */
export class SlidingWindow {
  private readonly starts: number[] = []
  private readonly span: number
  private queue: Promise<void> = Promise.resolve()
  private current: number
  private lastChange = Number.NEGATIVE_INFINITY
  private lastSlowDown = Number.NEGATIVE_INFINITY

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock = realClock,
    /** Told when the limit in force changes (for a progress line). */
    private readonly onChange?: (limit: number, was: number) => void
  ) {
    this.span = windowMs + Math.max(20, Math.round(windowMs * 0.05))
    this.current = limit
  }

  /** The limit in force now. */
  get pace(): number {
    return this.current
  }

  /** Resolves when one more call may start, and counts it. Callers are served in order. */
  take(): Promise<void> {
    const turn = this.queue.then(() => this.waitForSlot())
    this.queue = turn.catch(() => undefined)
    return turn
  }

  /**
   * The server refused a call as too fast: halve the limit (at least one a window). Refusals within one window of
   * the last slow-down are the same burst (parallel calls refused together) and lower it only once.
   */
  slowDown(): void {
    const now = this.clock.now()
    if (now - this.lastSlowDown < this.windowMs) return
    this.lastSlowDown = now
    this.change(Math.max(1, Math.floor(this.current / 2)), now)
  }

  /** A call went through: after RECOVER_WINDOWS quiet windows since the last change, allow one more a window. */
  settle(): void {
    if (this.current >= this.limit) return
    const now = this.clock.now()
    if (now - this.lastChange >= RECOVER_WINDOWS * this.windowMs) this.change(this.current + 1, now)
  }

  private change(limit: number, now: number): void {
    const was = this.current
    this.current = limit
    this.lastChange = now
    if (limit !== was) this.onChange?.(limit, was)
  }

  private async waitForSlot(): Promise<void> {
    // Sleeps until enough starts leave the window: one pass per start too many (more after a slow-down), bounded.
    for (let pass = 0; pass <= this.limit + 1; pass++) {
      const now = this.clock.now()
      while (this.starts.length > 0 && this.starts[0] <= now - this.span) this.starts.shift()
      if (this.starts.length < this.current) break
      await this.clock.sleep(this.starts[this.starts.length - this.current] + this.span - now)
    }
    this.starts.push(this.clock.now())
  }
}

/** Quiet windows (no 44990) before the pace grows by one: at 1 s windows, one more call a second every 10 s. */
export const RECOVER_WINDOWS = 10
