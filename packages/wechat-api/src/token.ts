import { WechatError } from './errors'
import { send } from './http'
import { realClock, type Clock } from './rate'
import { redact, registerSecret } from './redact'
import type { TokenAnswer } from './types'

/** Where an access token comes from. */
export interface TokenSource {
  /** A token believed valid now. */
  get(): Promise<string>
  /** True when a stale token can be replaced (appid + secret known). */
  readonly canRefresh: boolean
  /** Drops the cached token and fetches a new one. */
  refresh(): Promise<string>
}

/** A token given as is (WECHAT_ACCESS_TOKEN): used until WeChat refuses it. */
export class GivenToken implements TokenSource {
  readonly canRefresh = false

  constructor(private readonly token: string) {
    registerSecret(token)
  }

  async get(): Promise<string> {
    return this.token
  }

  async refresh(): Promise<string> {
    return this.token
  }
}

/**
 * A token fetched from `cgi-bin/token` with appid + secret and cached in memory until shortly before it expires
 * (never written anywhere). Concurrent callers share one fetch.
 */
export class FetchedToken implements TokenSource {
  readonly canRefresh = true
  private cached: { value: string; renewAt: number } | null = null
  private pending: Promise<string> | null = null

  constructor(
    private readonly apiBase: string,
    private readonly appid: string,
    private readonly secret: string,
    private readonly timeoutMs: number,
    private readonly clock: Clock = realClock
  ) {
    registerSecret(secret)
  }

  async get(): Promise<string> {
    if (this.cached && this.clock.now() < this.cached.renewAt) return this.cached.value
    return this.refresh()
  }

  refresh(): Promise<string> {
    this.cached = null
    this.pending ??= this.fetch().finally(() => {
      this.pending = null
    })
    return this.pending
  }

  private async fetch(): Promise<string> {
    const query = new URLSearchParams({
      grant_type: 'client_credential',
      appid: this.appid,
      secret: this.secret,
    })
    const answer = await send(
      'token',
      'GET',
      `${this.apiBase}/cgi-bin/token?${query}`,
      undefined,
      this.timeoutMs
    )
    let parsed: Partial<TokenAnswer> & { errcode?: number; errmsg?: string }
    try {
      parsed = JSON.parse(answer.body.toString('utf8'))
    } catch {
      throw new WechatError('token', -1, redact(`HTTP ${answer.status}, not JSON`))
    }
    if (parsed.errcode) throw new WechatError('token', parsed.errcode, parsed.errmsg)
    if (typeof parsed.access_token !== 'string' || typeof parsed.expires_in !== 'number') {
      throw new WechatError('token', -1, 'answer without access_token')
    }
    registerSecret(parsed.access_token)
    // Renew early (at most 5 minutes before expiry): a token must not lapse between get() and WeChat reading it.
    const lead = Math.min(300, Math.floor(parsed.expires_in / 10)) * 1000
    this.cached = { value: parsed.access_token, renewAt: this.clock.now() + parsed.expires_in * 1000 - lead }
    return parsed.access_token
  }
}
