import { HttpError, WechatError } from './errors'
import { Http, readAnswer, type Answer, type HttpAnswer, type HttpTiming } from './http'
import { WECHAT_LIMITS } from './limits'
import { SlidingWindow, WECHAT_RATE, realClock, type Clock, type RateSpec } from './rate'
import { DEFAULT_RETRY, withRetry, type RetryContext, type RetryPolicy } from './retry'
import { ticketAction } from './ticket-action'
import { FetchedToken, GivenToken, type TokenSource } from './token'
import type {
  CodeImage,
  CreatedTicket,
  FollowAccount,
  FollowAccountPage,
  JumpAddBody,
  JumpGetAnswer,
  RemoteRule,
  RemoteTicketRule,
  ShownFollowAccount,
  TicketJumpAddBody,
  TicketRequest,
  UnlimitedCodeBody,
  VerifyFile,
} from './types'

/** Which account's token a call uses: the mini program's, or the service account's (its parameter codes). */
export type Account = 'miniProgram' | 'serviceAccount'

/** An account's credentials: a token as is, or an appid and secret to fetch (and renew) one. */
export type Credentials = { token: string } | { appid: string; secret: string }

export interface ClientConfig {
  /** `https://api.weixin.qq.com`, or the fake server. */
  apiBase: string
  /** Host of `showqrcode` (`https://mp.weixin.qq.com`). */
  mpBase: string
  /** Per account; the same object for both accounts shares one token. */
  credentials: Partial<Record<Account, Credentials>>
  /** Default: WeChat's 5/s and 200/min. */
  rate?: RateSpec
  /** Default: DEFAULT_RETRY. */
  retry?: RetryPolicy
  /** How long one call may wait for its answer (default 10 s: WeChat answers in well under a second). */
  timeoutMs?: number
  /** Told once per call that has waited `slowMs` (default: half the timeout, at most 2 s) without an answer. */
  onSlow?: HttpTiming['onSlow']
  /** Time and sleeping, for the rate windows and retry waits (a test records waits instead of sleeping). */
  clock?: Clock
  /** The retry jitter's randomness (default Math.random). */
  random?: () => number
  /** Told about each retry (for a progress line); the error message is already redacted. */
  onRetry?: (error: Error, attempt: number, waitMs: number) => void
  /** Told when the pace (calls a second) changes: halved on 44990, one more after each quiet while. */
  onPace?: (perSecond: number, was: number) => void
  /**
   * Told before each API request leaves, retries included (not the token or image fetches): a tool counts calls
   * WeChat meters for the account's whole life (service-account qrcodejumpadd). Throwing stops the call unsent.
   */
  onSend?: (call: { api: string; account: Account; body: unknown }) => void
}

/** WeChat answers in well under a second; a call without an answer after this long is given up (and maybe retried). */
export const DEFAULT_TIMEOUT_MS = 10_000

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

/**
 * A typed WeChat API client: rate-limited (5/s overall, 200/min for service-account rule calls), retrying what may
 * succeed later (see RetryPolicy), refreshing a stale token once, and raising typed, redacted errors. `close()` it
 * when done.
 */
export class WechatClient {
  private readonly second: SlidingWindow
  private readonly minute: SlidingWindow
  private readonly http: Http
  private readonly retry: RetryContext
  private readonly tokens: Partial<Record<Account, TokenSource>> = {}

  constructor(private readonly config: ClientConfig) {
    const rate = config.rate ?? WECHAT_RATE
    const clock = config.clock ?? realClock
    this.second = new SlidingWindow(rate.perSecond, 1000, clock, config.onPace)
    this.minute = new SlidingWindow(rate.perMinute, 60_000, clock)
    this.http = new Http({ timeoutMs: config.timeoutMs ?? DEFAULT_TIMEOUT_MS, onSlow: config.onSlow })
    this.retry = {
      policy: config.retry ?? DEFAULT_RETRY,
      clock,
      random: config.random ?? Math.random,
      onRetry: config.onRetry,
    }
    const sources = new Map<Credentials, TokenSource>()
    for (const account of ['miniProgram', 'serviceAccount'] as const) {
      const credentials = config.credentials[account]
      if (!credentials) continue
      if (!sources.has(credentials)) {
        sources.set(
          credentials,
          'token' in credentials
            ? new GivenToken(credentials.token)
            : new FetchedToken(this.http, config.apiBase, credentials.appid, credentials.secret, clock)
        )
      }
      this.tokens[account] = sources.get(credentials)
    }
  }

