// `npm run follow-account -- list|get|set`: which Official Account the scan-to-follow component shows
// (seed 000's docking guide; permission set 18; the mini program's token).
import { InputError } from '../lib/errors'
import { defineCommand } from '../shell/command'
import { UsageError } from '../shell/errors'
import { commandClient } from './common'

const USAGE = `Usage: npm run follow-account -- <list|get|set> [options]
  list                 accounts the follow component may show (getwxamplinkforshow, all pages)
  get                  the account shown now (getshowwxaitem)
  set --appid APPID    show this account (updateshowwxaitem, wxa_subscribe_biz_flag 1)
  set --off            switch the component off (wxa_subscribe_biz_flag 0)
  --json               print WeChat's answer as JSON
  --rate R             request rate, e.g. 5/s (WeChat's limit, the default)
  --timeout S          seconds a call may wait for its answer (default 10; also WECHAT_TIMEOUT)
Credentials: WECHAT_ACCESS_TOKEN, or WECHAT_APPID + WECHAT_SECRET (the mini program's).`

export const command = defineCommand({
  usage: USAGE,
  options: {
    appid: { type: 'string' },
    off: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    rate: { type: 'string' },
    timeout: { type: 'string' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const [sub] = positionals
    if (positionals.length !== 1 || !['list', 'get', 'set'].includes(sub)) {
      throw new UsageError('Give one of list, get, set.', { showUsage: true })
    }
    if (sub === 'set' && Boolean(values.appid) === values.off) {
      throw new UsageError('set needs exactly one of --appid APPID or --off.')
    }
    const client = commandClient(io, values, ['miniProgram'])
    try {
      if (sub === 'list') {
        const accounts = await client.getAllFollowAccounts()
        if (values.json) io.out(JSON.stringify(accounts, null, 2))
        else if (accounts.length === 0)
          io.out('No Official Account may be shown: link one to the mini program first.')
        else for (const a of accounts) io.out(`${a.appid}  ${a.nickname}`)
        return 0
      }
      if (sub === 'get') {
        const shown = await client.getShownFollowAccount()
        if (values.json) io.out(JSON.stringify(shown, null, 2))
        else if (shown.is_open) io.out(`Shown: ${shown.appid}  ${shown.nickname}`)
        else
          io.out(
            shown.can_open
              ? 'Off: no account is shown (set one with --appid).'
              : 'Off, and this mini program may not set one.'
          )
        return 0
      }
      if (values.off) {
        await client.setShownFollowAccount({ wxa_subscribe_biz_flag: 0 })
        io.out('The follow component is off.')
        return 0
      }
      const appid = values.appid!
      // WeChat only accepts an account from getwxamplinkforshow: check first, so the error says which ones exist.
      const accounts = await client.getAllFollowAccounts()
      if (!accounts.some((a) => a.appid === appid)) {
        throw new InputError(
          `${appid} is not among the accounts the component may show: ${accounts.map((a) => a.appid).join(', ') || 'none'}.`
        )
      }
      await client.setShownFollowAccount({ wxa_subscribe_biz_flag: 1, appid })
      io.out(`The follow component now shows ${appid}.`)
      return 0
    } finally {
      client.close()
    }
  },
})
