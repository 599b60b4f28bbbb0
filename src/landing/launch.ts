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

/** Reads a launch query (page `onLoad` options, or `getEnterOptionsSync().query`). Never throws. */
export function readLaunchQuery(query: unknown): LaunchInput {
  if (typeof query !== 'object' || query === null || !('q' in query)) return { kind: 'none' }
  const { q, scancode_time: time } = query as { q: unknown; scancode_time?: unknown }
  if (q === undefined || q === '') return { kind: 'none' }
  const scancodeTime = typeof time === 'string' && /^[0-9]{1,12}$/.test(time) ? Number(time) : null
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
