/** What the entry page was opened with: nothing to land (a normal home screen), or a scanned code. */
export type LaunchInput =
  | { kind: 'none' }
  | {
      kind: 'scan'
      /** The `q` option as received: still encoded, possibly not even a string (hostile launch options). */
      q: unknown
      /** `scancode_time` in UNIX seconds, or `null` when absent or not a number. */
      scancodeTime: number | null
    }

/** How far ahead of the device clock a `scancode_time` may be (WeChat stamps it with that same clock). */
export const MAX_SCAN_CLOCK_SKEW_SECONDS = 600

/**
 * Reads a launch query (page `onLoad` options, or `getEnterOptionsSync().query`). Never throws.
 * With `nowSeconds` (the device clock), a `scancode_time` from the future reads as absent: a forged far-future
 * time (a share card or another mini program can open the entry page with any query) would otherwise make every
 * genuine later scan look older to the ScanGate.
 */
export function readLaunchQuery(query: unknown, nowSeconds?: number): LaunchInput {
  if (typeof query !== 'object' || query === null || !('q' in query)) return { kind: 'none' }
  const { q, scancode_time: time } = query as { q: unknown; scancode_time?: unknown }
  if (q === undefined || q === '') return { kind: 'none' }
  let scancodeTime = typeof time === 'string' && /^[0-9]{1,12}$/.test(time) ? Number(time) : null
  if (
    scancodeTime !== null &&
    nowSeconds !== undefined &&
    scancodeTime > nowSeconds + MAX_SCAN_CLOCK_SKEW_SECONDS
  ) {
    scancodeTime = null
  }
  return { kind: 'scan', q, scancodeTime }
}

/**
 * Tells a new scan from the same one seen again. WeChat re-opens the entry page for a hot-start scan, and
 * App/page `onShow` also fire on a plain background→foreground switch with the *old* query: a scan is new
 * when its `scancode_time` is newer, or, at the same second or without a time, when its `q` differs.
 */
export class ScanGate {
  private last: { q: unknown; time: number | null } | null = null

  /** True, and remembered, when `input` is a scan not handled before. */
  admit(input: LaunchInput): boolean {
    if (input.kind !== 'scan') return false
    const last = this.last
    if (last) {
      const newer = input.scancodeTime !== null && last.time !== null && input.scancodeTime > last.time
      const older = input.scancodeTime !== null && last.time !== null && input.scancodeTime < last.time
      if (older || (!newer && input.q === last.q)) return false
    }
    this.last = { q: input.q, time: input.scancodeTime }
    return true
  }
}
