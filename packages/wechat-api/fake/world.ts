// The fake WeChat's state and its answers, API by API, with WeChat's validation (wechat-facts §2–§5). No HTTP here:
// server.ts decodes requests, checks tokens and rate limits, then asks this world.
import { randomBytes } from 'node:crypto'

import { WECHAT_LIMITS } from '../src/limits'
import type { FollowAccount, RemoteRule, RemoteTicketRule, VerifyFile } from '../src/types'
import { TICKET_PREFIX, matchesRule, ordinaryPrefix } from './jump-rule'

/** What WeChat answers: `errcode` 0 plus fields, or an error. */
export type Reply = { errcode: number; errmsg: string } & Record<string, unknown>

export interface WorldOptions {
  /** The mini program's appid: service-account rules must name it. */
  appid: string
  /** Ordinary rules allowed (85073 past it). */
  ruleLimit: number
  /** Service-account links allowed (85073 past it). */
  ticketRuleLimit: number
  /**
   * qrcodejumpadd calls for service-account rules allowed over the mini program's life (85073 past it): adds and
   * edits spend one each; deleting gives none back (seed 000).
   */
  ticketRuleAddLimit: number
  /** Of those, already spent before the fake started (a long-lived mini program). */
  ticketRuleAddsSpent: number
  /** Permanent parameter codes the service account may create. */
  permanentTicketLimit: number
  /** Publishes left this month for ordinary rules (886000 at 0). */
  pubQuota: number
  /** False: 85074 on publish (the mini program has no released code). */
  codePublished: boolean
  /** True: 85075 on every rule call (personal-type mini program). */
  personal: boolean
  /** Prefixes (string starts) WeChat refuses with 85070. */
  blacklist: string[]
  /** Prefixes another mini program owns (85072). */
  ownedByOther: string[]
  /** The released version's pages: what wxacode.getUnlimited accepts as `page` while `check_path` is on (41030). */
  releasedPages: string[]
  followAccounts: FollowAccount[]
  verifyFile: VerifyFile
}

export const DEFAULT_WORLD: WorldOptions = {
  appid: 'wx0a1b2c3d4e5f6a7b',
  ruleLimit: WECHAT_LIMITS.rules,
  ticketRuleLimit: WECHAT_LIMITS.ticketRules,
  ticketRuleAddLimit: WECHAT_LIMITS.ticketRuleAdds,
  ticketRuleAddsSpent: 0,
  permanentTicketLimit: WECHAT_LIMITS.permanentTickets,
  pubQuota: WECHAT_LIMITS.publishesPerMonthCurrentDocs,
  codePublished: true,
  personal: false,
  blacklist: ['https://blocked.example.com/'],
  ownedByOther: ['https://taken.example.com/'],
  releasedPages: ['pages/index/index', 'pages/order/index', 'pages/confirm/index', 'pages/result/index'],
  followAccounts: [
    { appid: 'wxf0110w0000000001', nickname: 'Demo Store News', headimg: 'https://example.com/a.png' },
    { appid: 'wxf0110w0000000002', nickname: 'Demo Store Deals', headimg: 'https://example.com/b.png' },
  ],
  verifyFile: { file_name: 'Ab12Cd34Ef.txt', file_content: 'f4c9a1b7e2d84c0e9a1b2c3d4e5f6a7b' },
}

const OK: Reply = { errcode: 0, errmsg: 'ok' }
const err = (errcode: number, errmsg: string): Reply => ({ errcode, errmsg })

type Body = Record<string, unknown>