  /** Closes the client's connections. */
  close(): void {
    this.http.close()
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
  ): Promise<{ rules: RemoteTicketRule[]; pubQuota: number; totalCount: number }> {
    const rules: RemoteTicketRule[] = []
    let pubQuota = 0
    let totalCount = 0
    // Bounded: WeChat holds at most 100 000 links, 200 a page; one extra page tolerates a rule added meanwhile.
    const maxPages = Math.ceil(WECHAT_LIMITS.ticketRules / WECHAT_LIMITS.pageSize) + 1
    for (let page = 1; page <= maxPages; page++) {
      const answer = await this.getTicketRulesPage(appid, page)
      rules.push(...answer.rule_list)
      pubQuota = answer.qrcodejump_pub_quota
      const total = answer.total_count ?? rules.length
      totalCount = total
      onPage?.(rules.length, total)
      if (answer.rule_list.length === 0 || rules.length >= total) break
    }
    return { rules, pubQuota, totalCount: Math.max(totalCount, rules.length) }
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
    return this.createCode({ scene })
  }

  /**
   * qrcode/create for any kind of parameter code: permanent or (with `expire_seconds`) temporary, with a `scene_str`
   * or a numeric `scene_id`. A temporary code's answer carries the `expire_seconds` WeChat granted.
   */
  async createCode(request: TicketRequest): Promise<CreatedTicket> {
    const { scene, expire_seconds } = request
    const body = {
      ...(expire_seconds === undefined ? {} : { expire_seconds }),
      action_name: ticketAction({
        numeric: typeof scene === 'number',
        temporary: expire_seconds !== undefined,
      }),
      action_info: { scene: typeof scene === 'number' ? { scene_id: scene } : { scene_str: scene } },
    }
    const a = await this.post('qrcode/create', 'cgi-bin/qrcode/create', 'serviceAccount', body)
    if (typeof a.ticket !== 'string' || typeof a.url !== 'string') {
      throw new HttpError('qrcode/create', 200, 'application/json', 'an answer with ticket and url')
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
    return withRetry(
      async () => readImage('showqrcode', await this.http.send('showqrcode', 'GET', url)),
      this.retry
    )
  }

  // ── mini program codes (mini program token) ─────────────────────────────────────────────────────────────────

  /** wxacode.getUnlimited: the image of a mini program code that opens `page` with `scene` (unlimited in number). */
  async getUnlimitedCode(body: UnlimitedCodeBody): Promise<CodeImage> {
    return this.call(
      {
        api: 'getwxacodeunlimit',
        path: 'wxa/getwxacodeunlimit',
        method: 'POST',
        account: 'miniProgram',
        body,
      },
      readImage
    )
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

  private async call(spec: CallSpec): Promise<Answer>
  private async call<T>(spec: CallSpec, read: (api: string, res: HttpAnswer) => T): Promise<T>
  private async call(
    spec: CallSpec,
    read: (api: string, res: HttpAnswer) => unknown = readAnswer
  ): Promise<unknown> {
    const source = this.tokens[spec.account]
    if (!source) {
      throw new WechatError(
        spec.api,
        41001,
        `no ${spec.account === 'miniProgram' ? 'mini program' : 'service account'} token configured`
      )
    }
    let refreshed = false
    const once = async (token: string) => {
      const query = new URLSearchParams({ ...stringify(spec.query), access_token: token })
      const url = `${this.config.apiBase}/${spec.path}?${query}`
      this.config.onSend?.({ api: spec.api, account: spec.account, body: spec.body })
      return read(spec.api, await this.http.send(spec.api, spec.method, url, spec.body))
    }
    const tokenRefused = (error: unknown): error is WechatError =>
      error instanceof WechatError && error.handling === 'refresh-token'
    return withRetry(async () => {
      await this.second.take()
      if (spec.perMinute) await this.minute.take()
      try {
        let answer: unknown
        try {
          answer = await once(await source.get())
        } catch (error) {
          // A stale token is renewed once per call; a second refusal is final (wrong secret or wrong account).
          if (!tokenRefused(error) || refreshed) throw error
          // A token given as is cannot be renewed: say so, not "even after fetching a new one".
          if (!source.canRefresh)
            throw new WechatError(error.api, error.code, error.errmsg, { givenToken: true })
          refreshed = true
          answer = await once(await source.refresh())
        }
        this.second.settle()
        return answer
      } catch (error) {
        if (error instanceof WechatError && error.tooFast) this.second.slowDown()
        throw error
      }
    }, this.retry)
  }
}

/**
 * An image answer: the bytes when WeChat sent an image, its JSON error when it sent one (a WechatError), else an
 * HttpError saying what came back instead (a proxy's page, an empty body).
 */
function readImage(api: string, res: HttpAnswer): CodeImage {
  if (res.status === 200 && res.contentType.startsWith('image/') && res.body.length > 0) {
    return { image: res.body, contentType: res.contentType }
  }
  if (res.contentType.includes('json')) readAnswer(api, res)
  throw new HttpError(api, res.status, res.contentType, 'an image', res.body)
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
