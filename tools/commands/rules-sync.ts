// `npm run rules:sync -- plan|apply|verify-file`: keep WeChat's QR jump rules equal to the rule file.
import { parseArgs } from 'node:util'

import { formatProblems, loadRuleFile, resolveRulesPath } from './lib/rule-file'
import { EXIT, UsageError, clientFromEnv, run, warn } from './wechat/cli'
import { journalBeside } from './wechat/journal'
import { applyCommand, planCommand, verifyFileCommand } from './wechat/sync'

const USAGE = `Usage: npm run rules:sync -- <plan|apply|verify-file> [options]
  plan          read WeChat (qrcodejumpget) and print what apply would change
  apply         make WeChat match the rule file (journaled; re-run to resume after an interruption)
  verify-file   fetch the verification file (qrcodejumpdownload) and write it under --web-root
Options:
  --rules FILE           rule file (default: the project's rules.json)
  --prune                also delete rules and links that are not in the file
  --replace-published    delete and re-add published rules that must change (they stop jumping until re-published)
  --journal FILE         apply's journal (default: .rules-sync.journal beside the rule file)
  --json                 plan as JSON
  --rate R               request rate, e.g. 5/s,200/min (WeChat's limits, the default)
  --web-root DIR         verify-file: the web server's document root; --prefix P: one rule's prefix
Credentials come from the environment only: WECHAT_ACCESS_TOKEN, or WECHAT_APPID + WECHAT_SECRET
(service account: WECHAT_SA_*). WECHAT_API_BASE points at another server (the fake: npm run fake-wechat).`

async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        rules: { type: 'string' },
        prune: { type: 'boolean', default: false },
        'replace-published': { type: 'boolean', default: false },
        journal: { type: 'string' },
        json: { type: 'boolean', default: false },
        rate: { type: 'string' },
        'web-root': { type: 'string' },
        prefix: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    })
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${USAGE}`)
  }
  const { values, positionals } = parsed
  const command = positionals[0]
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return EXIT.ok
  }
  if (!['plan', 'apply', 'verify-file'].includes(command ?? '') || positionals.length > 1) {
    throw new UsageError(USAGE)
  }
  const rulesPath = resolveRulesPath(values.rules)
  const loaded = loadRuleFile(rulesPath)
  if (!loaded.ok) {
    warn(formatProblems(loaded.path, loaded.problems))
    return EXIT.usage
  }
  const need =
    loaded.file.serviceAccount && command !== 'verify-file'
      ? ['miniProgram', 'serviceAccount']
      : ['miniProgram']
  const client = clientFromEnv(process.env, {
    rate: values.rate,
    need: need as Array<'miniProgram' | 'serviceAccount'>,
    onRetry: (e, attempt, waitMs) =>
      warn(`${e.message} — retry ${attempt} in ${(waitMs / 1000).toFixed(1)} s`),
  })
  const sync = {
    file: loaded.file,
    client,
    prune: values.prune,
    replacePublished: values['replace-published'],
  }
  if (command === 'plan') return planCommand({ ...sync, json: values.json })
  if (command === 'apply') {
    const journalPath = values.journal
      ? resolveRulesPath(values.journal)
      : journalBeside(rulesPath, 'rules-sync')
    return applyCommand({ ...sync, journalPath, rulesPath })
  }
  if (!values['web-root']) throw new UsageError('verify-file needs --web-root DIR.')
  return verifyFileCommand({
    file: loaded.file,
    client,
    webRoot: resolveRulesPath(values['web-root']),
    prefix: values.prefix,
  })
}

run(() => main(process.argv.slice(2)))
