// `npm run tickets:create -- …`: service-account codes for many tables at once, never losing a url.
import { InputError } from '../lib/errors'
import { saveSceneIds } from '../lib/rule-file-writer'
import { defineCommand } from '../shell/command'
import { apiBaseFromEnv } from '../wechat/credentials'
import { Journal, journalBeside } from '../wechat/journal'
import { JumpLedger, describeBudget, jumpLedgerBeside, readTicketBudget } from '../wechat/jump-ledger'
import type { Step } from '../wechat/plan'
import type { RunRecord } from '../wechat/run-log'
import { SCENE_OPTIONS, askedScenes, checkScenes } from '../wechat/scenes'
import { assignSceneIds, codeKind } from '../wechat/ticket-kind'
import { createTickets, describeDryRun, scenesWithCode } from '../wechat/tickets'
import { count } from '../lib/plural'
import { commandClient, dryRunRate, loadCheckedRules, rulesPath } from './common'

const USAGE = `Usage: npm run tickets:create -- (--scenes FILE | --stores 12-14 --tables 1-20) [options]
Creates service-account codes, saves url → scene in the rule file's serviceAccount.tickets, registers each url as a
jump rule to the entry page, publishes it, and fetches its image. Permanent string-scene codes (QR_LIMIT_STR_SCENE)
unless told otherwise:
  --numeric         numeric codes (QR_LIMIT_SCENE): each scene gets a scene_id (1–100 000), mapped in sceneIds
  --expire-seconds N  temporary codes (QR_STR_SCENE, or QR_SCENE with --numeric) living N seconds (at most
                    2 592 000, 30 days); the rule file records each one's end (expire_time), after which it lands
                    like an unknown code
  --scenes FILE     one scene per line (1–64 characters, e.g. store=12&table=5)
  --stores, --tables  ranges or lists (12-14, 1,3,5-7): scene store=S&table=T for each pair
  --rules FILE      rule file (default: the project's rules.json)
  --images DIR      fetch each code's image (showqrcode) into DIR, with DIR/index.csv
  --journal FILE    default: .tickets-create.journal beside the rule file
  --rate R          request rate, e.g. 5/s,200/min (WeChat's limits, the default)
  --timeout S       seconds a call may wait for its answer (default 10; also WECHAT_TIMEOUT)
  --dry-run         check the scenes and show what would be done; no credentials, no calls
Scenes that already have a working code are skipped; a killed run continues when run again with the same
arguments. Each code's jump rule spends one of WeChat's 100 000 lifetime qrcodejumpadd calls (counted in
<rules>.jump-ledger.json); a run that needs more than are left is refused before any code is made.
Credentials: WECHAT_SA_ACCESS_TOKEN or WECHAT_SA_APPID + WECHAT_SA_SECRET (else the WECHAT_* ones).`

export const command = defineCommand({
  usage: USAGE,
  options: {
    ...SCENE_OPTIONS,
    rules: { type: 'string' },
    images: { type: 'string' },
    journal: { type: 'string' },
    rate: { type: 'string' },
    timeout: { type: 'string' },
    numeric: { type: 'boolean', default: false },
    'expire-seconds': { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
  async run({ values }, io) {
    const path = rulesPath(io, values.rules)
    const loaded = loadCheckedRules(io, path)
    if (!loaded.file.serviceAccount) {
      throw new InputError(
        `${io.shown(path)} has no "serviceAccount": add { "appid": "<mini program appid>", "tickets": [], "routes": [...] }.`
      )
    }
    const scenes = askedScenes(values, io, (s) => checkScenes(s, loaded.ruleTable), 'nothing was created')
    const kind = codeKind(values.numeric, values['expire-seconds'], loaded.limits)
    // Built once: inside the filter it would walk every ticket for every scene.
    const withCode = scenesWithCode(loaded.file)
    const todo = scenes.filter((s) => !withCode.has(s))
    const ids = kind.numeric ? assignSceneIds(loaded.file, todo, kind, loaded.limits) : undefined
    const options = {
      rulesPath: path,
      file: loaded.file,
      scenes,
      journalPath: values.journal ? io.path(values.journal) : journalBeside(path, 'tickets-create'),
      imagesDir: values.images ? io.path(values.images) : undefined,
      expireSeconds: kind.expireSeconds,
      sceneIds: ids?.all,
    }
    const { appid } = loaded.file.serviceAccount
    const ledger = new JumpLedger(jumpLedgerBeside(path), appid, apiBaseFromEnv(io.env))
    if (values['dry-run']) {
      const { records } = Journal.peek<RunRecord<Step>>(options.journalPath)
      for (const line of describeDryRun(options, dryRunRate(io, values.rate), records)) io.out(line)
      if (ids && ids.fresh.size > 0) {
        const list = [...ids.fresh.keys()]
        io.out(
          `New scene_ids ${list[0]}–${list[list.length - 1]}, saved in sceneIds before any code is made.`
        )
      }
      io.out(
        `Jump rule budget: the ledger counts ${ledger.spent()} of WeChat's ${loaded.limits.ticketRuleAdds} lifetime ` +
          `qrcodejumpadd calls (a real run also reads WeChat's count of live links); these codes need ${todo.length}.`
      )
      return 0
    }
    const client = commandClient(io, values, ['serviceAccount'], ledger.onSend)
    try {
      if (todo.length > 0) {
        const budget = await readTicketBudget(client, appid, ledger, loaded.limits.ticketRuleAdds)
        if (todo.length > budget.limit - budget.spent) {
          throw new InputError(
            `${count(todo.length, 'new code')} ${todo.length === 1 ? 'needs' : 'need'} ` +
              `${count(todo.length, 'qrcodejumpadd call')}; ` +
              `${describeBudget(budget)}. ` +
              'Nothing was created. Deleting links gives none back: make at most that many, leave the rest to the ' +
              'event push (/wechat/push), or print mini program codes (npm run codes:create).'
          )
        }
      }
      if (ids && ids.fresh.size > 0) saveSceneIds(path, ids.fresh)
      return await createTickets(options, client, io)
    } finally {
      client.close()
    }
  },
})
