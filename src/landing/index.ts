// The landing core: decode, parse, match, route, validate. Pure TypeScript, shared by pages, tools and tests.
export { compileRuleTable, type RuleTable, type RuleProblem } from './compile-rule-table'
export { decodeQ } from './decode-q'
export { canShowFollow, followReaction, type FollowReaction } from './follow'
export { findTicket, type TicketMatch, type TicketShapes } from './find-ticket'
export {
  isTicketLink,
  landCodePath,
  landContent,
  landInput,
  landQ,
  landScene,
  landTicketScene,
  lookupTicket,
  TICKET_PREFIX,
  type LandingResult,
} from './land'
export { isAppId, isObject, isWhole, pointerKey } from './json-value'
export { readLaunchQuery, ScanGate, type LaunchInput } from './launch'
export { LANDING_LIMITS, shownInput } from './limits'
export { matchRule, mismatchOf, specificity } from './match-rule'
export { CODE_RULE, CODE_SCENE_MAX, decodeScene } from './mini-program-code'
export { readOrderContext, type OrderContext, type OrderInput } from './order-context'
export {
  ORDER_ID_PARAM,
  PAGE_INPUTS,
  readPageInput,
  STORE_ID_PARAM,
  TABLE_NAME_PARAM,
  type InputPage,
  type PageInput,
  type PageParams,
  type PageWay,
} from './page-inputs'
export { pageUrl } from './page-url'
export { APP_PAGES, ENTRY_PAGE, isPagePath, type PagePath } from './pages'
export { anchoredPattern, paramValue, type PageParamSpec } from './param-value'
export { parseLink, type Link } from './parse-link'
export { percentDecode } from './percent'
export {
  fail,
  type LandingError,
  type LandingErrorCode,
  type Mismatch,
  type RuleMiss,
  type Result,
  type Why,
} from './result'
export type { Destination, Params } from './route'
export type {
  MiniProgramCodeEntry,
  ParamSpec,
  RouteEntry,
  RuleEntry,
  RuleTableFile,
  ServiceAccountEntry,
  TicketEntry,
} from './rule-table-file'
