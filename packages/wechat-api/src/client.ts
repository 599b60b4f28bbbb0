import { TransportError, WechatError, isRetryable } from './errors'
import { send, type HttpAnswer } from './http'
import { WECHAT_LIMITS } from './limits'
import { SlidingWindow, WECHAT_RATE, realClock, type Clock, type RateSpec } from './rate'
import type { TokenSource } from './token'
import type {
  CreatedTicket,
  FollowAccount,
  FollowAccountPage,
  JumpAddBody,
  JumpGetAnswer,
  RemoteRule,
  RemoteTicketRule,
  ShownFollowAccount,
  TicketJumpAddBody,
  VerifyFile,
} from './types'

/** Which account's token a call uses: the mini program's, or the service account's (its parameter codes). */
export type Account = 'miniProgram' | 'serviceAccount'

/** Backoff for retryable errors: `attempts` calls in all, waits doubling from `baseMs` up to `maxMs`. */
export interface RetryPolicy {
  attempts: number
  baseMs: number
  maxMs: number
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseMs: 500, maxMs: 30_000 }

export interface ClientConfig {
  /** `https://api.weixin.qq.com`, or the fake server. */
  apiBase: string
  /** Host of `showqrcode` (`https://mp.weixin.qq.com`). */
  mpBase: string
  tokens: Partial<Record<Account, TokenSource>>
  rate?: RateSpec
  retry?: RetryPolicy
  timeoutMs?: number
  clock?: Clock
  /** Told about each retry (for a progress line); the error message is already redacted. */
  onRetry?: (error: Error, attempt: number, waitMs: number) => void
}

interface CallSpec {
  api: string
  path: string
  method: 'GET' | 'POST'
  account: Account
  query?: Record<string, string | number>
  body?: unknown
  /** Counts against the 200/min budget of service-account rule calls. */
  perMinute?: boolean
}

type Answer = { errcode?: number; errmsg?: string } & Record<string, unknown>

/**
 * A typed WeChat API client: rate-limited (5/s overall, 200/min for service-account rule calls), retrying busy
 * answers with exponential backoff, refreshing a stale token once, and raising typed, redacted errors.
 */
export class WechatClient {
  private readonly second: SlidingWindow
  private readonly minute: SlidingWindow
  private readonly retry: RetryPolicy
  private readonly timeoutMs: number
  private readonly clock: Clock

  constructor(private readonly config: ClientConfig) {
    const rate = config.rate ?? WECHAT_RATE
    this.clock = config.clock ?? realClock
    this.second = new SlidingWindow(rate.perSecond, 1000, this.clock)
    this.minute = new SlidingWindow(rate.perMinute, 60_000, this.clock)
    this.retry = config.retry ?? DEFAULT_RETRY
    this.timeoutMs = config.timeoutMs ?? 30_000
  }

  // ── ordinary link rules (mini program token) ────────────────────────────────────────────────────────────────

  /** qrcodejumpadd: adds (`is_edit` 0) or edits (1, unpublished rules only) an ordinary link rule. */
  async addRule(body: JumpAddBody): Promise<void> {
    await this.post('qrcodejumpadd', 'cgi-bin/wxopen/qrcodejumpadd', 'miniProgram', body)
  }

  /** qrcodejumpget: every ordinary rule and the publishes left this month. */
  async getRules(): Promise<JumpGetAnswer<RemoteRule>> {
    const a = await this.post('qrcodejumpget', 'cgi-bin/wxopen/qrcodejumpget', 'miniProgram', {})
    return jumpGetAnswer<RemoteRule>(a)
  }

  /** qrcodejumppublish for an ordinary rule (counts against the monthly quota). */
  async publishRule(prefix: string): Promise<void> {
    await this.post('qrcodejumppublish', 'cgi-bin/wxopen/qrcodejumppublish', 'miniProgram', { prefix })
  }

  /** qrcodejumpdelete for an ordinary rule; effective at once, without publishing. */
  async deleteRule(prefix: string): Promise<void> {
    await this.post('qrcodejumpdelete', 'cgi-bin/wxopen/qrcodejumpdelete', 'miniProgram', { prefix })
  }

  /** qrcodejumpdownload: the verification file to serve under the rule's prefix. */
  async downloadVerifyFile(): Promise<VerifyFile> {
    const a = await this.post('qrcodejumpdownload', 'cgi-bin/wxopen/qrcodejumpdownload', 'miniProgram', {})
    return { file_name: String(a.file_name ?? ''), file_content: String(a.file_content ?? '') }
  }

  // ── service-account link rules (service account token; `appid` is the mini program's) ───────────────────────

  /** qrcodejumpadd with `appid`: makes a parameter code's url open the mini program. */
  async addTicketRule(body: TicketJumpAddBody): Promise<void> {
    await this.post('qrcodejumpadd', 'cgi-bin/wxopen/qrcodejumpadd', 'serviceAccount', body, true)
  }

