import http from 'node:http'
import type { AddressInfo } from 'node:net'
import {
  checkCreateOrder,
  checkIdempotencyKey,
  errorBody,
  ERROR_STATUS,
  IDEMPOTENCY_HEADER,
  LIMITS,
  matchApiPath,
  type ApiErrorCode,
} from '../src/order/api-contract'
import { DEMO_STORES, type DemoStore } from './demo-menu'
import type { H5Site } from './h5-site'
import { OrderBook, type OrderBookOptions } from './order-book'
import { splitTarget } from './request-target'
import { ticketSceneMap, type SceneMap } from './scene-map'
import type { PushHandler } from './wechat-push'

export interface DemoApiOptions extends OrderBookOptions {
  stores?: readonly DemoStore[]
  /** The tickets `/api/tickets/resolve` knows (none by default). */
  tickets?: SceneMap
  /** One line per request (method, path, status, ms); silent by default. */
  log?: (line: string) => void
  /** Answers WeChat's server push at `/wechat/push` (none by default: 404). */
  push?: PushHandler | null
  /** The browser build at the printed link (server/h5-site.ts); the API alone without it. */
  site?: H5Site
  /** Answers every API request this many ms late: a slow network or backend, for trying and the bench (default 0). */
  delayMs?: number
  /** How a delayed answer waits (default setTimeout); tests hand in their own. */
  timer?: (send: () => void, ms: number) => void
}

export interface DemoApi {
  server: http.Server
  orders: OrderBook
}

export interface RunningDemoApi extends DemoApi {
  /** `http://127.0.0.1:<port>` */
  url: string
  close(): Promise<void>
}

type Answer = { status: number; body: unknown; headers?: Record<string, string> }

// Past this many bytes a body is not read to its end: the connection is dropped after the 413.
const DRAIN_LIMIT = 1024 * 1024

const fail = (code: ApiErrorCode, message: string, field?: string): Answer => ({
  status: ERROR_STATUS[code],
  body: errorBody(code, message, field),
})

/** The demo backend: the order API contract over node:http, orders in memory. Every failure is a JSON error. */
export function createDemoApi({
  stores = DEMO_STORES,
  tickets = ticketSceneMap([]),
  log,
  push,
  site,
  delayMs = 0,
  timer = (send, ms) => void setTimeout(send, ms),
  ...book
}: DemoApiOptions = {}): DemoApi {
  const orders = new OrderBook(book)
  const byId = new Map(stores.map((store) => [store.menu.store.id, store]))

  function route(req: http.IncomingMessage, raw: Buffer | null): Answer {
    const { path, query } = splitTarget(req.url)
    const match = matchApiPath(path)
    if (!match) return fail('not-found', `no endpoint ${path}`)
    if (req.method !== match.method) {
      return {
        ...fail('method-not-allowed', `${path} accepts ${match.method}`),
        headers: { Allow: match.method },
      }
    }
    if (match.name === 'ticket') {
      const url = new URLSearchParams(query).get('url')
      if (!url) return fail('invalid-body', 'give the ticket url as ?url=<encoded url>', '/url')
      // `url` is the scanned link: a ticket url is a prefix rule at WeChat, so `…/q/02ab?x=1` is ticket `…/q/02ab`.
      // An expired temporary code is answered like an unknown one.
      const found = tickets.resolve(url, Math.floor(Date.now() / 1000))
      return found === undefined
        ? fail('unknown-ticket', `no ticket ${url}`)
        : { status: 200, body: { scene: found.scene } }
    }
    if (match.name === 'order') {
      const order = orders.get(match.id)
      return order ? { status: 200, body: order } : fail('not-found', `no order ${match.id}`)
    }
    const store = byId.get(match.store)
    if (!store) return fail('unknown-store', `no store ${match.store}`)
    if (match.name === 'menu') return { status: 200, body: store.menu }

    if (raw === null) return fail('payload-too-large', `the body exceeds ${LIMITS.body} bytes`)
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) {
      return fail('unsupported-media-type', 'send the order as Content-Type: application/json')
    }
    const key = checkIdempotencyKey(req.headers[IDEMPOTENCY_HEADER.toLowerCase()])
    if (!key.ok) return { status: ERROR_STATUS[key.error.code], body: { error: key.error } }
    let json: unknown
    try {
      json = JSON.parse(raw.toString('utf8'))
    } catch {
      return fail('invalid-json', 'the body is not valid JSON')
    }
    const request = checkCreateOrder(json)
    if (!request.ok) return { status: ERROR_STATUS[request.error.code], body: { error: request.error } }
    const placed = orders.place(store, key.value, request.value)
    if (placed.kind === 'refused')
      return { status: ERROR_STATUS[placed.error.code], body: { error: placed.error } }
    // 201 for a new order, 200 for a replay: the body is the same order either way.
    return { status: placed.kind === 'created' ? 201 : 200, body: placed.order }
  }

  const server = http.createServer((req, res) => {
    if (push?.(req, res)) return
    const started = Date.now()
    // A browser opening a path that is neither the site's nor the API's gets the app's error screen (404).
    if (
      site &&
      (site.handle(req, res) || (!isApiPath(splitTarget(req.url).path) && site.notFound(req, res)))
    ) {
      log?.(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`)
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= LIMITS.body) chunks.push(chunk)
      else if (size > DRAIN_LIMIT) req.destroy()
    })
    req.on('end', () => {
      let answer: Answer
      try {
        answer = route(req, size <= LIMITS.body ? Buffer.concat(chunks) : null)
      } catch (error) {
        // A bug answers 500 with a JSON error; the server keeps serving.
        console.error(error)
        answer = fail('internal', 'the demo backend failed on this request')
      }
      const text = JSON.stringify(answer.body)
      const send = () => {
        res.writeHead(answer.status, {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': Buffer.byteLength(text),
          'Cache-Control': 'no-store',
          'X-Content-Type-Options': 'nosniff',
          ...answer.headers,
        })
        res.end(text)
        log?.(`${req.method} ${req.url} ${answer.status} ${Date.now() - started}ms`)
      }
      if (delayMs > 0) timer(send, delayMs)
      else send()
    })
    req.on('error', () => res.destroy())
  })
  // Malformed HTTP never reaches the handler: answer it, do not crash.
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n')
    else socket.destroy()
  })
  return { server, orders }
}

/** Starts the demo backend on `host:port` (port 0: any free port) and resolves once it listens. */
export function startDemoApi({
  port = 0,
  host = '127.0.0.1',
  ...options
}: DemoApiOptions & { port?: number; host?: string } = {}): Promise<RunningDemoApi> {
  const api = createDemoApi(options)
  return new Promise((resolve, reject) => {
    api.server.once('error', reject)
    api.server.listen(port, host, () => {
      api.server.off('error', reject)
      const address = api.server.address() as AddressInfo
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
      resolve({
        ...api,
        url: `http://${shownHost}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            api.server.close(() => done())
            api.server.closeAllConnections()
          }),
      })
    })
  })
}

/** True for the API's namespace (every path of the contract is under `/api/`): its 404s stay JSON. */
function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/')
}
