// The merchant backend's side of service-account tickets: the FULL scene map (the mini program bundles only part
// of it), from the rule table server/rule-file.ts loads, searched with the same core, by the same prefix rules, as
// the app: a link the app could not resolve from its bundle resolves here exactly as it would have there.
import {
  compileRuleTable,
  lookupTicket,
  type RuleTable,
  type TicketEntry,
  type TicketMatch,
} from '../src/landing'
import { firstProblem } from './rule-file'

export interface SceneMap {
  /** How many tickets the map holds. */
  readonly size: number
  /**
   * The ticket a scanned link opens (WeChat's prefix rules: a query appended still opens it), or undefined: none does,
   * or it is a temporary code whose expire_time is at or before `now` (UNIX seconds), which lands like an unknown one.
   */
  resolve(link: string, now: number): TicketMatch | undefined
}

/** The scene map of the given tickets; throws an Error saying what is wrong with them. */
export function ticketSceneMap(tickets: readonly TicketEntry[]): SceneMap {
  return sceneMapOf(compileOrThrow({ rules: [], serviceAccount: { appid: '', tickets } }, 'tickets'))
}

/** The scene map of a compiled rule table. */
export function sceneMapOf(ruleTable: RuleTable): SceneMap {
  return { size: ruleTable.tickets.size, resolve: (link, now) => lookupTicket(link, ruleTable, now) }
}

function compileOrThrow(json: unknown, source: string): RuleTable {
  const compiled = compileRuleTable(json)
  if (!compiled.ok) throw new Error(firstProblem(source, compiled.problems))
  return compiled.ruleTable
}
