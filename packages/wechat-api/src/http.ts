import http from 'node:http'
import https from 'node:https'

import { TransportError } from './errors'

/** A raw HTTP answer. */
export interface HttpAnswer {
  status: number
  contentType: string
  body: Buffer
}

// Keep-alive: thousands of sequential calls to one host should not each pay a new TCP (and TLS) handshake.
const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 8 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 8 }),
}

/** Sends one request; resolves with any HTTP answer, rejects with a redacted TransportError on network failure. */
export function send(
  api: string,
  method: 'GET' | 'POST',
  url: string,
  body: unknown,
  timeoutMs: number
): Promise<HttpAnswer> {
  const target = new URL(url)
  const lib = target.protocol === 'https:' ? https : http
  const agent = target.protocol === 'https:' ? agents['https:'] : agents['http:']
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8')
  return new Promise((resolve, reject) => {
    const req = lib.request(
      target,
      {
        method,
        agent,
        headers: payload
          ? { 'content-type': 'application/json; charset=utf-8', 'content-length': payload.length }
          : undefined,
        timeout: timeoutMs,
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
        res.on('error', (e) => reject(new TransportError(api, e.message)))
      }
    )
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)))
    req.on('error', (e) => reject(new TransportError(api, e.message)))
    req.end(payload)
  })
}

/** Closes idle keep-alive sockets so a CLI can exit promptly. */
export function closeConnections(): void {
  agents['http:'].destroy()
  agents['https:'].destroy()
}
