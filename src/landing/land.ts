import type { CompiledTable } from './compile-table'
import { decodeQ } from './decode-q'
import { findTicket, TICKET_ORIGIN, type TicketMatch } from './find-ticket'
import { shownInput } from './limits'
import { matchRule } from './match-rule'
import { parseLink, type Link } from './parse-link'
import { fail, type LandingError } from './result'
import { parsePairs, routeLink, routeScene, type Landing } from './route'

/** Where a scan lands: a page with validated params, or why it cannot (shown on the error state). */
export type LandingResult = ({ ok: true } & Landing) | LandingError

/** Service-account parameter QR codes all live under this prefix; their scene is in our ticket table only. */
export const TICKET_PREFIX = `${TICKET_ORIGIN}/q/`

/** Lands the `q` launch option (WeChat's URL-encoded link). Never throws. */
export function landQ(q: unknown, table: CompiledTable): LandingResult {
  const decoded = decodeQ(q)
  return decoded.ok ? landContent(decoded.value, table) : decoded
}

/** Lands raw QR content (a link): from a decoded `q`, or from an in-app `scanCode` result. Never throws. */
export function landContent(content: string, table: CompiledTable): LandingResult {
  const parsed = parseLink(content)
  if (!parsed.ok) return parsed
  const link = parsed.value
  if (isTicketLink(link)) return landTicket(link, table)
  const matched = matchRule(link, table.rules)
  if (!matched.ok) {
    return fail(
      'no-matching-rule',
      { is: 'no-rule' },
      { explain: matched.explain, input: shownInput(content) }
    )
  }
  return settle(routeLink(matched.rule, link.path, parsePairs(link.query)), content)
}

/** True for `http(s)://weixin.qq.com/q/…` links (service-account parameter QR codes). */
export function isTicketLink(link: Link): boolean {
  return (
    (link.scheme === 'http' || link.scheme === 'https') &&
    link.host === 'weixin.qq.com' &&
    link.path.startsWith('/q/')
  )
}

function landTicket(link: Link, table: CompiledTable): LandingResult {
  const found = findTicket(link, table.tickets, table.ticketShapes)
  if (found) return landTicketScene(found.url, found.scene, table)
  // WeChat issues ticket urls as http://weixin.qq.com/q/<ticket>; the link in that canonical form (query kept, so
  // the merchant backend can apply the same prefix rules) lets the page ask the backend: the bundled table holds
  // only part of a large one.
  const url = `${TICKET_PREFIX}${link.path.slice(3)}${link.query === null ? '' : `?${link.query}`}`
  return fail('unknown-ticket', { is: 'no-ticket' }, { input: shownInput(link.href), ticket: url })
}

/** The ticket a link opens, by WeChat's prefix rules (most specific wins), or undefined. Never throws. */
export function lookupTicket(content: string, table: CompiledTable): TicketMatch | undefined {
  const parsed = parseLink(content)
  return parsed.ok && isTicketLink(parsed.value)
    ? findTicket(parsed.value, table.tickets, table.ticketShapes)
    : undefined
}

/** Routes a ticket by its scene: from the bundled ticket table, or as the merchant backend resolved it. */
export function landTicketScene(url: string, scene: string | number, table: CompiledTable): LandingResult {
  const sceneText = typeof scene === 'number' ? table.sceneIds.get(String(scene)) : scene
  // A numeric scene (scene_id) that sceneIds does not map: only numbers miss here.
  if (sceneText === undefined)
    return fail('no-route', { is: 'scene-id', scene: scene as number }, { rule: url })
  return settle(routeScene(table.sceneRoutes, url, parsePairs(sceneText)), url)
}

function settle(step: ReturnType<typeof routeLink>, content: string): LandingResult {
  return step.ok ? { ok: true, ...step.value } : { ...step, input: shownInput(content) }
}
