// Scan to menu in the simulator (issue 13 §2): the built mini program with the real demo backend over HTTP, every
// answer L ms late. The time from the entry page's onLoad to the order page showing its menu, against L plus the
// order page's own onLoad → menu measured in the same run (backend without delay): the page switch should hide
// inside the request. A child `jest` runs test/bench/menu.bench.ts on the bench's build.
import type { MenuBenchOutput } from '../../../test/bench/menu-figures'
import { row, type Section } from '../report'
import { runSimBench } from '../sim-bench'

const SECTION = 'Scan to menu in the simulator (real demo backend over HTTP, server delay L)'

export const menuSection: Section = {
  id: 'menu',
  title: SECTION,
  async run(ctx) {
    const { project } = await ctx.builds()
    ctx.log('measuring scan → menu in miniprogram-simulate with a delayed backend (child jest)…')
    const m = runSimBench<MenuBenchOutput>(ctx, project.dist, 'menu.bench.ts', 'BENCH_MENU_OUT')
    const baseline = {
      name: `L + order page render (${m.delayMs} + ${m.orderRenderMs.toFixed(0)} ms)`,
      value: m.delayMs + m.orderRenderMs,
      unit: 'ms' as const,
    }
    const runs = `median of ${m.runs} cold starts`
    return [
      row({
        section: SECTION,
        name: 'scan → menu shown (entry onLoad → order page menu)',
        value: m.scanToMenuMs,
        unit: 'ms',
        baseline,
        good: '≤ 1.2× (the page switch hides inside the request)',
        note: `${runs}; the menu request leaves with redirectTo`,
      }),
      row({
        section: SECTION,
        name: 'order page opened directly: onLoad → menu, server L late',
        value: m.orderWithDelayMs,
        unit: 'ms',
        baseline,
        good: '≈ 1× (what the request costs a page that asks on load)',
        note: runs,
      }),
      row({
        section: SECTION,
        name: 'order page render: onLoad → menu, no delay',
        value: m.orderRenderMs,
        unit: 'ms',
        note: `${runs}; the baseline's render part`,
      }),
      row({
        section: SECTION,
        name: 'menu requests per scan',
        value: m.menuRequestsPerScan,
        unit: 'count',
        good: '1 (never two)',
        note: 'the most of any run',
      }),
    ]
  },
}
