// A fake WeChat API server for tests and local runs: a real HTTP server on 127.0.0.1 speaking the documented
// request and answer shapes, with tokens that expire, WeChat's rate limits, and error injection.
import { randomBytes } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import QRCode from 'qrcode'

import { WECHAT_LIMITS } from '../src/limits'
import { WECHAT_RATE, realClock, type Clock, type RateSpec } from '../src/rate'
import { TICKET_PREFIX } from './jump-rule'
import { labelledPng, qrPng } from './png'
import { DEFAULT_WORLD, World, type Reply, type WorldOptions } from './world'
import { unlimitedCode } from './wxacode'

/**
 * The next `times` calls of `api` (any rule, code or follow API when absent; `token` and `showqrcode` only when
 * named), after skipping `after` of them, answer errcode `code` — or, with `status`, a raw HTTP answer that is not
 * WeChat's (a proxy's error page, a 404): `body` as `contentType` — or, with `answer`, no answer in time:
 * `'late'` does the call and answers only once the client has given up waiting (its timeout), so the change is made
 * but the client never learns of it; `'never'` does nothing and never answers (a server that hangs).
 * `api` is the client's name for the call: `qrcodejumpadd`, `qrcode/create`, `getshowwxaitem`, `token`…
 */
export type Fault = {
  api?: string
  times?: number
  after?: number
} & (
  | { code: number; errmsg?: string }
  | { status: number; contentType?: string; body?: string }
  | { answer: 'late' | 'never' }
)

/** One request the fake received, in the call log. */
export interface FakeCall {
  /** The client's name for the call (`qrcodejumpadd`, `qrcode/create`, `token`, `showqrcode`…). */
  api: string
  /** When it arrived: ms since the epoch, or on the clock a test gave (FakeOptions.clock). */
  at: number
  /** The JSON body (POST), or null. Never the query: it carries the token or the secret. */
  body: Record<string, unknown> | null
  /**
   * How it was answered: `ok`, `errcode <n>` (WeChat's error, the rate limits included), `HTTP <status>` (a raw
   * answer), `late` (done, the answer held back until the client gave up), `never` (not done, no answer).
   */
  answer: string
}

export interface FakeOptions {
  /** WeChat's side: appid, limits, quota, blacklist, follow accounts (defaults: DEFAULT_WORLD). */
  world?: Partial<WorldOptions>
  /** 0 (default): any free port. */
  port?: number
  /** appid → secret accepted by cgi-bin/token. */
  credentials?: Record<string, string>
  /** Tokens valid from the start (as WECHAT_ACCESS_TOKEN), until `expireTokens`. */
  tokens?: string[]
  /** Lifetime of tokens from cgi-bin/token (WeChat: 7200 s). */
  tokenTtlSeconds?: number
  /** WeChat's rates (5/s, 200/min for service-account rule calls); `false` turns limiting off. */
  rate?: RateSpec | false
  /**
   * The time the rate windows count arrivals in and the call log stamps them with (default: the system's). A test
   * gives the client's virtual clock, so that the fake meters calls at the times the client started them.
   */
  clock?: Pick<Clock, 'now'>
  /** Answer this much later, after the change is made: a killed client then cannot know it happened. */
  delayMs?: number
  faults?: Fault[]
  /**
   * Draw real, scannable QR codes for showqrcode (the standalone fake does). Off by default: drawing is slow inside
   * Jest's VM (~150 ms an image), so tests get a tiny PNG labelled with the code's url instead.
   */
  realImages?: boolean
}

/** Credentials of the default fake accounts (printed by `npm run fake-wechat`; never real). */
export const FAKE_CREDENTIALS = {
  appid: DEFAULT_WORLD.appid,
  secret: 'fake-secret-0123456789abcdef0123',
  token: 'FAKE-ACCESS-TOKEN-0123456789abcdef',
}

/** Where a test reads what happened. */
export interface FakeSnapshot {
  rules: unknown[]
  ticketRules: unknown[]
  tickets: Array<{ ticket: string; url: string; scene: string | number; expire_time?: number }>
  pubQuota: number
  /** Service-account qrcodejumpadd calls counted against the mini program's lifetime budget. */
  ticketRuleAdds: number
  shown: { is_open: number; appid: string }
  /** Requests per API, including refused ones. */
  calls: Record<string, number>
  /** Every request (the token calls and showqrcode too), oldest first; the last 10 000. */
  log: FakeCall[]
  /** Successful changes per `change prefix` (add, edit, publish, delete, create). */
  applied: Record<string, number>
}

type Handler = (body: Record<string, unknown>, query: URLSearchParams) => Reply

const CONTROL = '/__fake'
/** wxacode.getUnlimited answers an image, not JSON: served apart from the JSON handlers. */
const CODE_ROUTE = 'POST /wxa/getwxacodeunlimit'

