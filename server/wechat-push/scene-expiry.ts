// Temporary service-account codes in the event push. A push names a scene (EventKey), not a ticket url, while the
// ticket table records each temporary code's end by url. So a scene counts as expired when every ticket that carries
// it is a temporary code past its end; a scene a permanent or still-valid code carries, or one no ticket carries (a
// code made outside the tools), routes as before.
import type { CompiledTable } from '../../src/landing'

// Per compiled table: scene (as a push carries it: a scene_str, or a scene_id's digits) → the latest end of a code
// carrying it (Infinity for a permanent one). Built once per table, on the first push.
const latestEnds = new WeakMap<CompiledTable, Map<string, number>>()

/** True when only temporary codes that ended at or before `now` (UNIX seconds) carry `scene`. */
export function sceneExpired(table: CompiledTable, scene: string | number, now: number): boolean {
  let ends = latestEnds.get(table)
  if (!ends) {
    ends = new Map()
    table.tickets.forEach((ticketScene, url) => {
      const key = String(ticketScene)
      const end = table.ticketExpiry.get(url) ?? Number.POSITIVE_INFINITY
      ends!.set(key, Math.max(ends!.get(key) ?? 0, end))
    })
    latestEnds.set(table, ends)
  }
  const end = ends.get(String(scene))
  return end !== undefined && end <= now
}
