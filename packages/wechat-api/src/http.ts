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

/**
 * Sends requests over keep-alive connections of its own (thousands of calls to one host should not each pay a new
 * TCP and TLS handshake). `close()` drops them, so the process — or a test running a command in-process — can end.
 */
export class Http {
  private readonly agents = {
    'http:': new http.Agent({ keepAlive: true, maxSockets: 8 }),
    'https:': new https.Agent({ keepAlive: true, maxSockets: 8 }),
  }

  constructor(private readonly timeoutMs: number) {}

  /** Sends one request; resolves with any HTTP answer, rejects with a NetworkError when none arrives. */
  send(api: string, method: 'GET' | 'POST', url: string, body?: unknown): Promise<HttpAnswer> {
    const target = new URL(url)
    const secure = target.protocol === 'https:'
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8')
    return new Promise((resolve, reject) => {
      const req = (secure ? https : http).request(
        target,
        {
          method,
          agent: secure ? this.agents['https:'] : this.agents['http:'],
          headers: payload
            ? { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length }
            : undefined,
          timeout: this.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              contentType: String(res.headers['content-type'] ?? ''),
              body: Buffer.concat(chunks),
            })
          )
          res.on('error', (e) => reject(new NetworkError(api, e.message)))
        }
      )
      req.on('timeout', () => req.destroy(new Error(`no answer within ${this.timeoutMs} ms`)))
      req.on('error', (e) => reject(new NetworkError(api, e.message)))
      req.end(payload)
    })
  }

  /** Closes every connection, idle or not. */
  close(): void {
    this.agents['http:'].destroy()
    this.agents['https:'].destroy()
  }
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
    throw new HttpError(api, res.status, res.contentType, 'a JSON answer')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(api, res.status, res.contentType, 'a JSON object')
  }
  const answer = parsed as Answer
  if (answer.errcode !== undefined && answer.errcode !== 0) {
    throw new WechatError(api, Number(answer.errcode), answer.errmsg)
  }
  if (res.status < 200 || res.status >= 300) throw new HttpError(api, res.status, res.contentType, 'HTTP 200')
  return answer
}
