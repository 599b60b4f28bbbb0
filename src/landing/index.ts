// The landing core: decode, parse, match, route, validate. Pure TypeScript, shared by pages, tools and tests.
export { compileRuleTable, type CompiledTable, type RuleProblem } from './compile-table'
export { decodeQ } from './decode-q'
export { canShowFollow, followOutcome, type FollowOutcome } from './follow'
export { findTicket, type TicketMatch, type TicketShapes } from './find-ticket'
export {
  isTicketLink,
  landContent,
  landInput,
  landQ,
  landTicketScene,
  lookupTicket,
  TICKET_PREFIX,
  type LandingResult,
} from './land'
export { readLaunchQuery, ScanGate, type LaunchInput } from './launch'
export { LANDING_LIMITS, shownInput } from './limits'
export { matchRule, mismatchOf, specificity } from './match-rule'
export { CODE_RULE, CODE_SCENE_MAX, decodeScene, landScene } from './mini-program-code'
export { readOrderContext, type OrderContext } from './order-context'
export { pageUrl } from './page-url'
export { APP_PAGES, ENTRY_PAGE, isPagePath, type PagePath } from './pages'
export { parseLink, type Link } from './parse-link'
export { percentDecode } from './percent'
export {
  fail,
  type LandingError,
  type LandingErrorCode,
  type Mismatch,
  type RuleMiss,
  type Step,
} from './result'
export type { Landing, Params } from './route'
export type {
  MiniProgramCodeEntry,
  ParamSpec,
  RouteEntry,
  RuleEntry,
  RuleTableFile,
  ServiceAccountEntry,
  TicketEntry,
} from './rule-table'
