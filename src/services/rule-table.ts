import { compileRuleTable, type CompiledTable } from '../landing'
import ruleFile from '../../rules.json'

let compiled: CompiledTable | null = null

/** The project's rule table, compiled on first use (not at start-up: only landing needs it). */
export function getRuleTable(): CompiledTable {
  if (!compiled) {
    const result = compileRuleTable(ruleFile)
    // rules:check and the tests refuse a broken table long before a customer could meet one.
    if (!result.ok)
      throw new Error(
        `rules.json is invalid: ${result.problems.map((p) => `${p.pointer} ${p.message}`).join('; ')}`
      )
    compiled = result.table
  }
  return compiled
}