export class FakeWechat {
  readonly world: World
  private server: http.Server | null = null
  private readonly tokens = new Map<string, number>()
  private readonly credentials: Record<string, string>
  private readonly ttlMs: number
  private rate: RateSpec | false
  private readonly clock: Pick<Clock, 'now'>
  private delayMs: number
  private faults: Fault[]
  private readonly calls = new Map<string, number>()
  private readonly log: FakeCall[] = []
  private readonly revoked = new Set<string>()
  private readonly second: number[] = []
  private readonly minute: number[] = []
  private readonly codeMinute: number[] = []
  private readonly images = new Map<string, Buffer>()
  private readonly handlers: Record<string, Handler>

  constructor(private readonly options: FakeOptions = {}) {
    const { world, credentials, tokens, tokenTtlSeconds, rate, delayMs, faults } = options
    this.world = new World({ ...DEFAULT_WORLD, ...world })
    this.credentials = credentials ?? { [FAKE_CREDENTIALS.appid]: FAKE_CREDENTIALS.secret }
    for (const t of tokens ?? [FAKE_CREDENTIALS.token]) this.tokens.set(t, Number.POSITIVE_INFINITY)
    this.ttlMs = (tokenTtlSeconds ?? 7200) * 1000
    this.rate = rate ?? WECHAT_RATE
    this.clock = options.clock ?? realClock
    this.delayMs = delayMs ?? 0
    this.faults = [...(faults ?? [])]
    const w = this.world
    this.handlers = {
      'POST /cgi-bin/wxopen/qrcodejumpadd': (b) => w.qrcodejumpadd(b),
      'POST /cgi-bin/wxopen/qrcodejumpget': (b) => w.qrcodejumpget(b),
      'POST /cgi-bin/wxopen/qrcodejumppublish': (b) => w.qrcodejumppublish(b),
      'POST /cgi-bin/wxopen/qrcodejumpdelete': (b) => w.qrcodejumpdelete(b),
      'POST /cgi-bin/wxopen/qrcodejumpdownload': () => w.qrcodejumpdownload(),
      'POST /cgi-bin/qrcode/create': (b) => w.qrcodeCreate(b),
      'GET /wxa/getwxamplinkforshow': (_b, q) =>
        w.getwxamplinkforshow(Number(q.get('page')), Number(q.get('num'))),
      'GET /wxa/getshowwxaitem': () => w.getshowwxaitem(),
      'POST /wxa/updateshowwxaitem': (b) => w.updateshowwxaitem(b),
    }
  }