/** One fake WeChat: the mini program's rules, the service account's codes and links, the follow component. */
export class World {
  readonly rules = new Map<string, RemoteRule>()
  readonly ticketRules = new Map<string, RemoteTicketRule>()
  /** ticket → { url, scene, expire_time (temporary codes: UNIX seconds) }: every code ever created. */
  readonly tickets = new Map<string, { url: string; scene: string | number; expire_time?: number }>()
  readonly urls = new Map<string, string>()
  pubQuota: number
  /** Service-account qrcodejumpadd calls WeChat has counted (never decreases). */
  ticketRuleAdds: number
  /** Permanent codes created (temporary ones are not counted against the 100 000). */
  permanentTickets = 0
  shown: { is_open: number; appid: string } = { is_open: 0, appid: '' }
  /** Successful changes per `api prefix`, to prove nothing was done twice. */
  readonly applied = new Map<string, number>()

  constructor(readonly options: WorldOptions) {
    this.pubQuota = options.pubQuota
    this.ticketRuleAdds = options.ticketRuleAddsSpent
  }

  qrcodejumpadd(body: Body): Reply {
    if (this.options.personal) return err(85075, 'can not access')
    return typeof body.appid === 'string' ? this.addTicketRule(body) : this.addRule(body)
  }

  private addRule(body: Body): Reply {
    const { prefix, permit_sub_rule, path, open_version, debug_url, is_edit } = body
    if (typeof prefix !== 'string' || typeof path !== 'string' || path === '')
      return err(40097, 'invalid args')
    if (permit_sub_rule !== 1 && permit_sub_rule !== 2) return err(40097, 'invalid args: permit_sub_rule')
    if (open_version !== 1 && open_version !== 2 && open_version !== 3)
      return err(40097, 'invalid args: open_version')
    if (is_edit !== 0 && is_edit !== 1) return err(40097, 'invalid args: is_edit')
    const rule = ordinaryPrefix(prefix)
    if (!rule) return err(85066, 'illegal prefix')
    const urls = debug_url ?? []
    if (!Array.isArray(urls) || urls.length > WECHAT_LIMITS.debugUrls)
      return err(40097, 'invalid args: debug_url')
    for (const url of urls) {
      if (typeof url !== 'string' || !matchesRule(url, rule)) return err(85068, 'debug_url not under prefix')
    }
    const gate = this.gate(prefix)
    if (gate) return gate
    const existing = this.rules.get(prefix)
    if (is_edit === 0) {
      if (existing) return err(85071, 'prefix added repeated')
      if (this.rules.size >= this.options.ruleLimit) return err(85073, 'prefix beyond limit')
    } else {
      if (!existing) return err(40097, 'invalid args: no such rule to edit')
      if (existing.state === 2) return err(40097, 'invalid args, published rule can not be modified')
    }
    this.rules.set(prefix, {
      prefix,
      permit_sub_rule,
      path,
      open_version,
      debug_url: urls as string[],
      state: 1,
    })
    this.count(is_edit === 0 ? 'add' : 'edit', prefix)
    return OK
  }

  private addTicketRule(body: Body): Reply {
    const { prefix, appid, path, is_edit } = body
    if (typeof prefix !== 'string' || typeof path !== 'string' || path === '')
      return err(40097, 'invalid args')
    if (is_edit !== 0 && is_edit !== 1) return err(40097, 'invalid args: is_edit')
    if (appid !== this.options.appid) return err(40013, 'invalid appid')
    if (!prefix.startsWith(TICKET_PREFIX) || prefix.length === TICKET_PREFIX.length) {
      return err(85066, 'illegal prefix')
    }
    const gate = this.gate(prefix)
    if (gate) return gate
    const existing = this.ticketRules.get(prefix)
    if (is_edit === 0) {
      if (existing) return err(85071, 'prefix added repeated')
      if (this.ticketRules.size >= this.options.ticketRuleLimit) return err(85073, 'prefix beyond limit')
    } else {
      if (!existing) return err(40097, 'invalid args: no such rule to edit')
      if (existing.state === 2) return err(40097, 'invalid args, published rule can not be modified')
    }
    // The lifetime budget: the documented refusal is 85073 ("二维码规则已满"), however few links are live now.
    if (this.ticketRuleAdds >= this.options.ticketRuleAddLimit) {
      return err(
        85073,
        'prefix beyond limit: the 100000 qrcodejumpadd calls of this mini program are used up'
      )
    }
    this.ticketRuleAdds++
    this.ticketRules.set(prefix, { prefix, path, state: 1 })
    this.count(is_edit === 0 ? 'add' : 'edit', prefix)
    return OK
  }

