// Timing and memory helpers. Every comparison interleaves the measured code with its baseline in the same
// process, batch by batch, so drift on a shared machine (other builds, other tests) hits both alike; medians
// damp the outliers.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'

export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Wall time of one call, in ms. */
export function timeOnce(fn: () => unknown): number {
  const start = now()
  sink(fn())
  return now() - start
}

// Results are kept reachable so the optimiser cannot drop the measured work.
let kept: unknown
function sink(value: unknown): void {
  kept = value
}
export function lastResult(): unknown {
  return kept
}

/** Calls per second of `fn(input)` over `inputs`, for about `ms` ms (whole passes over the inputs). */
function passRate(fn: (input: never) => unknown, inputs: readonly unknown[], ms: number): number {
  let calls = 0
  const start = now()
  let elapsed = 0
  do {
    for (const input of inputs) sink((fn as (i: unknown) => unknown)(input))
    calls += inputs.length
    elapsed = now() - start
  } while (elapsed < ms)
  return (calls / elapsed) * 1000
}

export interface Throughput {
  ops: number
  baselineOps: number
}

/**
 * Throughput of `fn` and of `baseline` over the same inputs: warmed up, then `batches` interleaved batches of
 * about `batchMs` each; the median rate of each.
 */
export function compareThroughput<T>(
  fn: (input: T) => unknown,
  baseline: (input: T) => unknown,
  inputs: readonly T[],
  { batches = 7, batchMs = 150 } = {}
): Throughput {
  passRate(fn as (i: never) => unknown, inputs, batchMs)
  passRate(baseline as (i: never) => unknown, inputs, batchMs)
  const a: number[] = []
  const b: number[] = []
  for (let i = 0; i < batches; i++) {
    a.push(passRate(fn as (i: never) => unknown, inputs, batchMs))
    b.push(passRate(baseline as (i: never) => unknown, inputs, batchMs))
  }
  return { ops: median(a), baselineOps: median(b) }
}

/** Median wall time of `fn` and of `baseline` over `runs` interleaved runs (after one warm-up run each). */
export function compareTime(
  fn: () => unknown,
  baseline: () => unknown,
  runs = 5
): { ms: number; baselineMs: number } {
  timeOnce(fn)
  timeOnce(baseline)
  const a: number[] = []
  const b: number[] = []
  for (let i = 0; i < runs; i++) {
    a.push(timeOnce(fn))
    b.push(timeOnce(baseline))
  }
  return { ms: median(a), baselineMs: median(b) }
}

let gcFn: (() => void) | undefined
/** A full garbage collection. Node exposes `gc` only with --expose-gc; the flag can be set at run time. */
export function gc(): void {
  if (!gcFn) {
    setFlagsFromString('--expose-gc')
    gcFn = runInNewContext('gc') as () => void
  }
  gcFn()
  gcFn()
}

/** Heap bytes that `make()`'s result keeps alive: heapUsed after a full GC, with and without it. */
export function retainedBytes(make: () => unknown): number {
  gc()
  const before = process.memoryUsage().heapUsed
  let held: unknown = make()
  gc()
  const after = process.memoryUsage().heapUsed
  sink(held)
  held = undefined
  sink(undefined)
  return after - before
}
