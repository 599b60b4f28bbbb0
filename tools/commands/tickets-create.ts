// `npm run tickets:create -- …`: permanent service-account codes for many tables at once, never losing a url.
import { parseRate } from '@scan-to-order/wechat-api'

import { InputError } from '../lib/errors'
import { defineCommand } from '../shell/command'
import { UsageError } from '../shell/errors'
import { clientFromEnv } from '../wechat/credentials'
import { Journal, journalBeside } from '../wechat/journal'
import { count } from '../lib/plural'
import type { Step } from '../wechat/plan'
import type { RunRecord } from '../wechat/run-log'
import { checkScenes, scenesFromFile, scenesFromRanges } from '../wechat/scenes'
import { createTickets, describeDryRun } from '../wechat/tickets'
import { loadCheckedRules, rulesPath } from './common'

const USAGE = `Usage: npm run tickets:create -- (--scenes FILE | --stores 12-14 --tables 1-20) [options]
Creates permanent service-account codes (QR_LIMIT_STR_SCENE), saves url → scene in the rule file's
serviceAccount.tickets, registers each url as a jump rule to the entry page, publishes it, and fetches its image.
  --scenes FILE     one scene per line (1–64 characters, e.g. store=12&table=5)
  --stores, --tables  ranges or lists (12-14, 1,3,5-7): scene store=S&table=T for each pair
  --rules FILE      rule file (default: the project's rules.json)
  --images DIR      fetch each code's image (showqrcode) into DIR, with DIR/index.csv
  --journal FILE    default: .tickets-create.journal beside the rule file
  --rate R          request rate, e.g. 5/s,200/min (WeChat's limits, the default)
  --timeout S       seconds a call may wait for its answer (default 10; also WECHAT_TIMEOUT)
  --dry-run         check the scenes and show what would be done; no credentials, no calls
Scenes that already have a ticket are skipped; a killed run continues when run again with the same arguments.
Credentials: WECHAT_SA_ACCESS_TOKEN or WECHAT_SA_APPID + WECHAT_SA_SECRET (else the WECHAT_* ones).`

export const command = defineCommand({
  usage: USAGE,
  options: {
    scenes: { type: 'string' },
    stores: { type: 'string' },
    tables: { type: 'string' },
    rules: { type: 'string' },
    images: { type: 'string' },
    journal: { type: 'string' },
    rate: { type: 'string' },
    timeout: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
  async run({ values }, io) {
    const ranged = values.stores !== undefined || values.tables !== undefined
    if ((values.scenes === undefined) === !ranged || (ranged && (!values.stores || !values.tables))) {
      throw new UsageError('Give either --scenes FILE or both --stores and --tables.', { showUsage: true })
    }
    const path = rulesPath(io, values.rules)
    const loaded = loadCheckedRules(io, path)
    if (!loaded.file.serviceAccount) {
      throw new InputError(
        `${io.shown(path)} has no "serviceAccount": add { "appid": "<mini program appid>", "tickets": [], "routes": [...] }.`
      )
    }
    const asked = values.scenes
      ? scenesFromFile(io.path(values.scenes))
      : scenesFromRanges(values.stores!, values.tables!)
    const scenes = [...new Set(asked)]
    if (scenes.length < asked.length)
      io.err(`${count(asked.length - scenes.length, 'repeated scene')} ignored.`)
    if (scenes.length === 0) throw new InputError('No scenes given.')
    const bad = checkScenes(scenes, loaded.table)
    if (bad.length > 0) {
      const lines = [`${count(bad.length, 'scene')} refused; nothing was created:`]
      for (const b of bad.slice(0, 20)) lines.push(`  ${JSON.stringify(b.scene)}: ${b.why}`)
      if (bad.length > 20) lines.push(`  … and ${bad.length - 20} more`)
      throw new InputError(lines.join('\n'))
    }
    const options = {
      rulesPath: path,
      file: loaded.file,
      scenes,
      journalPath: values.journal ? io.path(values.journal) : journalBeside(path, 'tickets-create'),
      imagesDir: values.images ? io.path(values.images) : undefined,
    }
    if (values['dry-run']) {
      let rate
      try {
        rate = parseRate(values.rate ?? io.env.WECHAT_RATE)
      } catch (e) {
        throw new InputError((e as Error).message)
      }
      const { records } = Journal.peek<RunRecord<Step>>(options.journalPath)
      for (const line of describeDryRun(options, rate, records)) io.out(line)
      return 0
    }
    const client = clientFromEnv(io.env, {
      rate: values.rate,
      need: ['serviceAccount'],
      timeout: values.timeout,
      say: (line) => io.err(line),
    })
    try {
      return await createTickets(options, client, io)
    } finally {
      client.close()
    }
  },
})
