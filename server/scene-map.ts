// The merchant backend's side of service-account tickets: the FULL scene map (the mini program bundles only part
// of it), read from the rule table file and searched with the same core, by the same prefix rules, as
// the app: a link the app could not resolve from its bundle resolves here exactly as it would have there.
import fs from 'node:fs'
import path from 'node:path'
import {
  compileRuleTable,
  lookupTicket,
  type RuleTable,
  type RuleTableFile,
  type TicketEntry,
  type TicketMatch,
} from '../src/landing'

export interface SceneMap {
  /** How many tickets the map holds. */
  readonly size: number
  /**
   * The ticket a scanned link opens (WeChat's prefix rules: a query appended still opens it), or undefined: none does,
   * or it is a temporary code whose expire_time is at or before `now` (UNIX seconds), which lands like an unknown one.
   */
  resolve(link: string, now: number): TicketMatch | undefined
}

/** The project's rule table, which `tickets:create` appends to. */
export const DEFAULT_RULES = path.join(__dirname, '..', 'rules.json')

/** A rule table file as read (`file`) and compiled (`ruleTable`). */
export interface LoadedRuleTable {
  file: RuleTableFile
  ruleTable: RuleTable
}

/** Reads and compiles a rule table file; throws an Error saying what is wrong with the file. */
export function loadRuleTable(file: string = DEFAULT_RULES): LoadedRuleTable {
  const json: unknown = JSON.parse(fs.readFileSync(file, 'utf8'))
  // compileOrThrow accepted it: it has the file's shape.
  return { file: json as RuleTableFile, ruleTable: compileOrThrow(json, file) }
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
  if (!compiled.ok) {
    const first = compiled.problems[0]
    throw new Error(
      `${source}: ${first.pointer || '(whole file)'} ${first.message} (npm run rules:check lists all)`
    )
  }
  return compiled.ruleTable
}
