// What test/bench/landing.bench.ts measures and hands to `npm run bench` (as JSON in BENCH_LANDING_OUT).

/** One launch scenario, over several cold starts of the built mini program. */
export interface LandingFigures {
  scenario: string
  /** The launch query's q, as WeChat would pass it (absent for the home screen). */
  q?: string
  runs: number
  /** Every run issued a navigation (redirectTo/navigateTo/reLaunch) from the entry page. */
  navigated: boolean
  /** The page navigated to, when it did. */
  route?: string
  /** setData on the entry page issued before the navigation call: the most of any run (target 0). */
  setDataBeforeNav: { calls: number; bytes: number; paths: string[] }
  /** All setData on the entry page until it settled or was unloaded (median of runs). */
  setData: { calls: number; bytes: number }
  /** Median ms from the entry page's onLoad to the navigation call; null when it did not navigate. */
  msToNav: number | null
  /** Median ms from onLoad to the entry page's last setData (its render settled); null when it never rendered. */
  msToLastRender: number | null
}

export interface LandingBenchOutput {
  dist: string
  scenarios: LandingFigures[]
}
