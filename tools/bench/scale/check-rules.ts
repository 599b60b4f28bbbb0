// rules:check of a rule file with 100 000 tickets (tools/lib/check-rules.ts), against compiling the same rule table.
import { compileRuleTable } from '../../../src/landing'
import { checkRules } from '../../lib/check-rules'
import { ticketFile, TICKETS } from '../sections/tickets'
import type { ScaleBench } from './types'

export const checkRulesBench: ScaleBench = {
  name: `rules:check, ${TICKETS.toLocaleString('en')} tickets`,
  good: '≤ 10× compiling the rule table',
  async prepare() {
    const file = ticketFile(TICKETS)
    return {
      run: () => checkRules(file),
      floor: () => compileRuleTable(file),
      floorName: 'compileRuleTable',
      note: 'every WeChat constraint, overlaps, and each ticket landed through the core',
    }
  },
}
