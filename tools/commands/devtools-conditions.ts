// `npm run devtools:conditions [-- --config FILE] [--rules FILE]`
// Writes WeChat DevTools compile conditions that simulate scanning every debug_url and ticket of the rule table, so
// a developer picks "[scan] … → where it should land" from the condition menu instead of typing encoded queries.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'

import { writeFileAtomic } from './wechat/atomic-file'
import { mergeConditions } from './lib/devtools-config'
import { formatProblems, loadRuleFile, resolveRulesPath, resolveUserPath, shownPath } from './lib/rule-file'
import { CONDITION_MARK, scanConditions, TICKET_CAP } from './lib/scan-conditions'

/** DevTools' per-developer settings file (gitignored), beside project.config.json. */
export const DEFAULT_CONFIG_FILE = join(__dirname, '..', 'project.private.config.json')

const USAGE = `usage: npm run devtools:conditions [-- --config FILE] [--rules FILE]

  --config FILE    the DevTools config to write (default: project.private.config.json at the project root)
  --rules FILE     the rule table (default: rules.json at the project root)

Replaces the conditions named "${CONDITION_MARK}…" in condition.miniprogram.list and keeps every other condition and
key. Exit 0: written (or already up to date); 2: usage error, or the rule table or config file cannot be used.`

/** What the process prints and its exit status. */
export interface ConditionsOutcome {
  status: 0 | 2
  stdout: string
  stderr: string
}

/** Runs devtools:conditions on `argv` (without node and the script). Never throws. */
export function devtoolsConditions(argv: string[]): ConditionsOutcome {
  const fail = (message: string): ConditionsOutcome => ({
    status: 2,
    stdout: '',
    stderr: `devtools:conditions: ${message}\n`,
  })
  let values: { config?: string; rules?: string; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        config: { type: 'string' },
        rules: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (e) {
    return fail(`${(e as Error).message}\n\n${USAGE}`)
  }
  if (values.help) return { status: 0, stdout: `${USAGE}\n`, stderr: '' }

  const rules = loadRuleFile(resolveRulesPath(values.rules))
  if (!rules.ok) {
    return fail(`${formatProblems(rules.path, rules.problems)}\n  (npm run rules:check lists every problem.)`)
  }
  const config = values.config === undefined ? DEFAULT_CONFIG_FILE : resolveUserPath(values.config)
  let before: string | null = null
  try {
    before = readFileSync(config, 'utf8')
  } catch (e) {
    // No file yet is fine: DevTools reads a new one. Anything else (a directory, no permission) is not.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      return fail(`cannot read ${shownPath(config)}: ${(e as Error).message}`)
  }
  const { conditions, tickets } = scanConditions(rules.file, rules.table)
  const merged = mergeConditions(before, conditions)
  if (!merged.ok)
    return fail(`refusing to edit ${shownPath(config)}: ${merged.message}.\n  hint: ${merged.hint}`)

  const lines = [
    `${shownPath(config)}: ${conditions.length} scan conditions ` +
      `(replaced ${merged.replaced}, kept ${merged.kept} other${merged.kept === 1 ? '' : 's'})` +
      (merged.text === before ? ', already up to date.' : '.'),
  ]
  if (tickets.shown < tickets.total) {
    lines.push(
      `Note: conditions for the first ${TICKET_CAP} of ${tickets.total} tickets only; ` +
        'check any other with npm run --silent scan -- <ticket url>.'
    )
  }
  if (merged.text !== before) {
    try {
      writeFileAtomic(config, merged.text)
    } catch (e) {
      return fail(`cannot write ${shownPath(config)}: ${(e as Error).message}`)
    }
  }
  return { status: 0, stdout: `${lines.join('\n')}\n`, stderr: '' }
}

if (require.main === module) {
  const { status, stdout, stderr } = devtoolsConditions(process.argv.slice(2))
  process.stdout.write(stdout)
  process.stderr.write(stderr)
  process.exitCode = status
}
