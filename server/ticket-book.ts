// The merchant backend's side of service-account tickets: the FULL url → scene table (the mini program bundles
// only part of it), read from the rule table file and searched with the same core, by the same prefix rules, as
// the app: a link the app could not resolve from its bundle resolves here exactly as it would have there.
import fs from 'node:fs'
import path from 'node:path'
import {
  compileRuleTable,
  lookupTicket,
  type CompiledTable,
  type RuleTableFile,
  type TicketEntry,
  type TicketMatch,
} from '../src/landing'

export interface TicketBook {
  /** How many tickets the book holds. */
  readonly size: number
  /**
   * The ticket a scanned link opens (WeChat's prefix rules: a query appended still opens it), or undefined: none does,
   * or it is a temporary code whose expire_time is at or before `now` (UNIX seconds), which lands like an unknown one.
   */
  resolve(link: string, now: number): TicketMatch | undefined
}

/** The project's rule table, which `tickets:create` appends to. */
export const DEFAULT_RULES = path.join(__dirname, '..', 'rules.json')

/** A rule table file as read (`file`) and compiled (`table`). */
export interface LoadedRuleTable {
  file: RuleTableFile
  table: CompiledTable
}

/** Reads and compiles a rule table file; throws an Error saying what is wrong with the file. */
export function loadRuleTable(file: string = DEFAULT_RULES): LoadedRuleTable {
  const json: unknown = JSON.parse(fs.readFileSync(file, 'utf8'))
  // compileOrThrow accepted it: it has the file's shape.
  return { file: json as RuleTableFile, table: compileOrThrow(json, file) }
}

/** A book of the given tickets; throws an Error saying what is wrong with them. */
export function ticketBook(tickets: readonly TicketEntry[]): TicketBook {
  return ticketBookOf(compileOrThrow({ rules: [], serviceAccount: { appid: '', tickets } }, 'tickets'))
}

/** Loads the tickets of a rule table file; throws an Error saying what is wrong with the file. */
export function loadTicketBook(file: string = DEFAULT_RULES): TicketBook {
  return ticketBookOf(loadRuleTable(file).table)
}

/** The ticket book of a compiled rule table. */
export function ticketBookOf(table: CompiledTable): TicketBook {
  return { size: table.tickets.size, resolve: (link, now) => lookupTicket(link, table, now) }
}

function compileOrThrow(json: unknown, source: string): CompiledTable {
  const compiled = compileRuleTable(json)
  if (!compiled.ok) {
    const first = compiled.problems[0]
    throw new Error(
      `${source}: ${first.pointer || '(whole file)'} ${first.message} (npm run rules:check lists all)`
    )
  }
  return compiled.table
}
