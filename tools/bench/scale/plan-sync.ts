// Sync planning of 100 000 service-account links (tools/wechat/plan.ts): the file wants 100 000, WeChat has 60 000
// of which 10 000 are stale, so the plan adds 50 000, deletes 10 000 (--prune) and leaves 50 000 alone.
import { planSync, type DesiredState, type RemoteState } from '../../wechat/plan'
import { ticketFile, TICKETS } from '../sections/tickets'
import type { ScaleBench } from './types'

export const planSyncBench: ScaleBench = {
  name: `rules sync plan, ${TICKETS.toLocaleString('en')} service-account links`,
  good: '≤ 10× the floor (linear)',
  async prepare() {
    const appid = 'wx0a1b2c3d4e5f6a7b'
    const urls = (ticketFile(TICKETS).serviceAccount?.tickets ?? []).map((t) => t.url)
    const stale = (ticketFile(10_000, 999).serviceAccount?.tickets ?? []).map((t) => t.url)
    const desired: DesiredState = { rules: [], tickets: { appid, urls } }
    const remote: RemoteState = {
      rules: [],
      pubQuota: 20,
      ticketRules: [
        ...urls.slice(0, 50_000).map((prefix, i) => ({
          prefix,
          path: 'pages/index/index',
          state: (i % 2 ? 2 : 1) as 1 | 2,
        })),
        ...stale.map((prefix) => ({ prefix, path: 'pages/index/index', state: 2 as const })),
      ],
    }
    return {
      run: () => planSync(desired, remote, { prune: true }),
      // The least any plan must do: index the remote links, look up every wanted one, sweep the rest.
      floor: () => {
        const have = new Map((remote.ticketRules ?? []).map((r) => [r.prefix, r]))
        const wanted = new Set(urls)
        let missing = 0
        for (const url of urls) if (!have.has(url)) missing++
        let gone = 0
        for (const r of remote.ticketRules ?? []) if (!wanted.has(r.prefix)) gone++
        return missing + gone
      },
      floorName: 'Map/Set diff floor',
      note: '50 000 adds, 10 000 deletes, 25 000 publishes',
    }
  },
}
