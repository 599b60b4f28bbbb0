// What is retried and how long it waits: recorded through the client's clock, never timed.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import type { FakeWechat } from '../fake'
import { DEFAULT_RETRY, HttpError, NetworkError, WechatError, retryWait } from '../src'
import { clientOf, recordingClock, startFake } from './helpers'

let fake: FakeWechat
beforeEach(async () => {
  fake = await startFake()
})
afterEach(async () => {
  await fake.close()
})

/** A client of the fake whose waits land in the returned array. */
function recorded(config: Parameters<typeof clientOf>[1] = {}) {
  const clock = recordingClock()
  const retries: Array<{ attempt: number; waitMs: number; name: string }> = []
  const client = clientOf(fake, {
    clock,
    onRetry: (e, attempt, waitMs) => retries.push({ attempt, waitMs, name: e.name }),
    ...config,
  })
  return { client, waits: clock.waits, retries }
}

describe('the retry policy', () => {
  it('backs off 0.5, 1, 2, 4 and 8 s on a busy answer and gives up after the sixth call', async () => {
    const { client, waits } = recorded({ retry: DEFAULT_RETRY })
    fake.inject({ api: 'qrcodejumpget', code: -1, times: 10 })
    await expect(client.getRules()).rejects.toMatchObject({ code: -1 })
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000])
    expect(fake.snapshot().calls.qrcodejumpget).toBe(6)
  })

  it('keeps each wait within ±25 % jitter of the doubling backoff, capped at maxMs', () => {
    const policy = { attempts: 9, baseMs: 500, maxMs: 3000 }
    for (const random of [0, 0.5, 0.999]) {
      const waits = [1, 2, 3, 4, 5].map((n) =>
        retryWait({}, n, { policy, clock: recordingClock(), random: () => random })
      )
      const nominal = [500, 1000, 2000, 3000, 3000]
      waits.forEach((wait, i) => {
        expect(wait).toBeGreaterThanOrEqual(nominal[i] * 0.75)
        expect(wait).toBeLessThanOrEqual(nominal[i] * 1.25)
      })
    }
  })

  it.each([
    { code: -1, name: 'system busy' },
    { code: 44990, name: 'too many a second' },
    { code: 886001, name: 'service-account busy' },
  ])('retries $code ($name) and succeeds', async ({ code }) => {
    const { client, retries } = recorded()
    fake.inject({ api: 'qrcodejumpget', code, times: 2 })
    await expect(client.getRules()).resolves.toMatchObject({ rule_list: [] })
    expect(retries.map((r) => r.attempt)).toEqual([1, 2])
  })

  it('waits for the next minute on 45011, as the error table says', async () => {
    const { client, waits } = recorded()
    fake.inject({ api: 'qrcodejumpget', code: 45011 })
    await client.getRules()
    expect(waits).toEqual([60_000])
  })

  it.each([85072, 61007, 40097, 886000])('does not retry %i: asking again cannot help', async (code) => {
    const { client, waits } = recorded()
    fake.inject({ api: 'qrcodejumpget', code })
    await expect(client.getRules()).rejects.toBeInstanceOf(WechatError)
    expect(waits).toEqual([])
    expect(fake.snapshot().calls.qrcodejumpget).toBe(1)
  })
})

describe('showqrcode: only a 5xx or no answer is retried', () => {
  it('does not retry a permanent 404 (one request, an HttpError naming the status)', async () => {
    const { client, waits } = recorded()
    const code = await client.createTicket('store=12&table=5')
    fake.inject({ api: 'showqrcode', status: 404, contentType: 'text/html', body: '<h1>Not Found</h1>' })
    const error = await client.fetchTicketImage(code.ticket).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpError)
    expect(error).toMatchObject({ status: 404, retryable: false })
    expect((error as Error).message).toContain('HTTP 404 (text/html)')
    expect(waits).toEqual([])
    expect(fake.snapshot().calls.showqrcode).toBe(1)
  })

  it('retries a 502 from a proxy, then gets the image', async () => {
    const { client, retries } = recorded()
    const code = await client.createTicket('store=12&table=6')
    fake.inject({ api: 'showqrcode', status: 502, body: '<h1>Bad Gateway</h1>', times: 2 })
    const { contentType } = await client.fetchTicketImage(code.ticket)
    expect(contentType).toBe('image/png')
    expect(retries.map((r) => r.name)).toEqual(['HttpError', 'HttpError'])
    expect(fake.snapshot().calls.showqrcode).toBe(3)
  })

  it("stops on WeChat's JSON error for an unknown ticket without retrying", async () => {
    const { client, waits } = recorded()
    await expect(client.fetchTicketImage('no-such-ticket')).rejects.toMatchObject({ code: 40097 })
    expect(waits).toEqual([])
  })
})

describe('no answer at all', () => {
  it('retries a refused connection with backoff and then stops with a NetworkError', async () => {
    // A port that was just free: nothing listens on it.
    const server = http.createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const { client, waits } = recorded({ apiBase: `http://127.0.0.1:${port}`, retry: DEFAULT_RETRY })
    const error = await client.getRules().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000])
  })

  it('does not retry an HTML page answered with 200 to the token call, and says what it was', async () => {
    const { client, waits } = recorded()
    fake.inject({ api: 'token', status: 200, contentType: 'text/html', body: '<html>captive portal</html>' })
    const error = await client.getRules().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpError)
    expect((error as Error).message).toContain('token: WeChat answered HTTP 200 (text/html)')
    expect(waits).toEqual([])
  })
})
