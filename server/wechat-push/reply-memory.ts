// WeChat retries an event it got no answer to within 5 s, up to three times, and advises telling events apart by
// FromUserName + CreateTime. The memory is bounded both ways: entries expire, and past `max` the oldest go first.

export interface ReplyMemoryOptions {
  /** Entries kept at most (default 10 000). */
  max?: number
  /** How long an answer is remembered, in ms (default 5 minutes: WeChat's retries come within seconds). */
  ttlMs?: number
  /** The clock (default `Date.now`); tests move it. */
  now?: () => number
}

/** What was answered to an event: the reply body, and the log's summary of it. */
export interface Remembered {
  reply: string
  summary: string
}

/** Remembers the answer given to each event, so that WeChat's retries get the same one and count once. */
export class ReplyMemory {
  private readonly entries = new Map<string, { answer: Remembered; expires: number }>()
  private readonly max: number
  private readonly ttlMs: number
  private readonly now: () => number

  constructor({ max = 10_000, ttlMs = 5 * 60_000, now = Date.now }: ReplyMemoryOptions = {}) {
    this.max = Math.max(1, max)
    this.ttlMs = ttlMs
    this.now = now
  }

  /** The answer already given to this event, if it is still remembered. */
  get(from: string, createTime: string): Remembered | undefined {
    const entry = this.entries.get(key(from, createTime))
    return entry && entry.expires > this.now() ? entry.answer : undefined
  }

  remember(from: string, createTime: string, answer: Remembered): void {
    const now = this.now()
    // Insertion order is expiry order (one ttl for all): drop expired entries from the front, then the oldest.
    for (const [k, entry] of this.entries) {
      if (entry.expires > now && this.entries.size < this.max) break
      this.entries.delete(k)
    }
    const k = key(from, createTime)
    // Re-set at the end, so that insertion order stays expiry order.
    this.entries.delete(k)
    this.entries.set(k, { answer, expires: now + this.ttlMs })
  }

  get size(): number {
    return this.entries.size
  }
}

// Both parts are untrusted text: JSON keeps the pair unambiguous whatever they contain.
const key = (from: string, createTime: string) => JSON.stringify([from, createTime])