  /** Starts listening on 127.0.0.1; resolves with the base URL (for WECHAT_API_BASE). */
  async start(): Promise<string> {
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch((e: Error) =>
        reply(res, 500, { errcode: -1, errmsg: `fake: ${e.message}` })
      )
    })
    // Tests kill clients mid-request: a reset socket is expected, not a crash.
    server.on('clientError', (_e, socket) => socket.destroy())
    this.server = server
    await new Promise<void>((resolve) => server.listen(this.options.port ?? 0, '127.0.0.1', resolve))
    return this.url
  }

  get url(): string {
    const address = this.server?.address() as AddressInfo | null
    if (!address) throw new Error('fake WeChat is not started')
    return `http://127.0.0.1:${address.port}`
  }

  /** Stops the server and drops idle connections. */
  async close(): Promise<void> {
    const server = this.server
    this.server = null
    if (!server) return
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** Queues an injected error. */
  inject(fault: Fault): void {
    this.faults.push({ times: 1, after: 0, ...fault })
  }

  setDelay(ms: number): void {
    this.delayMs = ms
  }

  setRate(rate: RateSpec | false): void {
    this.rate = rate
  }

  /** Every token issued so far (and the given ones) now answers 42001. */
  expireTokens(): void {
    for (const token of this.tokens.keys()) this.tokens.set(token, 0)
  }

  /**
   * Every token issued so far (and the given ones) now answers 40001, as when another server fetched a new token
   * for the same account, or the secret was reset. A token fetched after this works.
   */
  revokeTokens(): void {
    for (const token of this.tokens.keys()) this.revoked.add(token)
  }

  snapshot(): FakeSnapshot {
    const w = this.world
    return {
      rules: [...w.rules.values()],
      ticketRules: [...w.ticketRules.values()],
      tickets: [...w.tickets.entries()].map(([ticket, t]) => ({ ticket, ...t })),
      pubQuota: w.pubQuota,
      ticketRuleAdds: w.ticketRuleAdds,
      shown: w.shown,
      calls: Object.fromEntries(this.calls),
      log: this.log.map((c) => ({ ...c })),
      applied: Object.fromEntries(w.applied),
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const raw = await readBody(req)
    if (url.pathname.startsWith(CONTROL)) return this.control(url.pathname, raw, res)
    const api = apiName(url.pathname)
    const call = this.record(api, req.method === 'POST' ? raw : null)
    if (req.method === 'GET' && url.pathname === '/cgi-bin/token') {
      const fault = this.takeFault('token', true)
      if (fault) return answerFault(res, fault, call, () => this.token(url.searchParams))
      return reply(res, 200, this.token(url.searchParams), call)
    }
    if (req.method === 'GET' && url.pathname === '/cgi-bin/showqrcode') {
      this.calls.set(api, (this.calls.get(api) ?? 0) + 1)
      const fault = this.takeFault(api, true)
      return fault ? answerFault(res, fault, call) : this.image(url.searchParams, res, call)
    }

    const route = `${req.method} ${url.pathname}`
    const handler = this.handlers[route]
    this.calls.set(api, (this.calls.get(api) ?? 0) + 1)
    const code = route === CODE_ROUTE
    if (!handler && !code)
      return reply(res, 404, { errcode: 404, errmsg: `fake: no such API ${route}` }, call)

    const auth = this.authorize(url.searchParams.get('access_token'))
    if (auth) return reply(res, 200, auth, call)
    let body: Record<string, unknown> = {}
    if (req.method === 'POST') {
      if (raw.length === 0) return reply(res, 200, { errcode: 44002, errmsg: 'empty post data' }, call)
      if (!call.body) return reply(res, 200, { errcode: 47001, errmsg: 'data format error' }, call)
      body = call.body
    }
    const fault = this.takeFault(api)
    if (fault)
      return answerFault(
        res,
        fault,
        call,
        // A code image changes nothing at WeChat: a late one is only counted against the limits.
        () =>
          this.limit(api, body) ?? (handler ? handler(body, url.searchParams) : { errcode: 0, errmsg: 'ok' })
      )
    const limited = this.limit(api, body)
    if (limited) return reply(res, 200, limited, call)
    if (!handler) return this.code(body, res, call) // only the code route has no JSON handler

    const answer = handler(body, url.searchParams)
    // The change is made; the answer may be late (a client killed meanwhile never learns of it).
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs))
    reply(res, 200, answer, call)
  }

  /** Adds a request to the call log (its answer is filled in when given). */
  private record(api: string, raw: Buffer | null): FakeCall {
    let body: Record<string, unknown> | null = null
    if (raw && raw.length > 0) {
      try {
        const parsed: unknown = JSON.parse(raw.toString('utf8'))
        if (typeof parsed === 'object' && parsed !== null) body = parsed as Record<string, unknown>
      } catch {
        // Logged without a body; the handler answers 47001.
      }
    }
    const call: FakeCall = { api, at: this.clock.now(), body, answer: '' }
    this.log.push(call)
    if (this.log.length > 10_000) this.log.shift()
    return call
  }

  private token(q: URLSearchParams): Reply {
    if (q.get('grant_type') !== 'client_credential') return { errcode: 40002, errmsg: 'invalid grant_type' }
    const appid = q.get('appid') ?? ''
    if (!(appid in this.credentials)) return { errcode: 40013, errmsg: 'invalid appid' }
    if (this.credentials[appid] !== q.get('secret')) return { errcode: 40125, errmsg: 'invalid appsecret' }
    const token = `fake-token-${randomBytes(24).toString('hex')}`
    this.tokens.set(token, Date.now() + this.ttlMs)
    return { errcode: 0, errmsg: 'ok', access_token: token, expires_in: Math.round(this.ttlMs / 1000) }
  }

  private authorize(token: string | null): Reply | null {
    if (!token) return { errcode: 41001, errmsg: 'access_token missing' }
    const expires = this.tokens.get(token)
    if (expires === undefined || this.revoked.has(token))
      return { errcode: 40001, errmsg: 'invalid credential, access_token is invalid or not latest' }
    if (Date.now() >= expires) return { errcode: 42001, errmsg: 'access_token expired' }
    return null
  }

  private takeFault(api: string, named = false): Fault | null {
    const i = this.faults.findIndex((f) => f.api === api || (!named && !f.api))
    if (i < 0) return null
    const fault = this.faults[i]
    if ((fault.after ?? 0) > 0) {
      fault.after = (fault.after ?? 0) - 1
      return null
    }
    fault.times = (fault.times ?? 1) - 1
    if (fault.times <= 0) this.faults.splice(i, 1)
    return fault
  }

  private limit(api: string, body: Record<string, unknown>): Reply | null {
    if (!this.rate) return null
    const now = this.clock.now()
    prune(this.second, now - 1000)
    if (this.second.length >= this.rate.perSecond) {
      return { errcode: 44990, errmsg: 'reach max api second frequence limit' }
    }
    if (api === 'getwxacodeunlimit') {
      prune(this.codeMinute, now - 60_000)
      if (this.codeMinute.length >= WECHAT_LIMITS.codeCallsPerMinute) {
        return { errcode: 45009, errmsg: 'reach max api minute frequency limit' }
      }
      this.codeMinute.push(now)
    }
    const ticketCall =
      api.startsWith('qrcodejump') &&
      (typeof body.appid === 'string' || String(body.prefix ?? '').startsWith(TICKET_PREFIX))
    if (ticketCall) {
      prune(this.minute, now - 60_000)
      if (this.minute.length >= this.rate.perMinute) {
        return { errcode: 45011, errmsg: 'api minute-quota reach limit mustslower retry next minute' }
      }
      this.minute.push(now)
    }
    this.second.push(now)
    return null
  }

  private async image(q: URLSearchParams, res: http.ServerResponse, call: FakeCall): Promise<void> {
    const ticket = q.get('ticket') ?? ''
    const known = this.world.tickets.get(ticket)
    if (!known) return reply(res, 404, { errcode: 40097, errmsg: 'invalid ticket' }, call)
    let png = this.images.get(ticket)
    if (!png) {
      png = this.options.realImages
        ? await QRCode.toBuffer(known.url, { type: 'png', margin: 2, scale: 4 })
        : labelledPng(known.url)
      this.images.set(ticket, png)
    }
    call.answer = 'ok'
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length })
    res.end(png)
  }

  /** wxacode.getUnlimited: a real, decodable PNG (an ordinary QR code naming the page and scene), or WeChat's error. */
  private async code(body: Record<string, unknown>, res: http.ServerResponse, call: FakeCall): Promise<void> {
    const checked = unlimitedCode(body, this.world.options.appid, this.world.options.releasedPages)
    if ('errcode' in checked) return reply(res, 200, checked, call)
    const png = qrPng(checked.text, checked.width)
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs))
    call.answer = 'ok'
    if (res.destroyed) return
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length })
    res.end(png)
  }

  private control(path: string, raw: Buffer, res: http.ServerResponse): void {
    if (path === `${CONTROL}/state`) return reply(res, 200, this.snapshot())
    if (path !== `${CONTROL}/control`) return reply(res, 404, { error: 'no such control' })
    const c = raw.length ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {}
    for (const f of (c.faults as Fault[] | undefined) ?? []) this.inject(f)
    if (typeof c.delayMs === 'number') this.setDelay(c.delayMs)
    if (c.rate !== undefined) this.setRate(c.rate as RateSpec | false)
    if (typeof c.pubQuota === 'number') this.world.pubQuota = c.pubQuota
    if (c.expireTokens === true) this.expireTokens()
    if (c.revokeTokens === true) this.revokeTokens()
    reply(res, 200, { ok: true })
  }
}

