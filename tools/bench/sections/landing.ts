// Landing cost in the simulator: setData traffic and time from the entry page's onLoad to the navigation call,
// per launch scenario, against opening the entry page without q (the home screen) in the same run. The harness
// needs Jest (module registry, spies), so a child `jest` runs test/bench/landing.bench.ts on the bench's build.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { LandingBenchOutput, LandingFigures } from '../../../test/bench/landing-figures'
import { row, type BenchContext, type Row, type Section } from '../report'

const SECTION = 'Landing in the simulator (built mini program, cold start)'

function runLandingBench(ctx: BenchContext, dist: string): LandingBenchOutput {
  const dir = mkdtempSync(join(tmpdir(), 'bench-landing-'))
  const out = join(dir, 'landing.json')
  try {
    const jest = require.resolve('jest/bin/jest', { paths: [ctx.root] })
    const child = spawnSync(
      process.execPath,
      [jest, '--config', join(ctx.root, 'test', 'bench', 'jest.config.js'), '--silent'],
      {
        cwd: ctx.root,
        env: { ...process.env, SIM_DIST: dist, BENCH_LANDING_OUT: out },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      }
    )
    if (child.status !== 0) {
      throw new Error(`the landing bench (jest) failed:\n${`${child.stdout}${child.stderr}`.slice(-4000)}`)
    }
    return JSON.parse(readFileSync(out, 'utf8')) as LandingBenchOutput
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

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
    const output = runLandingBench(ctx, project.dist)
    const [home, ...scans] = output.scenarios
    return [...rowsFor(home, home), ...scans.flatMap((s) => rowsFor(s, home))]
  },
}
