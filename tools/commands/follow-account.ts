// `npm run follow-account -- list|get|set`: which Official Account the scan-to-follow component shows
// (seed 000's docking guide; permission set 18; the mini program's token).
import { parseArgs } from 'node:util'

import { EXIT, UsageError, clientFromEnv, run, say, warn } from './wechat/cli'

const USAGE = `Usage: npm run follow-account -- <list|get|set> [options]
  list                 accounts the follow component may show (getwxamplinkforshow, all pages)
  get                  the account shown now (getshowwxaitem)
  set --appid APPID    show this account (updateshowwxaitem, wxa_subscribe_biz_flag 1)
  set --off            switch the component off (wxa_subscribe_biz_flag 0)
  --json               print WeChat's answer as JSON
Credentials: WECHAT_ACCESS_TOKEN, or WECHAT_APPID + WECHAT_SECRET (the mini program's).`

async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        appid: { type: 'string' },
        off: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        rate: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    })
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\n${USAGE}`)
  }
  const { values, positionals } = parsed
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return EXIT.ok
  }
  const command = positionals[0]
  if (!['list', 'get', 'set'].includes(command ?? '') || positionals.length > 1) throw new UsageError(USAGE)
  if (command === 'set' && Boolean(values.appid) === values.off) {
    throw new UsageError('set needs exactly one of --appid APPID or --off.')
  }
  const client = clientFromEnv(process.env, {
    rate: values.rate,
    need: ['miniProgram'],
    onRetry: (e, attempt, waitMs) =>
      warn(`${e.message} — retry ${attempt} in ${(waitMs / 1000).toFixed(1)} s`),
  })

  if (command === 'list') {
    const accounts = await client.getAllFollowAccounts()
    if (values.json) say(JSON.stringify(accounts, null, 2))
    else if (accounts.length === 0)
      say('No Official Account may be shown: link one to the mini program first.')
    else for (const a of accounts) say(`${a.appid}  ${a.nickname}`)
    return EXIT.ok
  }
  if (command === 'get') {
    const shown = await client.getShownFollowAccount()
    if (values.json) say(JSON.stringify(shown, null, 2))
    else if (shown.is_open) say(`Shown: ${shown.appid}  ${shown.nickname}`)
    else
      say(
        shown.can_open
          ? 'Off: no account is shown (set one with --appid).'
          : 'Off, and this mini program may not set one.'
      )
    return EXIT.ok
  }
  if (values.off) {
    await client.setShownFollowAccount({ wxa_subscribe_biz_flag: 0 })
    say('The follow component is off.')
    return EXIT.ok
  }
  const appid = values.appid!
  // WeChat only accepts an account from getwxamplinkforshow: check first, so the error says which ones exist.
  const accounts = await client.getAllFollowAccounts()
  if (!accounts.some((a) => a.appid === appid)) {
    throw new UsageError(
      `${appid} is not among the accounts the component may show: ${accounts.map((a) => a.appid).join(', ') || 'none'}.`
    )
  }
  await client.setShownFollowAccount({ wxa_subscribe_biz_flag: 1, appid })
  say(`The follow component now shows ${appid}.`)
  return EXIT.ok
}

run(() => main(process.argv.slice(2)))
