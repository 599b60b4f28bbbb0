import type { BenchContext } from '../report'

/** A tool measured at WeChat's scale, against the linear floor of the same job on the same data. */
export interface ScaleBench {
  /** The report's figure name. */
  name: string
  /** What good looks like against the floor. */
  good: string
  /**
   * Prepares the data and returns the job and its floor, or why the tool cannot be measured (not written yet).
   * Adding a row to the report is adding one module like ./plan-sync.ts to ./index.ts.
   */
  prepare(ctx: BenchContext): Promise<ScaleJob | { unavailable: string }>
}

export interface ScaleJob {
  run: () => unknown
  floor: () => unknown
  floorName: string
  note?: string
}
