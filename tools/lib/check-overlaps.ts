// Overlapping rules: pairs of rules that some link matches both of. WeChat (and the core's matchRule) picks the most
// specific one, so the broader rule never sees those links. Found through a scheme+host → path index: a link matching
// two rules lies on the longer path, so only rules on that path or on a "/"-ending prefix of it can overlap it.
import { mismatchOf, specificity, type Link } from '../../src/landing'

/** A rule's parsed prefix, with its index in the file and the debug_url links that parsed. */
export interface PrefixEntry {
  index: number
  link: Link
  debugLinks: readonly Link[]
}

/** Two overlapping rules: `specific` wins every link both match, e.g. `example`. */
export interface Overlap {
  specific: number
  broad: number
  /** A link both rules match: one of the broad rule's debug_url when one fits, else one built from the prefixes. */
  example: string
}

/** Every overlapping pair, the more specific rule first. Rules with the same prefix are duplicates, not overlaps. */
export function findOverlaps(entries: readonly PrefixEntry[]): Overlap[] {
  const byOrigin = new Map<string, Map<string, PrefixEntry[]>>()
  for (const e of entries) {
    const origin = originOf(e.link)
    let paths = byOrigin.get(origin)
    if (!paths) byOrigin.set(origin, (paths = new Map()))
    const same = paths.get(e.link.path)
    if (same) same.push(e)
    else paths.set(e.link.path, [e])
  }
  const out: Overlap[] = []
  for (const s of entries) {
    const paths = byOrigin.get(originOf(s.link))
    if (!paths) continue
    for (const path of candidatePaths(s.link.path)) {
      for (const b of paths.get(path) ?? []) {
        if (b === s || !queriesOverlap(s.link.query, b.link.query)) continue
        // Recorded once, from the winner's side; equal specificity here means the same prefix (a duplicate).
        if (specificity(s.link) <= specificity(b.link)) continue
        out.push({ specific: s.index, broad: b.index, example: exampleLink(s, b) })
      }
    }
  }
  return out
}

/** The paths a rule must have to match links on `path`: `path` itself and every prefix of it ending in `/`. */
function candidatePaths(path: string): string[] {
  const out: string[] = []
  for (let i = path.indexOf('/'); i >= 0 && i < path.length - 1; i = path.indexOf('/', i + 1)) {
    out.push(path.slice(0, i + 1))
  }
  out.push(path)
  return out
}

/** Some query matches both: a rule without a query (or with `?` alone) takes any, else one extends the other. */
function queriesOverlap(a: string | null, b: string | null): boolean {
  return !a || !b || a.startsWith(b) || b.startsWith(a)
}

function exampleLink(s: PrefixEntry, b: PrefixEntry): string {
  const shown = b.debugLinks.find((d) => mismatchOf(d, s.link) === null)
  if (shown) return shown.href
  // The longer path (the specific rule's) with the longer query satisfies both rules.
  const a = s.link.query ?? ''
  const q = b.link.query ?? ''
  const query = a.length >= q.length ? a : q
  return `${originOf(s.link)}${s.link.path}${query ? `?${query}` : ''}`
}

function originOf(link: Link): string {
  return `${link.scheme}://${link.host}`
}
