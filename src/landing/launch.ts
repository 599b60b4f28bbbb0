/**
 * What the entry page was opened with: nothing to land (a normal home screen), a scanned link (`q`), or a mini program
 * code (`scene`, launch scenes 1047/1048/1049).
 */
export type LaunchInput =
  | { kind: 'none' }
  | {
      kind: 'scan'
      /** The `q` option as received: still encoded, possibly not even a string (hostile launch options). */
      q: unknown
      /** `scancode_time` in UNIX seconds, or `null` when absent or not a number. */
      scancodeTime: number | null
    }
  | {
      kind: 'code'
      /** The `scene` option as received: URL-encoded once by WeChat, possibly not even a string. */
      scene: unknown
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
  if (typeof query !== 'object' || query === null) return { kind: 'none' }
  const { q, scancode_time: time, scene } = query as { q?: unknown; scancode_time?: unknown; scene?: unknown }
  if (q === undefined || q === '') {
    // A link code carries `q`; a mini program code carries `scene` instead (and no scancode_time).
    return scene === undefined || scene === '' ? { kind: 'none' } : { kind: 'code', scene }
  }
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
 * A mini program code has no scancode_time. WeChat re-opens the page a code names for every hot-start scan of it (a
 * launch with a path reLaunches it: "小程序运行机制"), so a code is new when the entry page was just `opened` with it
 * (a new page instance: cold start, or that reLaunch, even for the same code), or when its scene differs from the
 * last launch's; a re-show, which brings the old query back to the same page, is neither.
 */
export class ScanGate {
  // A parameter property, not a field: babel compiles fields (iOS 13 has none) through @babel/runtime's
  // defineProperty helpers, 0.6 KB that nothing else in the package needs.
  constructor(private last: { q: unknown; time: number | null } | { scene: unknown } | null = null) {}

  /** True, and remembered, when `input` is a scan not handled before. `opened`: read by a new entry page instance. */
  admit(input: LaunchInput, opened?: boolean): boolean {
    if (input.kind === 'none') return false
    const last = this.last
    if (input.kind === 'code') {
      if (!opened && last && 'scene' in last && last.scene === input.scene) return false
      this.last = { scene: input.scene }
      return true
    }
    if (last && 'q' in last) {
      const newer = input.scancodeTime !== null && last.time !== null && input.scancodeTime > last.time
      const older = input.scancodeTime !== null && last.time !== null && input.scancodeTime < last.time
      if (older || (!newer && input.q === last.q)) return false
    }
    this.last = { q: input.q, time: input.scancodeTime }
    return true
  }
}
