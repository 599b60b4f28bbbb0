// The demo backend as users run it (`npm run api`): a real process on 127.0.0.1, real HTTP, the contract's checks.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { listenOptions } from '../../server/demo-api'
import {
  apiPath,
  checkMenu,
  checkOrder,
  checkTicketScene,
  LIMITS,
  readApiError,
  type Order,
} from '../../src/order/api-contract'
import { ORDER_REQUEST as ORDER } from '../fixtures/order-request'
import { PROCESS_TIMEOUT, runApi, startApi, type ApiProcess } from './real-process'

interface Reply {
  status: number
  headers: http.IncomingHttpHeaders
  json: unknown
}

function request(
  method: string,
  path: string,
  { body, headers = {} }: { body?: string | object; headers?: Record<string, string> } = {}
): Promise<Reply> {
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, server.url), { method, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => (text += d))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(text) })
      )
    })
    req.on('error', reject)
    req.end(payload)
  })
}

const JSON_TYPE = { 'Content-Type': 'application/json' }
let keys = 0
/** A fresh valid idempotency key per call. */
const newKey = () => `test.${Date.now().toString(36)}.${(keys += 1)}.abcdef`

function placeOrder(body: object, key = newKey(), store = 12): Promise<Reply> {
  return request('POST', `/api/stores/${store}/orders`, {
    body,
    headers: { ...JSON_TYPE, 'Idempotency-Key': key },
  })
}

const tmp = mkdtempSync(join(tmpdir(), 'demo-api-test-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

// Every test here may start the real process or wait for it: tsx's start-up on a busy machine.
jest.setTimeout(PROCESS_TIMEOUT)

// Stopped with every other process of this file after it (real-process.ts).
let server: ApiProcess
beforeAll(async () => {
  server = await startApi()
})

describe('serving the contract', () => {
  it('prints its URL on 127.0.0.1 and serves the menu of store 12 (where rules.json routes) and store 7', async () => {
    expect(server.output()).toContain('12 小满面馆')
    for (const store of [12, 7]) {
      const reply = await request('GET', `/api/stores/${store}/menu`)
      expect(reply.status).toBe(200)
      expect(reply.headers['content-type']).toBe('application/json; charset=utf-8')
      const menu = checkMenu(reply.json)
      expect(menu.ok && menu.value.store.id).toBe(store)
      expect(menu.ok && menu.value.categories.flatMap((c) => c.items).length).toBeGreaterThan(2)
    }
  })

  it('creates an order priced by its own menu (201), then answers its status by id', async () => {
    const created = await placeOrder(ORDER)
    expect(created.status).toBe(201)
    const order = checkOrder(created.json)
    if (!order.ok) throw new Error(order.error.message)
    expect(order.value).toMatchObject({
      store: 12,
      mode: 'dine-in',
      table: '5',
      total: 6200,
      note: '少辣',
      status: 'received',
      lines: [
        { item: 'beef-noodles', name: '红烧牛肉面', price: 2800, qty: 2 },
        { item: 'plum-juice', name: '酸梅汤', price: 600, qty: 1 },
      ],
    })
    expect(order.value.number).toMatch(/^\d{3}$/)

    const read = await request('GET', `/api/orders/${order.value.id}`)
    expect(read.status).toBe(200)
    expect(read.json).toEqual(order.value)
  })

  it('takes takeaway orders with table null', async () => {
    const reply = await placeOrder({ ...ORDER, mode: 'takeaway', table: null })
    expect(reply.status).toBe(201)
    expect(reply.json).toMatchObject({ mode: 'takeaway', table: null })
  })
})

describe('the idempotency key', () => {
  it('answers the same key and body with the same order (200), never a second one', async () => {
    const key = newKey()
    const first = await placeOrder(ORDER, key)
    const again = await placeOrder(ORDER, key)
    expect(first.status).toBe(201)
    expect(again.status).toBe(200)
    expect((again.json as Order).id).toBe((first.json as Order).id)
    expect((again.json as Order).number).toBe((first.json as Order).number)
  })

  it('makes one order of concurrent requests with one key', async () => {
    const key = newKey()
    const replies = await Promise.all(Array.from({ length: 5 }, () => placeOrder(ORDER, key)))
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201])
    expect(new Set(replies.map((r) => (r.json as Order).id)).size).toBe(1)
  })

  it('refuses the same key with a different body (422), keeping the first order', async () => {
    const key = newKey()
    const first = await placeOrder(ORDER, key)
    const other = await placeOrder({ ...ORDER, note: '不要香菜' }, key)
    expect(other.status).toBe(422)
    expect(readApiError(other.json)?.code).toBe('idempotency-key-reused')
    expect((await request('GET', `/api/orders/${(first.json as Order).id}`)).json).toMatchObject({
      note: '少辣',
    })
  })

  it('scopes keys to the store', async () => {
    const key = newKey()
    const at12 = await placeOrder(ORDER, key, 12)
    const at7 = await placeOrder(
      { mode: 'dine-in', table: '2', lines: [{ item: 'lime-soda', qty: 1 }], note: '', total: 1200 },
      key,
      7
    )
    expect([at12.status, at7.status]).toEqual([201, 201])
    expect((at7.json as Order).id).not.toBe((at12.json as Order).id)
  })

  it('makes a new order for a new key with the same body', async () => {
    const a = await placeOrder(ORDER)
    const b = await placeOrder(ORDER)
    expect((a.json as Order).id).not.toBe((b.json as Order).id)
  })
})