  private gate(prefix: string): Reply | null {
    if (this.options.blacklist.some((b) => prefix.startsWith(b))) return err(85070, 'prefix in black list')
    if (this.options.ownedByOther.some((o) => prefix.startsWith(o)))
      return err(85072, 'prefix owned by other')
    return null
  }

  qrcodejumpget(body: Body): Reply {
    if (this.options.personal) return err(85075, 'can not access')
    const common = { qrcodejump_open: 1, qrcodejump_pub_quota: this.pubQuota }
    if (typeof body.appid !== 'string') {
      // Service-account links are filtered out of the ordinary answer.
      const rule_list = [...this.rules.values()]
      return { ...OK, ...common, rule_list, list_size: rule_list.length }
    }
    if (body.appid !== this.options.appid) return err(40013, 'invalid appid')
    const all = [...this.ticketRules.values()]
    const page = (list: RemoteTicketRule[]) => ({
      ...OK,
      ...common,
      rule_list: list,
      list_size: list.length,
      total_count: all.length,
    })
    const type = body.get_type ?? 0
    if (type === 0) return page(all.slice(-WECHAT_LIMITS.latestRules).reverse())
    if (type === 1) {
      const list = body.prefix_list
      if (!Array.isArray(list) || list.length > WECHAT_LIMITS.prefixList)
        return err(40097, 'invalid args: prefix_list')
      return page(
        list.flatMap((p) =>
          typeof p === 'string' && this.ticketRules.has(p) ? [this.ticketRules.get(p)!] : []
        )
      )
    }
    if (type === 2) {
      const num = body.page_num
      const size = body.page_size
      if (!isWhole(num) || num < 1 || !isWhole(size) || size < 1 || size > WECHAT_LIMITS.pageSize) {
        return err(40097, 'invalid args: page_num/page_size')
      }
      return page(all.slice((num - 1) * size, num * size))
    }
    return err(40097, 'invalid args: get_type')
  }

  qrcodejumppublish(body: Body): Reply {
    if (this.options.personal) return err(85075, 'can not access')
    const prefix = body.prefix
    if (typeof prefix !== 'string') return err(40097, 'invalid args')
    const rule = this.rules.get(prefix) ?? this.ticketRules.get(prefix)
    if (!rule) return err(40097, 'invalid args: no such rule')
    if (!this.options.codePublished) return err(85074, 'mini program not published')
    if (rule.state === 2) return OK
    // The monthly quota is documented for ordinary rules only (886000 is absent from the service-account page).
    if (this.rules.has(prefix)) {
      if (this.pubQuota <= 0) return err(886000, 'publish limit of this month reached (100)')
      this.pubQuota--
    }
    rule.state = 2
    this.count('publish', prefix)
    return OK
  }

  qrcodejumpdelete(body: Body): Reply {
    if (this.options.personal) return err(85075, 'can not access')
    const prefix = body.prefix
    if (typeof prefix !== 'string') return err(40097, 'invalid args')
    const store = typeof body.appid === 'string' ? this.ticketRules : this.rules
    if (typeof body.appid === 'string' && body.appid !== this.options.appid)
      return err(40013, 'invalid appid')
    if (store.delete(prefix)) this.count('delete', prefix)
    return OK
  }

  qrcodejumpdownload(): Reply {
    if (this.options.personal) return err(85075, 'can not access')
    return { ...OK, ...this.options.verifyFile }
  }

