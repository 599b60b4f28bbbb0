// `npm run rules:check [-- --rules FILE]`
// Checks the rule table against WeChat's constraints and the mini program's routing, reporting every problem at once.
// The build and CI run it first, so a table WeChat or the app would refuse never ships.
import { formatReport } from '../lib/check-problem'
import { checkRules, type CheckReport } from '../lib/check-rules'
import { InputError } from '../lib/errors'
import { formatProblems, readRuleJson } from '../lib/rule-file'
import { defineCommand } from '../shell/command'
import { rulesPath } from './common'

const USAGE = `usage: npm run rules:check [-- --rules FILE]

  --rules FILE     the rule table (default: rules.json at the project root)

Problems go to stderr, each with its JSON pointer, what is wrong and a hint; a summary line goes to stdout.
Exit 0: no errors (warnings may be printed); 1: errors; 2: usage error, or the file is unreadable or not JSON.`

export const command = defineCommand({
  usage: USAGE,
  options: { rules: { type: 'string' } },
  run({ values }, io) {
    const read = readRuleJson(rulesPath(io, values.rules))
    if (!read.ok) throw new InputError(formatProblems(io.shown(read.path), read.problems))
    const report = checkRules(read.json)
    const shown = io.shown(read.path)
    io.out(`${shown}: ${count(report.rules, 'rule')}, ${count(report.tickets, 'ticket')}: ${verdict(report)}`)
    if (report.problems.length > 0) io.err(formatReport(shown, report.problems))
    return report.errors > 0 ? 1 : 0
  },
})

function verdict(report: CheckReport): string {
  if (report.problems.length === 0) return 'no problems'
  return `${count(report.errors, 'error')}, ${count(report.warnings, 'warning')}`
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}
