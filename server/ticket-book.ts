// The merchant backend's side of service-account tickets: the FULL url → scene table (the mini program bundles
// only part of it), read from the rule table file with the same core the app uses.
import fs from 'node:fs'
import path from 'node:path'
import { compileRuleTable, type CompiledTable } from '../src/landing'

export type TicketBook = ReadonlyMap<string, string | number>

/** The project's rule table, which `tickets:create` appends to. */
export const DEFAULT_RULES = path.join(__dirname, '..', 'rules.json')

/** Loads the tickets of a rule table file; throws an Error saying what is wrong with the file. */
export function loadTicketBook(file: string = DEFAULT_RULES): TicketBook {
  return loadRuleTable(file).tickets
}

/** Loads and compiles a rule table file; throws an Error saying what is wrong with the file. */
export function loadRuleTable(file: string = DEFAULT_RULES): CompiledTable {
  const json: unknown = JSON.parse(fs.readFileSync(file, 'utf8'))
  const compiled = compileRuleTable(json)
  if (!compiled.ok) {
    const first = compiled.problems[0]
    throw new Error(
      `${file}: ${first.pointer || '(whole file)'} ${first.message} (npm run rules:check lists all)`
    )
  }
  return compiled.table
}
