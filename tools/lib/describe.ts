// Words for people, shared by scan --pretty, rules:check, the DevTools conditions and the QR sheet, so each idea is
// said the same way everywhere: where a scan lands, why a rule did not match, which version a rule opens.
import type { LandingError, LandingErrorCode, LandingResult, Mismatch, Params } from '../../src/landing'
import { explainError } from '../../src/landing/explain'

/** The seed-004 error table in words: why a rule did not match a link. */
export const MISMATCH_WORDS: Record<Mismatch, string> = {
  protocol: "the protocol differs from the rule's (http, https and ftp never match each other)",
  host: "the host differs from the rule's (domain and port must be equal)",
  path: "the path differs: it must equal the rule's path, or lie under it when the rule's path ends with '/'",
  query: "the query does not start with the rule's query",
}

/** `open_version` in words: which version a tester scanning a debug_url opens. */
export const OPEN_VERSION_WORDS: Record<number, string> = { 1: 'develop', 2: 'trial', 3: 'release' }

/** Params as `store=12 table=5` (declaration order), or `no params`. */
export function describeParams(params: Params): string {
  const pairs = Object.entries(params).map(([k, v]) => `${k}=${v}`)
  return pairs.length === 0 ? 'no params' : pairs.join(' ')
}

/** Where a scan lands in one line: `pages/order/index store=12 table=5`, or `error page: no-route`. */
export function describeLanding(result: LandingResult): string {
  return result.ok ? `${result.page} ${describeParams(result.params)}` : `error page: ${result.code}`
}

// The core's hints speak to customers ("scan again"); a developer fixing the rule file needs these.
const LANDING_HINTS: Partial<Record<LandingErrorCode, string>> = {
  'no-route':
    'Add a route whose path pattern fits the link; for a ticket, a route whose params its scene carries ' +
    '(a numeric scene_id must be mapped in sceneIds).',
  'invalid-param':
    "Fix the link or scene, or the route's param declarations, so every param passes its type.",
  'unknown-ticket': 'Write the ticket url exactly as qrcode/create returned it (http://weixin.qq.com/q/…).',
}

/** What a developer can do about a landing error. */
export function landingHint(result: LandingError): string {
  return LANDING_HINTS[result.code] ?? explainError(result).hint
}
