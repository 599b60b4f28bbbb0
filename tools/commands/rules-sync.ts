// `npm run rules:sync -- plan|apply|verify-file`: keep WeChat's QR jump rules equal to the rule file.
import type { Account } from '@scan-to-order/wechat-api'

import { defineCommand } from '../shell/command'
import { UsageError } from '../shell/errors'
import { apiBaseFromEnv } from '../wechat/credentials'
import { journalBeside } from '../wechat/journal'
import { JumpLedger, jumpLedgerBeside } from '../wechat/jump-ledger'
import { applyCommand, planCommand, verifyFileCommand } from '../wechat/sync'
import { commandClient, loadCheckedRules, rulesPath } from './common'

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
  --timeout S            seconds a call may wait for its answer (default 10; also WECHAT_TIMEOUT)
  --web-root DIR         verify-file: the web server's document root; --prefix P: one rule's prefix
The rule file must pass npm run rules:check (the same checks and limits); exit 2 lists its errors.
Service-account qrcodejumpadd calls are counted in <rules>.jump-ledger.json (WeChat allows 100 000 for life).
Credentials come from the environment only: WECHAT_ACCESS_TOKEN, or WECHAT_APPID + WECHAT_SECRET
(service account: WECHAT_SA_*). WECHAT_API_BASE points at another server (the fake: npm run fake-wechat).`

const SUBCOMMANDS = ['plan', 'apply', 'verify-file']

export const command = defineCommand({
  usage: USAGE,
  options: {
    rules: { type: 'string' },
    prune: { type: 'boolean', default: false },
    'replace-published': { type: 'boolean', default: false },
    journal: { type: 'string' },
    json: { type: 'boolean', default: false },
    rate: { type: 'string' },
    timeout: { type: 'string' },
    'web-root': { type: 'string' },
    prefix: { type: 'string' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const [sub] = positionals
    if (positionals.length !== 1 || !SUBCOMMANDS.includes(sub)) {
      throw new UsageError(`Give one of ${SUBCOMMANDS.join(', ')}.`, { showUsage: true })
    }
    if (sub === 'verify-file' && !values['web-root'])
      throw new UsageError('verify-file needs --web-root DIR.')
    const path = rulesPath(io, values.rules)
    const { file, limits } = loadCheckedRules(io, path)
    // Every service-account qrcodejumpadd sent is counted against WeChat's lifetime budget (seed 000).
    const ledger = file.serviceAccount
      ? new JumpLedger(jumpLedgerBeside(path), file.serviceAccount.appid, apiBaseFromEnv(io.env))
      : undefined
    const need: Account[] =
      file.serviceAccount && sub !== 'verify-file' ? ['miniProgram', 'serviceAccount'] : ['miniProgram']
    const client = commandClient(io, values, need, ledger?.onSend)
    try {
      const sync = {
        file,
        limits,
        client,
        prune: values.prune,
        replacePublished: values['replace-published'],
        ledger,
      }
      if (sub === 'plan') return await planCommand({ ...sync, json: values.json }, io)
      if (sub === 'apply') {
        const journalPath = values.journal ? io.path(values.journal) : journalBeside(path, 'rules-sync')
        return await applyCommand({ ...sync, journalPath, rulesPath: path }, io)
      }
      return await verifyFileCommand(
        { file, client, webRoot: io.path(values['web-root']!), prefix: values.prefix },
        io
      )
    } finally {
      client.close()
    }
  },
})