function prune(stamps: number[], before: number) {
  while (stamps.length > 0 && stamps[0] <= before) stamps.shift()
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks)))
    req.on('error', reject)
  })
}

/** The client's name for the API at `pathname`: `/cgi-bin/wxopen/qrcodejumpadd` → `qrcodejumpadd`, `/cgi-bin/qrcode/create` → `qrcode/create`. */
function apiName(pathname: string): string {
  return pathname.replace(/^\/(?:cgi-bin\/(?:wxopen\/)?|wxa\/)/, '')
}

/**
 * Answers an injected fault. `perform` is the call itself: a `late` fault does it (its own answer is then held back
 * with the fault's), while the other faults refuse the call before it is done.
 */
async function answerFault(
  res: http.ServerResponse,
  fault: Fault,
  call: FakeCall,
  perform?: () => Reply
): Promise<void> {
  if ('code' in fault)
    return reply(res, 200, { errcode: fault.code, errmsg: fault.errmsg ?? `injected ${fault.code}` }, call)
  if ('answer' in fault) {
    if (fault.answer === 'late') perform?.()
    call.answer = fault.answer
    // Held until the client hangs up (its timeout): the answer can only ever be late, however busy the machine.
    await new Promise<void>((resolve) => (res.destroyed ? resolve() : res.once('close', () => resolve())))
    return
  }
  call.answer = `HTTP ${fault.status}`
  if (res.destroyed) return
  const body = fault.body ?? ''
  res.writeHead(fault.status, {
    'content-type': fault.contentType ?? 'text/html',
    'content-length': Buffer.byteLength(body),
  })
  res.end(body)
}

function reply(res: http.ServerResponse, status: number, body: object, call?: FakeCall): void {
  if (call) {
    const errcode = (body as { errcode?: unknown }).errcode
    const code = typeof errcode === 'number' ? errcode : 0
    call.answer = status !== 200 ? `HTTP ${status}` : code === 0 ? 'ok' : `errcode ${code}`
  }
  if (res.destroyed) return
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}
