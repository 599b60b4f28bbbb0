// The order API client over a scripted transport: what it sends, when it repeats, how it fails.
import { createOrderApi, type HttpOutcome, type HttpRequest } from '../../src/order/api-client'
import { errorBody } from '../../src/order/api-contract'
import { canRetry, failureText } from '../../src/order/api-failure'
import { ORDER_REQUEST as BODY } from '../fixtures/order-request'

const MENU = { store: { id: 12, name: '小满面馆' }, categories: [] }
const ORDER = {
  id: 'o1a2b3c4d5e6',
  number: '001',
  store: 12,
  mode: 'dine-in',
  table: '5',
  lines: [{ item: 'a', name: '面', price: 100, qty: 1 }],
  note: '',
  total: 100,
  status: 'received',
  createdAt: '2026-11-23T00:00:00.000Z',
}
const KEY = 'cart.abcdefgh12345678.3'

const answer = (status: number, body: unknown): HttpOutcome => ({ kind: 'response', status, body })
const TIMEOUT: HttpOutcome = { kind: 'timeout', message: 'request:fail timeout', retryable: true }
const REFUSED: HttpOutcome = { kind: 'network', message: 'request:fail ECONNREFUSED', retryable: true }

/** A client whose transport answers with `outcomes` in turn; records requests and waits. */
function scripted(...outcomes: HttpOutcome[]) {
  const sent: HttpRequest[] = []
  const waits: number[] = []
  const api = createOrderApi({
    base: 'https://api.example.com',
    transport: async (request) => {
      sent.push(request)
      const next = outcomes.shift()
      if (!next) throw new Error('transport called more often than scripted')
      return next
    },
    sleep: async (ms) => {
      waits.push(ms)
    },
  })
  return { api, sent, waits }
}

describe('getMenu', () => {
  it('GETs the store menu with the read timeout and checks it', async () => {
    const { api, sent } = scripted(answer(200, MENU))
    await expect(api.getMenu(12)).resolves.toEqual({ ok: true, value: MENU })
    expect(sent).toEqual([
      { method: 'GET', url: 'https://api.example.com/api/stores/12/menu', headers: {}, timeoutMs: 8000 },
    ])
  })

  it.each<[string, HttpOutcome]>([
    ['a timeout', TIMEOUT],
    ['a refused connection', REFUSED],
    ['a 503', answer(503, 'busy')],
    ['a 429', answer(429, errorBody('internal', 'slow down'))],
  ])('repeats after %s, waiting 300 then 1000 ms', async (_why, transient) => {
    const { api, sent, waits } = scripted(transient, transient, answer(200, MENU))
    await expect(api.getMenu(12)).resolves.toMatchObject({ ok: true })
    expect(sent).toHaveLength(3)
    expect(waits).toEqual([300, 1000])
  })

  it('makes one attempt only when asked to (a prefetch: its caller asks again itself)', async () => {
    const { api, sent, waits } = scripted(TIMEOUT)
    await expect(api.getMenu(12, { once: true })).resolves.toEqual({
      ok: false,
      error: { kind: 'timeout', attempts: 1 },
    })
    expect(sent).toHaveLength(1)
    expect(waits).toEqual([])
  })

  it('gives up after three attempts with the last failure', async () => {
    const { api, sent } = scripted(REFUSED, TIMEOUT, TIMEOUT)
    await expect(api.getMenu(12)).resolves.toEqual({ ok: false, error: { kind: 'timeout', attempts: 3 } })
    expect(sent).toHaveLength(3)
  })

  it('does not repeat a 4xx, and reads its JSON error', async () => {
    const { api, sent } = scripted(answer(404, errorBody('unknown-store', 'no store 99')))
    await expect(api.getMenu(99)).resolves.toEqual({
      ok: false,
      error: { kind: 'http', status: 404, code: 'unknown-store', message: 'no store 99' },
    })
    expect(sent).toHaveLength(1)
  })

  it('does not repeat a request that could not be made', async () => {
    const { api, sent } = scripted({
      kind: 'network',
      message: 'wx.request is not a function',
      retryable: false,
    })
    await expect(api.getMenu(12)).resolves.toMatchObject({
      ok: false,
      error: { kind: 'network', attempts: 1 },
    })
    expect(sent).toHaveLength(1)
  })

  it('turns a throwing transport into a network failure instead of a rejection', async () => {
    const api = createOrderApi({
      base: 'https://x.example.com',
      transport: () => Promise.reject(new Error('boom')),
    })
    await expect(api.getMenu(12)).resolves.toMatchObject({ ok: false, error: { kind: 'network' } })
  })

  it.each<[string, unknown]>([
    ['an HTML page', '<html>ok</html>'],
    ['another store', { ...MENU, store: { id: 7, name: '青柠轻食' } }],
  ])('refuses a 200 with %s as a bad response', async (_why, body) => {
    const { api } = scripted(answer(200, body))
    await expect(api.getMenu(12)).resolves.toMatchObject({
      ok: false,
      error: { kind: 'bad-response', status: 200 },
    })
  })

  it('reads an error body that is not the contract as code "unknown"', async () => {
    const { api } = scripted(answer(400, '<html>Bad Request</html>'))
    await expect(api.getMenu(12)).resolves.toEqual({
      ok: false,
      error: { kind: 'http', status: 400, code: 'unknown', message: 'HTTP 400' },
    })
  })
})

