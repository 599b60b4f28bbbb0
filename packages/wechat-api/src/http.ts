import http from 'node:http'
import https from 'node:https'

import { HttpError, NetworkError, WechatError } from './errors'

/** A raw HTTP answer. */
export interface HttpAnswer {
  status: number
  contentType: string
  body: Buffer
}

/** A WeChat JSON answer: `errcode` 0 (or absent) and the API's fields. */
export type Answer = { errcode?: number; errmsg?: string } & Record<string, unknown>

/** How long a call may take, and whom to tell while it is slow. */
export interface HttpTiming {
  /** Give up on an answer after this long (the socket idle that long). */
  timeoutMs: number
  /** Told once per call when no answer has come after `slowMs` (default: half the timeout, at most 2 s). */
  onSlow?: (api: string, waitedMs: number, timeoutMs: number) => void
  slowMs?: number
}

/**
 * Sends requests over keep-alive connections of its own (thousands of calls to one host should not each pay a new
 * TCP and TLS handshake). `close()` drops them, so the process — or a test running a command in-process — can end.
 */
export class Http {
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 8 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 8 }),
  }

  constructor(private readonly timing: HttpTiming) {}

  /**
   * Sends one request; resolves with any HTTP answer, rejects with a NetworkError when none arrives — marked `sent`
   * when the request had gone out whole (WeChat may have acted on it) and `timedOut` when the wait ran out.
   */
  send(api: string, method: 'GET' | 'POST', url: string, body?: unknown): Promise<HttpAnswer> {
    const target = new URL(url)
    const secure = target.protocol === 'https:'
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8')
    const { timeoutMs, onSlow } = this.timing
    const slowMs = this.timing.slowMs ?? Math.min(2000, timeoutMs / 2)
    return new Promise((resolve, reject) => {
      let sent = false
      let timedOut = false
      const started = Date.now()
      const slow = onSlow ? setTimeout(() => onSlow(api, Date.now() - started, timeoutMs), slowMs) : undefined
      const fail = (detail: string) => {
        clearTimeout(slow)
        reject(new NetworkError(api, detail, { sent, timedOut }))
      }
      const req = (secure ? https : http).request(
        target,
        {
          method,
          agent: secure ? this.agents['https:'] : this.agents['http:'],
          headers: payload
            ? { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length }
            : undefined,
          timeout: timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            clearTimeout(slow)
            resolve({
              status: res.statusCode ?? 0,
              contentType: String(res.headers['content-type'] ?? ''),
              body: Buffer.concat(chunks),
            })
          })
          res.on('error', (e) => fail(e.message))
        }
      )
      // Handed to the OS whole: from here on, a lost answer leaves WeChat's side unknown.
      req.on('finish', () => (sent = true))
      req.on('timeout', () => {
        timedOut = true
        req.destroy(new Error(`no answer within ${seconds(timeoutMs)}`))
      })
      req.on('error', (e) => fail(e.message))
      req.end(payload)
    })
  }

  /** Closes every connection, idle or not. */
  close(): void {
    this.agents['http:'].destroy()
    this.agents['https:'].destroy()
  }
}

/** 10000 → "10 s", 1500 → "1.5 s". */
export function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`
}

/**
 * Reads WeChat's JSON answer. A non-zero errcode is a WechatError (WeChat's own words, through the error table);
 * anything that is not a JSON object, or an error status without an errcode, is an HttpError saying what came back.
 */
export function readAnswer(api: string, res: HttpAnswer): Answer {
  let parsed: unknown
  try {
    parsed = JSON.parse(res.body.toString('utf8'))
  } catch {
    throw new HttpError(api, res.status, res.contentType, "WeChat's JSON answer", res.body)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(api, res.status, res.contentType, "WeChat's JSON object", res.body)
  }
  const answer = parsed as Answer
  if (answer.errcode !== undefined && answer.errcode !== 0) {
    throw new WechatError(api, Number(answer.errcode), answer.errmsg)
  }
  if (res.status < 200 || res.status >= 300) {
    throw new HttpError(api, res.status, res.contentType, 'HTTP 200', res.body)
  }
  return answer
}