describe('bad requests get a 4xx JSON error', () => {
  it.each<{ why: string; send: () => Promise<Reply>; status: number; code: string; field?: string }>([
    { why: 'an unknown path', send: () => request('GET', '/api/nope'), status: 404, code: 'not-found' },
    { why: 'the site root', send: () => request('GET', '/'), status: 404, code: 'not-found' },
    {
      why: 'an unknown store',
      send: () => request('GET', '/api/stores/99/menu'),
      status: 404,
      code: 'unknown-store',
    },
    {
      why: 'an unknown order',
      send: () => request('GET', '/api/orders/o0000000000'),
      status: 404,
      code: 'not-found',
    },
    {
      why: 'POST to the menu',
      send: () => request('POST', '/api/stores/12/menu'),
      status: 405,
      code: 'method-not-allowed',
    },
    {
      why: 'GET on orders',
      send: () => request('GET', '/api/stores/12/orders'),
      status: 405,
      code: 'method-not-allowed',
    },
    {
      why: 'no idempotency key',
      send: () => request('POST', '/api/stores/12/orders', { body: ORDER, headers: JSON_TYPE }),
      status: 400,
      code: 'idempotency-key-missing',
    },
    {
      why: 'a malformed idempotency key',
      send: () => placeOrder(ORDER, 'short'),
      status: 400,
      code: 'idempotency-key-invalid',
    },
    {
      why: 'a form body',
      send: () =>
        request('POST', '/api/stores/12/orders', {
          body: 'mode=dine-in',
          headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Idempotency-Key': newKey() },
        }),
      status: 415,
      code: 'unsupported-media-type',
    },
    {
      why: 'broken JSON',
      send: () => placeOrder('{"mode":' as unknown as object),
      status: 400,
      code: 'invalid-json',
    },
    { why: 'a JSON array', send: () => placeOrder([ORDER]), status: 400, code: 'invalid-body' },
    {
      why: 'a qty of 0',
      send: () => placeOrder({ ...ORDER, lines: [{ item: 'beef-noodles', qty: 0 }] }),
      status: 400,
      code: 'invalid-body',
      field: '/lines/0/qty',
    },
    {
      why: 'a price field',
      send: () => placeOrder({ ...ORDER, price: 1 }),
      status: 400,
      code: 'invalid-body',
      field: '/price',
    },
    {
      why: 'a table that does not exist',
      send: () => placeOrder({ ...ORDER, table: '99' }),
      status: 422,
      code: 'unknown-table',
      field: '/table',
    },
    {
      why: 'an item not on the menu',
      send: () => placeOrder({ ...ORDER, lines: [{ item: 'lime-soda', qty: 1 }], total: 1200 }),
      status: 422,
      code: 'unknown-item',
      field: '/lines/0/item',
    },
    {
      why: 'a total that does not add up',
      send: () => placeOrder({ ...ORDER, total: 100 }),
      status: 409,
      code: 'total-mismatch',
      field: '/total',
    },
    {
      why: 'a body past the size limit',
      send: () => placeOrder({ ...ORDER, note: 'x'.repeat(LIMITS.body) }),
      status: 413,
      code: 'payload-too-large',
    },
  ])('$why → $status $code', async ({ send, status, code, field }) => {
    const reply = await send()
    expect(reply.status).toBe(status)
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8')
    const error = readApiError(reply.json)
    expect(error).toMatchObject({ code, message: expect.any(String) })
    expect(error?.field).toBe(field)
  })

  it('says which method an endpoint takes', async () => {
    expect((await request('DELETE', '/api/stores/12/menu')).headers.allow).toBe('GET')
  })

  it('answers malformed HTTP with 400 and keeps serving', async () => {
    const raw = await new Promise<string>((resolve, reject) => {
      const { port } = new URL(server.url)
      const socket = net.connect(Number(port), '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'))
      let text = ''
      socket.on('data', (d) => (text += d.toString('utf8')))
      socket.on('end', () => resolve(text))
      socket.on('error', reject)
    })
    expect(raw).toMatch(/^HTTP\/1\.1 400/)
    expect((await request('GET', '/api/stores/12/menu')).status).toBe(200)
  })
})

