// `npm run devtools:conditions [-- --config FILE] [--rules FILE]`
// Writes WeChat DevTools compile conditions that simulate scanning every debug_url, ticket and mini program code of the
// rule table, so
// a developer picks "[scan] … → where it should land" from the condition menu instead of typing encoded queries.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { writeFileAtomic } from '../lib/atomic-file'
import { mergeConditions } from '../lib/devtools-config'
import { InputError } from '../lib/errors'
import { count } from '../lib/plural'
import { CONDITION_MARK, scanConditions, TICKET_CAP } from '../lib/scan-conditions'
import { defineCommand } from '../shell/command'
import { CHECK_NOTE, loadRules } from './common'

/** DevTools' per-developer settings file (gitignored), beside project.config.json. */
export const DEFAULT_CONFIG_FILE = join(__dirname, '..', '..', 'project.private.config.json')

const USAGE = `usage: npm run devtools:conditions [-- --config FILE] [--rules FILE]

  --config FILE    the DevTools config to write (default: project.private.config.json at the project root)
  --rules FILE     the rule table (default: rules.json at the project root)

Replaces the conditions named "${CONDITION_MARK}…" in condition.miniprogram.list and keeps every other condition and
key. Exit 0: written (or already up to date); 2: usage error, or the rule table or config file cannot be used.`

export const command = defineCommand({
  usage: USAGE,
  options: { config: { type: 'string' }, rules: { type: 'string' } },
  run({ values }, io) {
    const rules = loadRules(io, values.rules, CHECK_NOTE)
    const config = values.config === undefined ? DEFAULT_CONFIG_FILE : io.path(values.config)
    let before: string | null = null
    try {
      before = readFileSync(config, 'utf8')
    } catch (e) {
      // No file yet is fine: DevTools reads a new one. Anything else (a directory, no permission) is not.
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        throw new InputError(`cannot read ${io.shown(config)}: ${(e as Error).message}`)
    }
    const { conditions, tickets, codes } = scanConditions(
      rules.file,
      rules.ruleTable,
      Math.floor(Date.now() / 1000)
    )
    const merged = mergeConditions(before, conditions)
    if (!merged.ok)
      throw new InputError(`refusing to edit ${io.shown(config)}: ${merged.message}.\n  hint: ${merged.hint}`)

    io.out(
      `${io.shown(config)}: ${conditions.length} scan conditions ` +
        `(replaced ${merged.replaced}, kept ${count(merged.kept, 'other')})` +
        (merged.text === before ? ', already up to date.' : '.')
    )
    if (tickets.shown < tickets.total) {
      io.out(
        `Note: conditions for the first ${TICKET_CAP} of ${tickets.total} tickets only; ` +
          'check any other with npm run --silent scan -- <ticket url>.'
      )
    }
    if (codes.shown < codes.total) {
      io.out(
        `Note: conditions for the first ${TICKET_CAP} of ${codes.total} mini program codes only; ` +
          "check any other with npm run --silent scan -- --mp-scene '<scene>'."
      )
    }
    if (merged.text !== before) {
      try {
        writeFileAtomic(config, merged.text)
      } catch (e) {
        throw new InputError(`cannot write ${io.shown(config)}: ${(e as Error).message}`)
      }
    }
    return 0
  },
})
