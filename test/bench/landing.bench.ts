// Landing cost in the simulator, measured for `npm run bench` (not a test of behaviour: it asserts nothing about
// speed). Cold-starts the built mini program for each scenario several times and records the entry page's
// setData traffic and the time from its onLoad to the navigation call.
import { readFileSync, writeFileSync } from 'fs'
import path from 'path'

import { DEFAULT_DIST, launch, type MiniProgram } from '../sim/harness'
import type { LandingBenchOutput, LandingFigures } from './landing-figures'

const RUNS = Number(process.env.BENCH_RUNS ?? 8)

function firstTicket(): string {
  const rules = JSON.parse(readFileSync(path.join(DEFAULT_DIST, '..', 'rules.json'), 'utf8')) as {
    serviceAccount?: { tickets?: Array<{ url: string }> }
  }
  const url = rules.serviceAccount?.tickets?.[0]?.url
  if (!url) throw new Error('rules.json has no serviceAccount ticket to measure')
  return url
}

const scan = (link: string) => ({ q: encodeURIComponent(link), scancode_time: '1700000000' })

/** The baseline first: the entry page opened without q (the home screen). */
const SCENARIOS: Array<{ scenario: string; query: Record<string, string> }> = [
  { scenario: 'home (no q) — baseline', query: {} },
  { scenario: 'dine-in link', query: scan('https://shop.example.com/s/12/t/5') },
  { scenario: 'ticket link', query: scan(firstTicket()) },
  { scenario: 'malformed q', query: { q: '%E0%A4%A', scancode_time: '1700000000' } },
]

interface Run {
  navigated: boolean
  route?: string
  before: { calls: number; bytes: number; paths: string[] }
  calls: number
  bytes: number
  msToNav: number | null
  msToLastRender: number | null
}

function measure(mp: MiniProgram): Run {
  const entry = mp.history[0]
  const nav = mp.nav.calls.find((call) => call.api !== 'navigateBack')
  const log = entry.setData.log
  const before = nav ? log.filter((call) => call.at < nav.at) : []
  return {
    navigated: nav !== undefined,
    route: nav?.route,
    before: {
      calls: before.length,
      bytes: before.reduce((sum, call) => sum + call.bytes, 0),
      paths: [...new Set(before.flatMap((call) => call.paths))],
    },
    calls: entry.setData.calls,
    bytes: entry.setData.bytes,
    msToNav: nav ? nav.at - entry.loadedAt : null,
    msToLastRender: log.length > 0 ? log[log.length - 1].at - entry.loadedAt : null,
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

const medianOrNull = (values: Array<number | null>) =>
  values.every((v): v is number => v !== null) ? median(values) : null

function summarise(scenario: string, q: string | undefined, runs: Run[]): LandingFigures {
  const worst = runs.reduce((a, b) => (b.before.calls > a.before.calls ? b : a))
  return {
    scenario,
    q,
    runs: runs.length,
    navigated: runs.every((r) => r.navigated),
    route: runs[0].route,
    setDataBeforeNav: worst.before,
    setData: { calls: median(runs.map((r) => r.calls)), bytes: median(runs.map((r) => r.bytes)) },
    msToNav: medianOrNull(runs.map((r) => r.msToNav)),
    msToLastRender: medianOrNull(runs.map((r) => r.msToLastRender)),
  }
}

it('measures the landing cost of each launch scenario', async () => {
  const runs = new Map<string, Run[]>(SCENARIOS.map((s) => [s.scenario, []]))
  // Round-robin, after one warm-up round: drift on a shared machine hits every scenario alike.
  for (let round = -1; round < RUNS; round++) {
    for (const { scenario, query } of SCENARIOS) {
      const mp = await launch({ query, scene: 1011, followNavigation: true })
      await mp.settle()
      if (round >= 0) runs.get(scenario)?.push(measure(mp))
      mp.close()
    }
  }
  const output: LandingBenchOutput = {
    dist: DEFAULT_DIST,
    scenarios: SCENARIOS.map(({ scenario, query }) => summarise(scenario, query.q, runs.get(scenario) ?? [])),
  }
  const out = process.env.BENCH_LANDING_OUT
  if (out) writeFileSync(out, JSON.stringify(output, null, 2))
  else process.stdout.write(`${JSON.stringify(output, null, 2)}\n`)
  expect(output.scenarios).toHaveLength(SCENARIOS.length)
}, 300_000)