  /** qrcodejumpget get_type 2: one page (from 1) of service-account rules, oldest first. */
  async getTicketRulesPage(
    appid: string,
    pageNum: number,
    pageSize: number = WECHAT_LIMITS.pageSize
  ): Promise<JumpGetAnswer<RemoteTicketRule>> {
    const body = {
      appid,
      get_type: 2,
      page_num: pageNum,
      page_size: Math.min(pageSize, WECHAT_LIMITS.pageSize),
    }
    const a = await this.post('qrcodejumpget', 'cgi-bin/wxopen/qrcodejumpget', 'serviceAccount', body, true)
    return jumpGetAnswer<RemoteTicketRule>(a)
  }

  /** qrcodejumpget get_type 1: the service-account rules among `prefixes` (at most 200). */
  async getTicketRulesByPrefix(appid: string, prefixes: string[]): Promise<JumpGetAnswer<RemoteTicketRule>> {
    if (prefixes.length > WECHAT_LIMITS.prefixList) {
      throw new RangeError(
        `qrcodejumpget takes at most ${WECHAT_LIMITS.prefixList} prefixes, got ${prefixes.length}`
      )
    }
    const body = { appid, get_type: 1, prefix_list: prefixes }
    const a = await this.post('qrcodejumpget', 'cgi-bin/wxopen/qrcodejumpget', 'serviceAccount', body, true)
    return jumpGetAnswer<RemoteTicketRule>(a)
  }

  /**
   * Every service-account rule, paged 200 at a time (up to 100 000 rules: 500 calls, 2.5 minutes at 200/min).
   * `onPage` reports progress.
   */
  async getAllTicketRules(
    appid: string,
    onPage?: (read: number, total: number) => void
  ): Promise<{ rules: RemoteTicketRule[]; pubQuota: number }> {
    const rules: RemoteTicketRule[] = []
    let pubQuota = 0
    // Bounded: WeChat holds at most 100 000 links, 200 a page; one extra page tolerates a rule added meanwhile.
    const maxPages = Math.ceil(WECHAT_LIMITS.ticketRules / WECHAT_LIMITS.pageSize) + 1
    for (let page = 1; page <= maxPages; page++) {
      const answer = await this.getTicketRulesPage(appid, page)
      rules.push(...answer.rule_list)
      pubQuota = answer.qrcodejump_pub_quota
      const total = answer.total_count ?? rules.length
      onPage?.(rules.length, total)
      if (answer.rule_list.length === 0 || rules.length >= total) break
    }
    return { rules, pubQuota }
  }

  /** qrcodejumppublish for a service-account link. */
  async publishTicketRule(prefix: string): Promise<void> {
    await this.post(
      'qrcodejumppublish',
      'cgi-bin/wxopen/qrcodejumppublish',
      'serviceAccount',
      { prefix },
      true
    )
  }

  /** qrcodejumpdelete for a service-account link. */
  async deleteTicketRule(prefix: string, appid: string): Promise<void> {
    await this.post(
      'qrcodejumpdelete',
      'cgi-bin/wxopen/qrcodejumpdelete',
      'serviceAccount',
      { prefix, appid },
      true
    )
  }

  // ── service-account parameter codes ─────────────────────────────────────────────────────────────────────────

