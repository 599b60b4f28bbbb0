// The browser build's transport (fetch) against a real HTTP server on 127.0.0.1: every status is an answer, a body
// that is not JSON stays text for the contract checks to refuse, no answer is a timeout or a network failure.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import type { HttpRequest } from '../../src/order/api-client'
import { fetchTransport } from '../../src/platform/fetch-transport'
import { closedPortUrl } from '../fixtures/closed-port'

let server: http.Server
let base: string
const seen: Array<{ method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }> = []

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = ''
    req.on('data', (d: Buffer) => (body += d.toString('utf8')))
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body })
      if (req.url === '/json')
        return res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"a":1}')
      if (req.url === '/error') return res.writeHead(409).end('{"error":{"code":"x","message":"y"}}')
      if (req.url === '/text') return res.writeHead(502).end('<html>bad gateway</html>')
      if (req.url === '/empty') return res.writeHead(204).end()
      // /silent: never answers (the client's timeout decides).
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const request = (path: string, extra: Partial<HttpRequest> = {}): HttpRequest => ({
  method: 'GET',
  url: base + path,
  headers: {},
  timeoutMs: 5000,
  ...extra,
})

it('answers with the status and the parsed JSON body', async () => {
  expect(await fetchTransport(request('/json'))).toEqual({ kind: 'response', status: 200, body: { a: 1 } })
  expect(await fetchTransport(request('/error'))).toEqual({
    kind: 'response',
    status: 409,
    body: { error: { code: 'x', message: 'y' } },
  })
})

it('keeps a body that is not JSON as text, and an empty one as null', async () => {
  expect(await fetchTransport(request('/text'))).toEqual({
    kind: 'response',
    status: 502,
    body: '<html>bad gateway</html>',
  })
  expect(await fetchTransport(request('/empty'))).toEqual({ kind: 'response', status: 204, body: null })
})

it('sends a POST body as JSON with the given headers', async () => {
  await fetchTransport(
    request('/json', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'cart.abcdefghijklmnop.1' },
      body: { mode: 'takeaway', lines: [] },
    })
  )
  const last = seen[seen.length - 1]
  expect(last.method).toBe('POST')
  expect(last.headers['idempotency-key']).toBe('cart.abcdefghijklmnop.1')
  expect(JSON.parse(last.body)).toEqual({ mode: 'takeaway', lines: [] })
})

it('calls no answer within the timeout a timeout, worth repeating', async () => {
  const outcome = await fetchTransport(request('/silent', { timeoutMs: 200 }))
  expect(outcome).toEqual({ kind: 'timeout', message: 'no answer within 200 ms', retryable: true })
})

it('calls a refused connection a network failure, worth repeating', async () => {
  const outcome = await fetchTransport({ ...request('/json'), url: `${await closedPortUrl()}/json` })
  expect(outcome).toMatchObject({ kind: 'network', retryable: true })
})