describe('createOrder', () => {
  it('POSTs JSON with the idempotency key and the write timeout', async () => {
    const { api, sent } = scripted(answer(201, ORDER))
    await expect(api.createOrder(12, KEY, BODY)).resolves.toEqual({ ok: true, value: ORDER })
    expect(sent).toEqual([
      {
        method: 'POST',
        url: 'https://api.example.com/api/stores/12/orders',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': KEY },
        body: BODY,
        timeoutMs: 10000,
      },
    ])
  })

  it('repeats after a timeout with the same key and body (safe: the backend dedupes), and takes the replay', async () => {
    const { api, sent } = scripted(TIMEOUT, answer(200, ORDER))
    await expect(api.createOrder(12, KEY, BODY)).resolves.toEqual({ ok: true, value: ORDER })
    expect(sent).toHaveLength(2)
    expect(sent[1]).toEqual(sent[0])
  })

  it.each<[number, string]>([
    [409, 'total-mismatch'],
    [422, 'idempotency-key-reused'],
    [422, 'unknown-item'],
  ])('does not repeat a %i %s', async (status, code) => {
    const { api, sent } = scripted(answer(status, errorBody(code as 'total-mismatch', 'no')))
    await expect(api.createOrder(12, KEY, BODY)).resolves.toMatchObject({
      ok: false,
      error: { kind: 'http', status, code },
    })
    expect(sent).toHaveLength(1)
  })
})

describe('getOrder', () => {
  it('GETs the order by id', async () => {
    const { api, sent } = scripted(answer(200, ORDER))
    await expect(api.getOrder('o1a2b3c4d5e6')).resolves.toEqual({ ok: true, value: ORDER })
    expect(sent[0].url).toBe('https://api.example.com/api/orders/o1a2b3c4d5e6')
  })
})

describe('resolveTicket', () => {
  const URL_ = 'http://weixin.qq.com/q/02abc'

  it('GETs the ticket url encoded, with the short ticket timeout, and checks the scene', async () => {
    const { api, sent } = scripted(answer(200, { scene: 'store=12&table=5' }))
    await expect(api.resolveTicket(URL_)).resolves.toEqual({ ok: true, value: { scene: 'store=12&table=5' } })
    expect(sent).toEqual([
      {
        method: 'GET',
        url: 'https://api.example.com/api/tickets/resolve?url=http%3A%2F%2Fweixin.qq.com%2Fq%2F02abc',
        headers: {},
        timeoutMs: 3000,
      },
    ])
  })

  it('tries at most twice: a customer is waiting at the table', async () => {
    const { api, sent, waits } = scripted(TIMEOUT, TIMEOUT)
    await expect(api.resolveTicket(URL_)).resolves.toEqual({
      ok: false,
      error: { kind: 'timeout', attempts: 2 },
    })
    expect(sent).toHaveLength(2)
    expect(waits).toEqual([300])
  })

  it('reports 404 unknown-ticket as such', async () => {
    const { api } = scripted(answer(404, errorBody('unknown-ticket', 'no ticket')))
    await expect(api.resolveTicket(URL_)).resolves.toMatchObject({
      ok: false,
      error: { kind: 'http', code: 'unknown-ticket' },
    })
  })

  it.each([
    [{ scene: '' }],
    [{ scene: 'x'.repeat(65) }],
    [{ scene: 0 }],
    [{ scene: 1.5 }],
    [{}],
    ['store=12'],
  ])('refuses an answer that is not a WeChat scene: %j', async (body) => {
    const { api } = scripted(answer(200, body))
    await expect(api.resolveTicket(URL_)).resolves.toMatchObject({
      ok: false,
      error: { kind: 'bad-response' },
    })
  })
})

describe('what the customer is told', () => {
  it.each<[Parameters<typeof failureText>[0], string, boolean]>([
    [{ kind: 'timeout', attempts: 3 }, 'timeout', true],
    [{ kind: 'network', message: 'x', attempts: 3 }, 'offline', true],
    [{ kind: 'http', status: 503, code: 'unknown', message: '' }, 'server', true],
    [{ kind: 'http', status: 404, code: 'unknown-store', message: '' }, 'unknownStore', false],
    [{ kind: 'http', status: 422, code: 'unknown-table', message: '' }, 'unknownTable', false],
    [{ kind: 'http', status: 409, code: 'total-mismatch', message: '' }, 'itemsChanged', false],
    [{ kind: 'http', status: 422, code: 'unknown-item', message: '' }, 'itemsChanged', false],
    [{ kind: 'http', status: 404, code: 'not-found', message: '' }, 'notFound', false],
    [{ kind: 'http', status: 400, code: 'invalid-body', message: '' }, 'rejected', false],
    [{ kind: 'bad-response', status: 200, message: '' }, 'badResponse', true],
  ])('%j → %s (retry: %s)', (failure, text, retry) => {
    expect(failureText(failure)).toBe(text)
    expect(canRetry(failure)).toBe(retry)
  })
})
