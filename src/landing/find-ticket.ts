import type { Link } from './parse-link'

/**
 * Service-account ticket urls are jump rules at WeChat like any prefix (wechat-facts §2): a link opens the mini
 * program when its path equals a ticket's path (or lies under one ending in `/`) and the ticket's query is a string
 * prefix of the link's; the most specific ticket wins. So `http://weixin.qq.com/q/02ab?x=1` is ticket
 * `http://weixin.qq.com/q/02ab`.
 */
export const TICKET_ORIGIN = 'http://weixin.qq.com'

/** The lengths of path and query that occur among the ticket urls: the only prefixes worth looking up. */
export interface TicketShapes {
  /** Lengths of ticket paths that end in `/` (they also take sub-paths), longest first. */
  dirPaths: number[]
  /** Lengths of ticket queries, longest first; `-1` for a url without `?`, which takes any query. */
  queries: number[]
}

/** A ticket a link opens: its url as registered, and its scene. */
export interface TicketMatch {
  url: string
  scene: string | number
}

/**
 * The shapes of a scene map's ticket urls. A url that is not canonical (another origin, a `#`) adds lengths that find
 * nothing: harmless, and rules:check reports such a ticket.
 */
export function ticketShapes(tickets: ReadonlyMap<string, unknown>): TicketShapes {
  const dirPaths = new Set<number>()
  const queries = new Set<number>()
  let noQuery = false
  tickets.forEach((_scene, url) => {
    const mark = url.indexOf('?')
    const pathEnd = mark < 0 ? url.length : mark
    if (url[pathEnd - 1] === '/') dirPaths.add(pathEnd - TICKET_ORIGIN.length)
    // qrcode/create's urls have no query: one flag, not a Set insert per ticket (100 000 of them).
    if (mark < 0) noQuery = true
    else queries.add(url.length - mark - 1)
  })
  if (noQuery) queries.add(-1)
  const desc = (a: number, b: number) => b - a
  return { dirPaths: Array.from(dirPaths).sort(desc), queries: Array.from(queries).sort(desc) }
}

/**
 * The most specific ticket that `link` (a ticket link, any scheme) opens, or `undefined`. Looks up only candidate
 * urls the scene map's shapes allow — the link's own path, then its `/`-ended prefixes of a ticket path's length, each
 * with query prefixes of a ticket query's length — so a scene map of 100 000 tickets costs a few Map lookups, not a scan.
 */
export function findTicket(
  link: Link,
  tickets: ReadonlyMap<string, string | number>,
  shapes: TicketShapes
): TicketMatch | undefined {
  const { path, query } = link
  // Index loops, not for…of: the package's ES5 output turns each for…of into an iterator helper.
  const paths = [path]
  for (let i = 0; i < shapes.dirPaths.length; i++) {
    const length = shapes.dirPaths[i]
    if (length < path.length && path[length - 1] === '/') paths.push(path.slice(0, length))
  }
  // A link written exactly as WeChat issues its urls is itself the first candidate: looking it up as given spares
  // building a copy (and, when the scene map was built from the same strings, hashing it again).
  const exact = link.href.length === TICKET_ORIGIN.length + path.length && link.href.startsWith(TICKET_ORIGIN)
  for (let p = 0; p < paths.length; p++) {
    const base = p === 0 && exact ? link.href : TICKET_ORIGIN + paths[p]
    for (let q = 0; q < shapes.queries.length; q++) {
      const length = shapes.queries[q]
      let url: string
      if (length < 0) url = base
      else if (length === 0) url = `${base}?`
      else if (query !== null && query.length >= length) url = `${base}?${query.slice(0, length)}`
      else continue
      const scene = tickets.get(url)
      if (scene !== undefined) return { url, scene }
    }
  }
  return undefined
}
