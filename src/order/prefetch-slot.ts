// One answer on its way for a page that has not opened yet: the landing starts the request with its navigation, the
// page takes it instead of asking again. Pure TypeScript; the clock is handed in.

/** An answer in flight for `key`, started at `at` (epoch ms). */
interface Pending<K, T> {
  key: K
  at: number
  answer: Promise<T>
}

export interface PrefetchSlot<K, T> {
  /** Holds `answer` for `key`, replacing whatever was held. */
  put(key: K, answer: Promise<T>, now: number): void
  /**
   * The held answer when it is for `key` and younger than the slot's `maxAgeMs`, else `null`. Either way the slot is
   * empty afterwards: the first page to open after a landing uses the answer or discards it.
   */
  take(key: K, now: number): Promise<T> | null
  /** Forgets the held answer (its navigation failed). */
  drop(): void
}

/** A slot for one prefetched answer, used at most once and never once older than `maxAgeMs`. */
export function prefetchSlot<K, T>({ maxAgeMs }: { maxAgeMs: number }): PrefetchSlot<K, T> {
  let held: Pending<K, T> | null = null
  return {
    put(key, answer, now) {
      held = { key, at: now, answer }
    },
    take(key, now) {
      const found = held
      held = null
      return found && found.key === key && now - found.at >= 0 && now - found.at <= maxAgeMs
        ? found.answer
        : null
    },
    drop() {
      held = null
    },
  }
}