  qrcodeCreate(body: Body): Reply {
    const action = body.action_name
    const scene = (body.action_info as { scene?: { scene_str?: unknown; scene_id?: unknown } } | undefined)
      ?.scene
    const permanent = action === 'QR_LIMIT_SCENE' || action === 'QR_LIMIT_STR_SCENE'
    const expireSeconds = body.expire_seconds ?? WECHAT_LIMITS.ticketExpireSecondsDefault
    if (!permanent && (!isWhole(expireSeconds) || expireSeconds < 1)) {
      return err(40097, 'invalid args: expire_seconds')
    }
    let value: string | number
    if (action === 'QR_LIMIT_STR_SCENE' || action === 'QR_STR_SCENE') {
      const s = scene?.scene_str
      if (
        typeof s !== 'string' ||
        s.length < WECHAT_LIMITS.sceneStrMin ||
        s.length > WECHAT_LIMITS.sceneStrMax
      ) {
        return err(40097, 'invalid args: scene_str must be 1-64 characters')
      }
      value = s
    } else if (action === 'QR_LIMIT_SCENE' || action === 'QR_SCENE') {
      const id = scene?.scene_id
      const max = permanent ? WECHAT_LIMITS.sceneIdPermanentMax : WECHAT_LIMITS.sceneIdTemporaryMax
      if (!isWhole(id) || id < WECHAT_LIMITS.sceneIdMin || id > max) {
        return err(40097, 'invalid args: scene_id')
      }
      value = id
    } else {
      return err(40097, 'invalid args: action_name')
    }
    if (permanent && this.permanentTickets >= this.options.permanentTicketLimit) {
      return err(40097, 'invalid args: permanent qrcode limit reached')
    }
    // A new code every call, as the worst case: a tool that re-creates after a crash wastes one of 100 000.
    const ticket = `gQ${randomBytes(24).toString('base64url')}==`
    const url = `${TICKET_PREFIX}02${randomBytes(16).toString('base64url')}`
    // Current docs cap a temporary code at 30 days; the fake grants at most that and answers what it granted.
    const granted = Math.min(expireSeconds as number, WECHAT_LIMITS.ticketExpireSeconds)
    const expire_time = permanent ? undefined : Math.floor(Date.now() / 1000) + granted
    this.tickets.set(ticket, { url, scene: value, ...(permanent ? {} : { expire_time }) })
    if (permanent) this.permanentTickets++
    this.urls.set(url, ticket)
    this.count('create', String(value))
    return { ...OK, ticket, url, ...(permanent ? {} : { expire_seconds: granted }) }
  }

  getwxamplinkforshow(page: number, num: number): Reply {
    if (!isWhole(page) || page < 0 || !isWhole(num) || num < 1 || num > WECHAT_LIMITS.followPageSize) {
      return err(40097, 'invalid args: page/num')
    }
    const list = this.options.followAccounts
    return { ...OK, total_num: list.length, biz_info_list: list.slice(page * num, page * num + num) }
  }

  getshowwxaitem(): Reply {
    const account = this.options.followAccounts.find((a) => a.appid === this.shown.appid)
    return {
      ...OK,
      can_open: 1,
      is_open: this.shown.is_open,
      appid: this.shown.is_open ? this.shown.appid : '',
      nickname: this.shown.is_open ? (account?.nickname ?? '') : '',
      headimg: this.shown.is_open ? (account?.headimg ?? '') : '',
    }
  }

  updateshowwxaitem(body: Body): Reply {
    const flag = body.wxa_subscribe_biz_flag
    if (flag === 0) {
      this.shown = { is_open: 0, appid: '' }
      return OK
    }
    if (flag !== 1) return err(40097, 'invalid args: wxa_subscribe_biz_flag')
    if (!this.options.followAccounts.some((a) => a.appid === body.appid)) {
      return err(40097, 'invalid args: appid is not in getwxamplinkforshow')
    }
    this.shown = { is_open: 1, appid: body.appid as string }
    return OK
  }

  private count(change: string, key: string) {
    const k = `${change} ${key}`
    this.applied.set(k, (this.applied.get(k) ?? 0) + 1)
  }
}

function isWhole(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n)
}
