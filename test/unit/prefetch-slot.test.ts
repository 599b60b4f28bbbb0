// The slot a landing's menu request waits in for its order page (src/order/prefetch-slot.ts): one answer,
// for one key, taken once, never once stale. The clock is handed in: no test waits.
import { prefetchSlot } from '../../src/order/prefetch-slot'

const MAX_AGE = 15_000
const answer = Promise.resolve('menu of 12')

describe('the prefetch slot', () => {
  it('hands the held answer to the first taker of the same key, once', () => {
    const slot = prefetchSlot<number, string>({ maxAgeMs: MAX_AGE })
    slot.put(12, answer, 1_000)

    expect(slot.take(12, 1_200)).toBe(answer)
    expect(slot.take(12, 1_300)).toBeNull()
  })

  it('gives nothing to another key, and the held answer is gone after that', () => {
    const slot = prefetchSlot<number, string>({ maxAgeMs: MAX_AGE })
    slot.put(12, answer, 1_000)

    expect(slot.take(7, 1_200)).toBeNull()
    expect(slot.take(12, 1_300)).toBeNull()
  })

  it.each([
    ['at its maximum age', 1_000 + MAX_AGE, true],
    ['a moment past it', 1_000 + MAX_AGE + 1, false],
    ['from a clock set back before it was held', 999, false],
  ])('is used %s: %s', (_when, now, used) => {
    const slot = prefetchSlot<number, string>({ maxAgeMs: MAX_AGE })
    slot.put(12, answer, 1_000)

    expect(slot.take(12, now)).toBe(used ? answer : null)
  })

  it('holds the latest answer only, and nothing once dropped', () => {
    const slot = prefetchSlot<number, string>({ maxAgeMs: MAX_AGE })
    const newer = Promise.resolve('menu of 7')
    slot.put(12, answer, 1_000)
    slot.put(7, newer, 2_000)

    expect(slot.take(12, 2_100)).toBeNull()
    slot.put(7, newer, 3_000)
    slot.drop()
    expect(slot.take(7, 3_100)).toBeNull()
  })
})
