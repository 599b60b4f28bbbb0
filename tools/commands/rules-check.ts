// `npm run rules:check [-- --rules FILE]`
// Checks the rule table against WeChat's constraints and the mini program's routing, reporting every problem at once.
// The build and CI run it first, so a table WeChat or the app would refuse never ships.
import { parseArgs } from 'node:util'

import type { CheckProblem } from './lib/check-problem'
import { checkRules, type CheckReport } from './lib/check-rules'
import { formatProblems, readRuleJson, resolveRulesPath, shownPath } from './lib/rule-file'

const USAGE = `usage: npm run rules:check [-- --rules FILE]

  --rules FILE     the rule table (default: rules.json at the project root)

Problems go to stderr, each with its JSON pointer, what is wrong and a hint; a summary line goes to stdout.
Exit 0: no errors (warnings may be printed); 1: errors; 2: usage error, or the file is unreadable or not JSON.`

/** What the process prints and its exit status. */
export interface CheckOutcome {
  status: 0 | 1 | 2
  stdout: string
  stderr: string
}

/** Runs rules:check on `argv` (without node and the script). Never throws. */
export function rulesCheck(argv: string[]): CheckOutcome {
  let values: { rules?: string; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: { rules: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }))
  } catch (e) {
    return { status: 2, stdout: '', stderr: `rules:check: ${(e as Error).message}\n\n${USAGE}\n` }
  }
  if (values.help) return { status: 0, stdout: `${USAGE}\n`, stderr: '' }
  const read = readRuleJson(resolveRulesPath(values.rules))
  if (!read.ok) {
    return { status: 2, stdout: '', stderr: `rules:check: ${formatProblems(read.path, read.problems)}\n` }
  }
  const report = checkRules(read.json)
  const shown = shownPath(read.path)
  const summary = `${shown}: ${count(report.rules, 'rule')}, ${count(report.tickets, 'ticket')}: ${verdict(report)}\n`
  return {
    status: report.errors > 0 ? 1 : 0,
    stdout: summary,
    stderr: report.problems.length > 0 ? `${formatReport(shown, report.problems)}\n` : '',
  }
}

/** Problems as lines: `error|warning <pointer>: <message>` and an indented hint, errors first. */
export function formatReport(shown: string, problems: readonly CheckProblem[]): string {
  const ordered = [
    ...problems.filter((p) => p.severity === 'error'),
    ...problems.filter((p) => p.severity === 'warning'),
  ]
  const lines = [`rules:check ${shown}:`]
  for (const p of ordered) {
    lines.push(
      `  ${p.severity} ${p.pointer === '' ? '(whole file)' : p.pointer}: ${p.message}`,
      `    hint: ${p.hint}`
    )
  }
  return lines.join('\n')
}

function verdict(report: CheckReport): string {
  if (report.problems.length === 0) return 'no problems'
  return `${count(report.errors, 'error')}, ${count(report.warnings, 'warning')}`
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`
}

if (require.main === module) {
  const { status, stdout, stderr } = rulesCheck(process.argv.slice(2))
  process.stdout.write(stdout)
  process.stderr.write(stderr)
  // exitCode, not exit(): let the pipes drain (a large report is many lines).
  process.exitCode = status
}
