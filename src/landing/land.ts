import type { RuleTable } from './compile-rule-table'
import { decodeQ } from './decode-q'
import { findTicket, TICKET_ORIGIN, type TicketMatch } from './find-ticket'
import type { LaunchInput } from './launch'
import { shownInput } from './limits'
import { matchRule } from './match-rule'
import { CODE_RULE, decodeScene } from './mini-program-code'
import { ENTRY_PAGE } from './pages'
import { parseLink, type Link } from './parse-link'
import { fail, type LandingError } from './result'
import { parsePairs, routeLink, routeScene, type Destination } from './route'

/** Where a scan lands: a page with validated params, or why it cannot (shown on the error state). */
export type LandingResult = ({ ok: true } & Destination) | LandingError

/** Service-account parameter QR codes all live under this prefix; their scene is in our scene map only. */
export const TICKET_PREFIX = `${TICKET_ORIGIN}/q/`

// `now`, where a function takes it, is the current time in UNIX seconds: a temporary ticket whose expire_time is at or
// before it lands like an unknown one. Left out, expiry is not judged: only for tools that judge it apart
// (rules:check lands every ticket and warns about the expired ones itself).

/** Lands what the entry page was opened with: a scanned link (`q`) or a mini program code's `scene`. Never throws. */
export function landInput(
  input: Exclude<LaunchInput, { kind: 'none' }>,
  ruleTable: RuleTable,
  now: number
): LandingResult {
  return input.kind === 'code' ? landScene(input.scene, ruleTable) : landQ(input.q, ruleTable, now)
}

/** Lands a mini program code's `scene` option through the rule table's `miniProgramCode` routes. Never throws. */
export function landScene(scene: unknown, ruleTable: RuleTable): LandingResult {
  const decoded = decodeScene(scene)
  if (!decoded.ok) return decoded
  // Without a miniProgramCode section no route takes a code: routeScene says no-route.
  return settle(routeScene(ruleTable.codeRoutes || [], CODE_RULE, parsePairs(decoded.value)), decoded.value)
}

/**
 * Lands a mini program code of this app scanned inside it: `scanCode` answers with the code's `path`
 * (`pages/index/index?scene=…`), its scene URL-encoded on iOS and as it is on Android (wechat-facts §1; WeChat's
 * community: developers.weixin.qq.com/community/develop/doc/000ce619f0cba888288c194af51000). A scene never holds
 * `%` (wxacode.getUnlimited refuses it), so both forms land through landScene, whose single decode leaves the plain
 * one unchanged. Never throws.
 */
export function landCodePath(path: unknown, ruleTable: RuleTable): LandingResult {
  const text = typeof path === 'string' ? path : ''
  const q = text.indexOf('?')
  const page = (q < 0 ? text : text.slice(0, q)).replace(/^\//, '')
  if (page !== ENTRY_PAGE) {
    return fail('no-route', { is: 'code-page', page: shownInput(page) }, { input: shownInput(text) })
  }
  const query = q < 0 ? '' : text.slice(q + 1)
  const key = /(?:^|&)scene=/.exec(query)
  if (!key) return fail('malformed-scene', { is: 'scene-malformed' }, { input: shownInput(text) })
  // The code's query is `scene=<scene>` alone; Android leaves `&` and `=` of the scene unencoded, so all after the
  // key is the scene, unless it is encoded (iOS), when a later `&` would start another key.
  const rest = query.slice(key.index + key[0].length)
  const amp = rest.indexOf('&')
  return landScene(rest.includes('%') && amp >= 0 ? rest.slice(0, amp) : rest, ruleTable)
}

/** Lands the `q` launch option (WeChat's URL-encoded link). Never throws. */
export function landQ(q: unknown, ruleTable: RuleTable, now?: number): LandingResult {
  const decoded = decodeQ(q)
  return decoded.ok ? landContent(decoded.value, ruleTable, now) : decoded
}

/** Lands raw QR content (a link): from a decoded `q`, or from an in-app `scanCode` result. Never throws. */
export function landContent(content: string, ruleTable: RuleTable, now?: number): LandingResult {
  const parsed = parseLink(content)
  if (!parsed.ok) return parsed
  const link = parsed.value
  if (isTicketLink(link)) return landTicket(link, ruleTable, now)
  const matched = matchRule(link, ruleTable.rules)
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

function landTicket(link: Link, ruleTable: RuleTable, now: number | undefined): LandingResult {
  const found = findTicket(link, ruleTable.tickets, ruleTable.ticketShapes)
  const end = found && endedAt(found.url, ruleTable, now)
  // No `ticket` to ask the merchant backend about: an expired code never comes back (its url is never reissued).
  if (end)
    return fail(
      'unknown-ticket',
      { is: 'ticket-expired', end },
      { input: shownInput(link.href), rule: found.url }
    )
  if (found) return landTicketScene(found.url, found.scene, ruleTable)
  // WeChat issues ticket urls as http://weixin.qq.com/q/<ticket>; the link in that canonical form (query kept, so
  // the merchant backend can apply the same prefix rules) lets the page ask the backend: the bundled scene map holds
  // only part of a large one.
  const url = `${TICKET_PREFIX}${link.path.slice(3)}${link.query === null ? '' : `?${link.query}`}`
  return fail('unknown-ticket', { is: 'no-ticket' }, { input: shownInput(link.href), ticket: url })
}

/**
 * The ticket a link opens, by WeChat's prefix rules (most specific wins), or undefined: none opens it, or (with `now`)
 * it is a temporary code that has expired. Never throws.
 */
export function lookupTicket(content: string, ruleTable: RuleTable, now?: number): TicketMatch | undefined {
  const parsed = parseLink(content)
  const found =
    parsed.ok && isTicketLink(parsed.value)
      ? findTicket(parsed.value, ruleTable.tickets, ruleTable.ticketShapes)
      : undefined
  return found && !endedAt(found.url, ruleTable, now) ? found : undefined
}

/** The end of `url` when it is a temporary ticket whose end (UNIX seconds, never 0) is at or before `now`. */
function endedAt(url: string, ruleTable: RuleTable, now: number | undefined): number | undefined {
  const end = ruleTable.ticketExpiry.get(url)
  return now !== undefined && end !== undefined && end <= now ? end : undefined
}

/** Routes a ticket by its scene: from the bundled scene map, or as the merchant backend resolved it. */
export function landTicketScene(url: string, scene: string | number, ruleTable: RuleTable): LandingResult {
  const sceneText = typeof scene === 'number' ? ruleTable.sceneIds.get(String(scene)) : scene
  // A numeric scene (scene_id) that sceneIds does not map: only numbers miss here.
  if (sceneText === undefined)
    return fail('no-route', { is: 'scene-id', scene: scene as number }, { rule: url })
  return settle(routeScene(ruleTable.sceneRoutes, url, parsePairs(sceneText)), url)
}

function settle(routed: ReturnType<typeof routeLink>, content: string): LandingResult {
  return routed.ok ? { ok: true, ...routed.value } : { ...routed, input: shownInput(content) }
}
