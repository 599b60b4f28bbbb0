import type { RuleTable } from '../landing'
// Not the file as written: config/rule-table-loader.js compiles rules.json at build time with the landing core and
// emits the compiled rule table (a broken one stops the build), so the package carries no compiler and no messages.
import compiled from '../../rules.json'

/** The project's rule table, compiled at build time. */
export function getRuleTable(): RuleTable {
  return compiled as unknown as RuleTable
}
