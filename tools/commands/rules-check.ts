// `npm run rules:check [-- --rules FILE]`
// Checks the rule table against WeChat's constraints and the mini program's routing, reporting every problem at once.
// The build and CI run it first, so a rule table WeChat or the app would refuse never ships.
import { existsSync } from 'node:fs'

import { readRuleJson } from '../../server/rule-file'
import { formatReport } from '../lib/check-problem'
import { checkRules, type CheckReport } from '../lib/check-rules'
import { InputError } from '../lib/errors'
import { count } from '../lib/plural'
import { formatProblems } from '../lib/rule-file'
import { defineCommand } from '../shell/command'
import { apiBaseFromEnv } from '../wechat/credentials'
import { JumpLedger, jumpLedgerBeside } from '../wechat/jump-ledger'
import { rulesPath } from './common'

const USAGE = `usage: npm run rules:check [-- --rules FILE]

  --rules FILE     the rule table (default: rules.json at the project root)

Warns about expired temporary codes, and about WeChat's lifetime budget of service-account links as the
jump ledger beside the file counts it (<rules>.jump-ledger.json; WECHAT_API_BASE picks the entry).
Problems go to stderr, each with its JSON pointer, what is wrong and a hint; a summary line goes to stdout.
Exit 0: no errors (warnings may be printed); 1: errors; 2: usage error, or the file is unreadable or not JSON.`

export const command = defineCommand({
  usage: USAGE,
  options: { rules: { type: 'string' } },
  run({ values }, io) {
    const read = readRuleJson(rulesPath(io, values.rules))
    if (!read.ok) throw new InputError(formatProblems(io.shown(read.path), read.problems))
    const report = checkRules(read.json, {
      now: Math.floor(Date.now() / 1000),
      jumpAddsSpent: ledgerCount(read.path, read.json, io.env),
    })
    const shown = io.shown(read.path)
    io.out(`${shown}: ${count(report.rules, 'rule')}, ${count(report.tickets, 'ticket')}: ${verdict(report)}`)
    if (report.problems.length > 0) io.err(formatReport(shown, report.problems))
    return report.errors > 0 ? 1 : 0
  },
})

/** The jump ledger's count for the file's mini program, when there is a ledger beside the file. */
function ledgerCount(path: string, json: unknown, env: Readonly<Record<string, string | undefined>>) {
  const appid = (json as { serviceAccount?: { appid?: unknown } } | null)?.serviceAccount?.appid
  const ledgerPath = jumpLedgerBeside(path)
  if (typeof appid !== 'string' || !existsSync(ledgerPath)) return undefined
  return new JumpLedger(ledgerPath, appid, apiBaseFromEnv(env)).spent()
}

function verdict(report: CheckReport): string {
  if (report.problems.length === 0) return 'no problems'
  return `${count(report.errors, 'error')}, ${count(report.warnings, 'warning')}`
}
