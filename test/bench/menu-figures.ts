// What test/bench/menu.bench.ts measures and hands to `npm run bench` (as JSON in BENCH_MENU_OUT).

export interface MenuBenchOutput {
  runs: number
  /** L: how late the demo backend sent every answer in the timed scenarios. */
  delayMs: number
  /** Median ms from the entry page's onLoad (a scan, backend L ms late) to the order page showing its menu. */
  scanToMenuMs: number
  /** Median ms from the order page's onLoad (opened directly, backend without delay) to its menu: its own render. */
  orderRenderMs: number
  /** Median ms from the order page's onLoad (opened directly, backend L ms late) to its menu. */
  orderWithDelayMs: number
  /** The most menu requests any scan made (one: the request sent with the navigation). */
  menuRequestsPerScan: number
}
