// Temporary service-account codes in the event push. A push names a scene (EventKey), not a ticket url, while the
// scene map records each temporary code's end by url. So a scene counts as expired when every ticket that carries
// it is a temporary code past its end; a scene a permanent or still-valid code carries, or one no ticket carries (a
// code made outside the tools), routes as before.
import type { RuleTable } from '../../src/landing'

// Per compiled rule table: scene (as a push carries it: a scene_str, or a scene_id's digits) → the latest end of a code
// carrying it (Infinity for a permanent one). Built once per rule table, on the first push.
const latestEnds = new WeakMap<RuleTable, Map<string, number>>()

/** True when only temporary codes that ended at or before `now` (UNIX seconds) carry `scene`. */
export function sceneExpired(ruleTable: RuleTable, scene: string | number, now: number): boolean {
  let ends = latestEnds.get(ruleTable)
  if (!ends) {
    ends = new Map()
    ruleTable.tickets.forEach((ticketScene, url) => {
      const key = String(ticketScene)
      const end = ruleTable.ticketExpiry.get(url) ?? Number.POSITIVE_INFINITY
      ends!.set(key, Math.max(ends!.get(key) ?? 0, end))
    })
    latestEnds.set(ruleTable, ends)
  }
  const end = ends.get(String(scene))
  return end !== undefined && end <= now
}