describe('resolving service-account tickets the package does not bundle', () => {
  const resolve = (url: string) => request('GET', apiPath.ticket(url))

  it.each([
    ['a scene_str ticket', 'http://weixin.qq.com/q/02demoStoreTicketS12T8', 'store=12&table=8'],
    ['a scene_id ticket', 'http://weixin.qq.com/q/02demoStoreTicketId1001', 1001],
  ])('answers the scene of %s from rules.json', async (_what, url, scene) => {
    const reply = await resolve(url)
    expect(reply.status).toBe(200)
    expect(checkTicketScene(reply.json)).toEqual({ ok: true, value: { scene } })
  })

  it.each([
    [
      'a query appended',
      'http://weixin.qq.com/q/02demoStoreTicketS12T8?utm_source=poster',
      'store=12&table=8',
    ],
    ['https and a fragment', 'https://weixin.qq.com/q/02demoStoreTicketS12T8#x', 'store=12&table=8'],
  ])(
    'answers the scene of a ticket link with %s, by the prefix rules the app uses',
    async (_what, url, scene) => {
      const reply = await resolve(url)
      expect(reply.status).toBe(200)
      expect(checkTicketScene(reply.json)).toEqual({ ok: true, value: { scene } })
    }
  )

  it.each([
    ['more path after the ticket', 'http://weixin.qq.com/q/02demoStoreTicketS12T8/x'],
    ['a longer ticket', 'http://weixin.qq.com/q/02demoStoreTicketS12T8X'],
    ['text that is not a link', 'store=12&table=8'],
  ])('answers 404 unknown-ticket for %s', async (_what, url) => {
    const reply = await resolve(url)
    expect(reply.status).toBe(404)
    expect(readApiError(reply.json)?.code).toBe('unknown-ticket')
  })

  it('answers 404 unknown-ticket for a url it does not know', async () => {
    const reply = await resolve('http://weixin.qq.com/q/02neverIssued')
    expect(reply.status).toBe(404)
    expect(readApiError(reply.json)?.code).toBe('unknown-ticket')
  })

  it('answers 400 when the url is missing', async () => {
    const reply = await request('GET', '/api/tickets/resolve')
    expect(reply.status).toBe(400)
    expect(readApiError(reply.json)).toMatchObject({ code: 'invalid-body', field: '/url' })
  })
})

describe('starting and stopping', () => {
  it('reads API_PORT, API_HOST and API_DELAY_MS, defaulting to 127.0.0.1:3001 without delay', () => {
    expect(listenOptions({})).toEqual({ port: 3001, host: '127.0.0.1', delayMs: 0 })
    expect(listenOptions({ API_PORT: '0', API_HOST: '::1', API_DELAY_MS: '150' })).toEqual({
      port: 0,
      host: '::1',
      delayMs: 150,
    })
    expect(listenOptions({ API_PORT: 'abc' })).toEqual({ error: expect.stringContaining('API_PORT') })
    expect(listenOptions({ API_PORT: '70000' })).toEqual({ error: expect.stringContaining('API_PORT') })
    for (const bad of ['-1', '1.5', 'slow', '60001'])
      expect(listenOptions({ API_DELAY_MS: bad })).toEqual({ error: expect.stringContaining('API_DELAY_MS') })
  })

  it('exits 2 with a message for a bad API_PORT', async () => {
    const run = await runApi({ API_PORT: 'eighty' })
    expect(run.status).toBe(2)
    expect(run.stderr).toContain('API_PORT must be a port number')
  })

  it('exits 1 with a message when the port is taken', async () => {
    const run = await runApi({ API_PORT: new URL(server.url).port })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('is in use')
  })

  // The loader the tools use (server/rule-file.ts): what is wrong, with the file's path, and what to do.
  it.each([
    {
      name: 'missing',
      text: null,
      says: 'Cannot read the rule file: ENOENT',
      hint: 'Check the path given to RULES.',
    },
    {
      name: 'not JSON',
      text: '{"rules": [',
      says: 'The rule file is not valid JSON',
      hint: 'Fix the JSON syntax.',
    },
  ])(
    'exits 2 saying what is wrong and what to do when the rule table (RULES) is $name',
    async ({ text, says, hint }) => {
      const rulesFile = join(tmp, text === null ? 'no-such-rules.json' : 'rules.json')
      if (text !== null) writeFileSync(rulesFile, text)
      const run = await runApi({ RULES: rulesFile })
      expect(run.status).toBe(2)
      // Two lines and nothing else: no stack trace.
      expect(run.stderr.trim().split('\n')).toEqual([
        expect.stringContaining(`${rulesFile}: ${says}`),
        `  hint: ${hint}`,
      ])
      expect(run.stdout).toBe('')
    }
  )

  // Last: it stops the server every test above talks to (one process fewer than a server of its own).
  it('stops cleanly on SIGTERM', async () => {
    expect((await server.signal('SIGTERM')).status).toBe(0)
  })
})
