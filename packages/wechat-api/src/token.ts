import { HttpError } from './errors'
import { readAnswer, type Http } from './http'
import type { Clock } from './rate'
import { registerSecret } from './redact'

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
    private readonly http: Http,
    private readonly apiBase: string,
    private readonly appid: string,
    private readonly secret: string,
    private readonly clock: Clock
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
    const res = await this.http.send('token', 'GET', `${this.apiBase}/cgi-bin/token?${query}`)
    const answer = readAnswer('token', res)
    if (typeof answer.access_token !== 'string' || typeof answer.expires_in !== 'number') {
      throw new HttpError('token', res.status, res.contentType, 'access_token and expires_in')
    }
    registerSecret(answer.access_token)
    // Renew early (at most 5 minutes before expiry): a token must not lapse between get() and WeChat reading it.
    const lead = Math.min(300, Math.floor(answer.expires_in / 10)) * 1000
    this.cached = { value: answer.access_token, renewAt: this.clock.now() + answer.expires_in * 1000 - lead }
    return answer.access_token
  }
}
