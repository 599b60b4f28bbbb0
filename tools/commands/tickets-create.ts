// `npm run tickets:create -- …`: permanent service-account codes for many tables at once, never losing a url.
import { parseArgs } from 'node:util'

import { formatProblems, loadRuleFile, resolveRulesPath } from './lib/rule-file'
import { EXIT, UsageError, clientFromEnv, run, say, warn } from './wechat/cli'
import { journalBeside } from './wechat/journal'
import { parseRate } from './wechat/rate'
import { checkScenes, scenesFromFile, scenesFromRanges } from './wechat/scenes'
import { createTickets, describeDryRun } from './wechat/tickets'

const USAGE = `Usage: npm run tickets:create -- (--scenes FILE | --stores 12-14 --tables 1-20) [options]
Creates permanent service-account codes (QR_LIMIT_STR_SCENE), saves url → scene in the rule file's
serviceAccount.tickets, registers each url as a jump rule to the entry page, publishes it, and fetches its image.
  --scenes FILE     one scene per line (1–64 characters, e.g. store=12&table=5)
  --stores, --tables  ranges or lists (12-14, 1,3,5-7): scene store=S&table=T for each pair
  --rules FILE      rule file (default: the project's rules.json)
  --images DIR      fetch each code's image (showqrcode) into DIR, with DIR/index.csv
  --journal FILE    default: .tickets-create.journal beside the rule file
  --rate R          request rate, e.g. 5/s,200/min (WeChat's limits, the default)
  --dry-run         check the scenes and show what would be done; no credentials, no calls
Scenes that already have a ticket are skipped; a killed run continues when run again with the same arguments.
Credentials: WECHAT_SA_ACCESS_TOKEN or WECHAT_SA_APPID + WECHAT_SA_SECRET (else the WECHAT_* ones).`

async function main(argv: string[]): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        scenes: { type: 'string' },
        stores: { type: 'string' },
        tables: { type: 'string' },
        rules: { type: 'string' },
        images: { type: 'string' },
        journal: { type: 'string' },
        rate: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }))
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${USAGE}`)
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return EXIT.ok
  }
  const ranged = values.stores !== undefined || values.tables !== undefined
  if ((values.scenes === undefined) === !ranged || (ranged && (!values.stores || !values.tables))) {
    throw new UsageError(`Give either --scenes FILE or both --stores and --tables.\n${USAGE}`)
  }
  const rulesPath = resolveRulesPath(values.rules)
  const loaded = loadRuleFile(rulesPath)
  if (!loaded.ok) {
    warn(formatProblems(loaded.path, loaded.problems))
    return EXIT.usage
  }
  if (!loaded.file.serviceAccount) {
    throw new UsageError(
      `${rulesPath} has no "serviceAccount": add { "appid": "<mini program appid>", "tickets": [], "routes": [...] }.`
    )
  }
  const asked = values.scenes
    ? scenesFromFile(resolveRulesPath(values.scenes))
    : scenesFromRanges(values.stores!, values.tables!)
  const scenes = [...new Set(asked)]
  if (scenes.length < asked.length) warn(`${asked.length - scenes.length} repeated scene(s) ignored.`)
  if (scenes.length === 0) throw new UsageError('No scenes given.')
  const bad = checkScenes(scenes, loaded.table)
  if (bad.length > 0) {
    warn(`${bad.length} scene(s) refused; nothing was created:`)
    for (const b of bad.slice(0, 20)) warn(`  ${JSON.stringify(b.scene)}: ${b.why}`)
    if (bad.length > 20) warn(`  … and ${bad.length - 20} more`)
    return EXIT.usage
  }
  const options = {
    rulesPath,
    file: loaded.file,
    scenes,
    journalPath: values.journal
      ? resolveRulesPath(values.journal)
      : journalBeside(rulesPath, 'tickets-create'),
    imagesDir: values.images ? resolveRulesPath(values.images) : undefined,
  }
  if (values['dry-run']) {
    let rate
    try {
      rate = parseRate(values.rate ?? process.env.WECHAT_RATE)
    } catch (e) {
      throw new UsageError((e as Error).message)
    }
    for (const line of describeDryRun(options, rate)) say(line)
    return EXIT.ok
  }
  const client = clientFromEnv(process.env, {
    rate: values.rate,
    need: ['serviceAccount'],
    onRetry: (e, attempt, waitMs) =>
      warn(`${e.message} — retry ${attempt} in ${(waitMs / 1000).toFixed(1)} s`),
  })
  return createTickets(options, client)
}

run(() => main(process.argv.slice(2)))
