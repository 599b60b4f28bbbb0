// Scan to menu in the simulator, measured for `npm run bench` (not a test of behaviour: it asserts nothing about
// speed). The built mini program, wx.request answered by the real demo backend over HTTP on 127.0.0.1, whose every
// answer leaves L ms late (BENCH_MENU_DELAY_MS, default 150): the time from the entry page's onLoad to the order
// page showing its menu, against L plus the order page's own time from onLoad to its menu with no delay, both
// measured here, cold starts interleaved.
import { writeFileSync } from 'fs'

import { startDemoApi, type RunningDemoApi } from '../../server/app'
import { launch, type MiniProgram, type SimPage } from '../sim/harness'
import { bridgeWxRequest, type Bridge } from '../sim/order-api-bridge'
import type { MenuBenchOutput } from './menu-figures'

const RUNS = Number(process.env.BENCH_RUNS ?? 8)
const DELAY_MS = Number(process.env.BENCH_MENU_DELAY_MS ?? 150)
const ORDER = 'pages/order/index'
const LINK = 'https://shop.example.com/s/12/t/5'
const ORDER_QUERY = { store: '12', table: '5', mode: 'dine-in' }

/** A menu item on the page: the menu is on screen. */
const hasMenu = (page: SimPage) => page.root.querySelector('[class*="menu-list__item"]') !== null

interface Run {
  /** ms from the first page's onLoad to the order page showing its menu. */
  ms: number
  menuRequests: number
}

/** One cold start; `scan`: from the entry page with the printed link, else the order page opened directly. */
async function coldStart(api: RunningDemoApi, scan: boolean): Promise<Run> {
  let bridge: Bridge | undefined
  let menuAt: number | null = null
  const mp: MiniProgram = await launch({
    ...(scan
      ? { query: { q: encodeURIComponent(LINK), scancode_time: '1700000000' }, scene: 1011 }
      : { path: ORDER, query: ORDER_QUERY, scene: 1001 }),
    followNavigation: true,
    requireRendered: false,
    beforeLoad: (app) => {
      bridge = bridgeWxRequest(app, api.url)
    },
    onSetData: (page) => {
      if (menuAt === null && page.route === ORDER && hasMenu(page)) menuAt = performance.now()
    },
  })
  await mp.waitFor(() => menuAt !== null, { timeout: 60_000, what: 'the menu' })
  const first = mp.history[0]
  const run = {
    ms: (menuAt ?? NaN) - first.loadedAt,
    menuRequests: bridge?.requests.filter((r) => r.path === '/api/stores/12/menu').length ?? 0,
  }
  mp.close()
  return run
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

it('measures scan to menu against the server delay plus the order page render', async () => {
  const slow = await startDemoApi({ delayMs: DELAY_MS })
  const fast = await startDemoApi()
  const scans: Run[] = []
  const direct: Run[] = []
  const directSlow: Run[] = []
  try {
    // Round-robin after one warm-up round: drift on a shared machine hits every scenario alike.
    for (let round = -1; round < RUNS; round++) {
      const a = await coldStart(slow, true)
      const b = await coldStart(fast, false)
      const c = await coldStart(slow, false)
      if (round < 0) continue
      scans.push(a)
      direct.push(b)
      directSlow.push(c)
    }
  } finally {
    await slow.close()
    await fast.close()
  }
  const output: MenuBenchOutput = {
    runs: RUNS,
    delayMs: DELAY_MS,
    scanToMenuMs: median(scans.map((r) => r.ms)),
    orderRenderMs: median(direct.map((r) => r.ms)),
    orderWithDelayMs: median(directSlow.map((r) => r.ms)),
    menuRequestsPerScan: Math.max(...scans.map((r) => r.menuRequests)),
  }
  const out = process.env.BENCH_MENU_OUT
  if (out) writeFileSync(out, JSON.stringify(output, null, 2))
  else process.stdout.write(`${JSON.stringify(output, null, 2)}\n`)
  expect(scans).toHaveLength(RUNS)
}, 600_000)
