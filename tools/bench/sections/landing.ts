// Landing cost in the simulator: setData traffic and time from the entry page's onLoad to the navigation call,
// per launch scenario, against opening the entry page without q (the home screen) in the same run. The harness
// needs Jest (module registry, spies), so a child `jest` runs test/bench/landing.bench.ts on the bench's build.
import type { LandingBenchOutput, LandingFigures } from '../../../test/bench/landing-figures'
import { row, type Row, type Section } from '../report'
import { runSimBench } from '../sim-bench'

const SECTION = 'Landing in the simulator (built mini program, cold start)'

function rowsFor(s: LandingFigures, home: LandingFigures): Row[] {
  const name = (what: string) => `${s.scenario}: ${what}`
  const rows: Row[] = []
  if (s !== home) {
    rows.push(
      row({
        section: SECTION,
        name: name('setData before navigation'),
        value: s.navigated ? s.setDataBeforeNav.calls : null,
        unit: 'calls',
        good: '0',
        note: s.navigated
          ? s.setDataBeforeNav.calls > 0
            ? `${s.setDataBeforeNav.bytes} B to ${s.setDataBeforeNav.paths.join(', ')}`
            : `→ ${s.route}`
          : 'no navigation: shows the error state',
      })
    )
  }
  rows.push(
    row({
      section: SECTION,
      name: name('setData on the entry page'),
      value: s.setData.calls,
      unit: 'calls',
      baseline: s === home ? undefined : { name: 'home', value: home.setData.calls, unit: 'calls' },
      good: s === home ? '' : s.navigated ? '0 (nothing rendered on a page being left)' : '≤ 2× home',
      note: s.navigated && s.setData.calls > 0 ? 'rendered after the navigation call' : undefined,
    }),
    row({
      section: SECTION,
      name: name('setData payload'),
      value: s.setData.bytes,
      unit: 'bytes',
      baseline: s === home ? undefined : { name: 'home', value: home.setData.bytes, unit: 'bytes' },
    })
  )
  if (s.navigated) {
    rows.push(
      row({
        section: SECTION,
        name: name('onLoad → navigation call'),
        value: s.msToNav,
        unit: 'ms',
        baseline:
          home.msToLastRender === null
            ? undefined
            : { name: 'home onLoad → rendered', value: home.msToLastRender, unit: 'ms' },
        good: '≤ 1× (lands before a home screen would render)',
        note: `median of ${s.runs} cold starts`,
      })
    )
  } else {
    rows.push(
      row({
        section: SECTION,
        name: name('onLoad → last setData (rendered)'),
        value: s.msToLastRender,
        unit: 'ms',
        baseline:
          s === home || home.msToLastRender === null
            ? undefined
            : { name: 'home', value: home.msToLastRender, unit: 'ms' },
        good: s === home ? '' : '≤ 2× home',
        note: `median of ${s.runs} cold starts`,
      })
    )
  }
  return rows
}

export const landingSection: Section = {
  id: 'landing',
  title: SECTION,
  async run(ctx) {
    const { project } = await ctx.builds()
    ctx.log('measuring landing in miniprogram-simulate (child jest)…')
    const output = runSimBench<LandingBenchOutput>(ctx, project.dist, 'landing.bench.ts', 'BENCH_LANDING_OUT')
    const [home, ...scans] = output.scenarios
    return [...rowsFor(home, home), ...scans.flatMap((s) => rowsFor(s, home))]
  },
}