  /** qrcode/create QR_LIMIT_STR_SCENE: a permanent code for `scene` (1–64 characters). */
  async createTicket(scene: string): Promise<CreatedTicket> {
    const body = { action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: scene } } }
    const a = await this.post('qrcode/create', 'cgi-bin/qrcode/create', 'serviceAccount', body)
    if (typeof a.ticket !== 'string' || typeof a.url !== 'string') {
      throw new WechatError('qrcode/create', -1, 'answer without ticket or url')
    }
    return {
      ticket: a.ticket,
      url: a.url,
      expire_seconds: typeof a.expire_seconds === 'number' ? a.expire_seconds : undefined,
    }
  }

  /** showqrcode: the printable image of a code. No token; the ticket is URL-encoded as WeChat requires. */
  async fetchTicketImage(ticket: string): Promise<{ image: Buffer; contentType: string }> {
    const url = `${this.config.mpBase}/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`
    const answer = await this.withRetry('showqrcode', async () => {
      const res = await send('showqrcode', 'GET', url, undefined, this.timeoutMs)
      if (res.contentType.includes('json')) readAnswer('showqrcode', res)
      if (res.status !== 200 || !res.contentType.startsWith('image/')) {
        throw new TransportError('showqrcode', `HTTP ${res.status} ${res.contentType}`)
      }
      return res
    })
    return { image: answer.body, contentType: answer.contentType }
  }

  // ── the follow component's Official Account (mini program token, permission set 18) ─────────────────────────

  /** getwxamplinkforshow: one page (from 0, at most 20 a page) of accounts the component may show. */
  async getFollowAccountsPage(
    page: number,
    num: number = WECHAT_LIMITS.followPageSize
  ): Promise<FollowAccountPage> {
    const a = await this.call({
      api: 'getwxamplinkforshow',
      path: 'wxa/getwxamplinkforshow',
      method: 'GET',
      account: 'miniProgram',
      query: { page, num: Math.min(num, WECHAT_LIMITS.followPageSize) },
    })
    return {
      total_num: Number(a.total_num ?? 0),
      biz_info_list: Array.isArray(a.biz_info_list) ? (a.biz_info_list as FollowAccount[]) : [],
    }
  }

  /** Every account the component may show, paging until `total_num` (bounded). */
  async getAllFollowAccounts(): Promise<FollowAccount[]> {
    const all: FollowAccount[] = []
    for (let page = 0; page < 1000; page++) {
      const answer = await this.getFollowAccountsPage(page)
      all.push(...answer.biz_info_list)
      if (answer.biz_info_list.length === 0 || all.length >= answer.total_num) break
    }
    return all
  }

  /** getshowwxaitem: the account the component shows now. */
  async getShownFollowAccount(): Promise<ShownFollowAccount> {
    const a = await this.call({
      api: 'getshowwxaitem',
      path: 'wxa/getshowwxaitem',
      method: 'GET',
      account: 'miniProgram',
    })
    return {
      can_open: Number(a.can_open ?? 0),
      is_open: Number(a.is_open ?? 0),
      appid: String(a.appid ?? ''),
      nickname: String(a.nickname ?? ''),
      headimg: String(a.headimg ?? ''),
    }
  }

  /** updateshowwxaitem: show `appid` (flag 1) or switch the component off (flag 0). */
  async setShownFollowAccount(
    change: { wxa_subscribe_biz_flag: 1; appid: string } | { wxa_subscribe_biz_flag: 0 }
  ) {
    await this.post('updateshowwxaitem', 'wxa/updateshowwxaitem', 'miniProgram', change)
  }

  // ── plumbing ────────────────────────────────────────────────────────────────────────────────────────────────

  private post(
    api: string,
    path: string,
    account: Account,
    body: unknown,
    perMinute = false
  ): Promise<Answer> {
    return this.call({ api, path, method: 'POST', account, body, perMinute })
  }

  private async call(spec: CallSpec): Promise<Answer> {
    const source = this.config.tokens[spec.account]
    if (!source) {
      throw new WechatError(
        spec.api,
        41001,
        `no ${spec.account === 'miniProgram' ? 'mini program' : 'service account'} token configured`
      )
    }
    let refreshed = false
    const urlWith = (token: string) => {
      const query = new URLSearchParams({ ...stringify(spec.query), access_token: token })
      return `${this.config.apiBase}/${spec.path}?${query}`
    }
    const once = async (token: string) =>
      readAnswer(spec.api, await send(spec.api, spec.method, urlWith(token), spec.body, this.timeoutMs))
    return this.withRetry(spec.api, async () => {
      await this.second.take()
      if (spec.perMinute) await this.minute.take()
      try {
        return await once(await source.get())
      } catch (error) {
        // A stale token is renewed once per call; a second refusal is final (wrong secret or wrong account).
        if (
          error instanceof WechatError &&
          error.handling === 'refresh-token' &&
          source.canRefresh &&
          !refreshed
        ) {
          refreshed = true
          return once(await source.refresh())
        }
        throw error
      }
    })
  }

  private async withRetry<T>(api: string, attempt: () => Promise<T>): Promise<T> {
    const { attempts, baseMs, maxMs } = this.retry
    for (let n = 1; ; n++) {
      try {
        return await attempt()
      } catch (error) {
        if (!isRetryable(error) || n >= attempts) throw error
        // 45011 frees up only when the minute turns; other busy answers back off exponentially with jitter.
        const minute = error instanceof WechatError && error.code === 45011
        const wait = minute
          ? maxMs * 2
          : Math.min(maxMs, baseMs * 2 ** (n - 1)) * (0.75 + Math.random() * 0.5)
        this.config.onRetry?.(error as Error, n, Math.round(wait))
        await this.clock.sleep(wait)
      }
    }
  }
}

function readAnswer(api: string, res: HttpAnswer): Answer {
  let parsed: unknown
  try {
    parsed = JSON.parse(res.body.toString('utf8'))
  } catch {
    throw new TransportError(api, `HTTP ${res.status}, answer is not JSON`)
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new TransportError(api, 'answer is not a JSON object')
  const answer = parsed as Answer
  if (answer.errcode !== undefined && answer.errcode !== 0) {
    throw new WechatError(api, Number(answer.errcode), answer.errmsg)
  }
  return answer
}

function jumpGetAnswer<R>(a: Answer): JumpGetAnswer<R> {
  return {
    rule_list: Array.isArray(a.rule_list) ? (a.rule_list as R[]) : [],
    qrcodejump_open: Number(a.qrcodejump_open ?? 0),
    list_size: Number(a.list_size ?? 0),
    qrcodejump_pub_quota: Number(a.qrcodejump_pub_quota ?? 0),
    total_count: typeof a.total_count === 'number' ? a.total_count : undefined,
  }
}

function stringify(query: Record<string, string | number> | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(query ?? {})) out[k] = String(v)
  return out
}
