// What is retried and how long it waits: recorded through the client's clock, never timed.
import { FAKE_CREDENTIALS, type FakeWechat } from '../fake'
import { DEFAULT_RETRY, HttpError, NetworkError, WechatError, retryWait } from '../src'
import { closedPort } from './closed-port'
import { GIVEN_TOKEN, clientOf, recordingClock, startFake } from './helpers'

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
    const policy = { ...DEFAULT_RETRY, attempts: 9, baseMs: 500, maxMs: 3000 }
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
    expect((error as Error).message).toContain(
      'HTTP 404 (text/html: "Not Found") where an image was expected'
    )
    expect((error as Error).message).toContain('Check WECHAT_MP_BASE')
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
    const port = await closedPort()
    const { client, waits } = recorded({ apiBase: `http://127.0.0.1:${port}`, retry: DEFAULT_RETRY })
    const error = await client.getRules().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect(waits).toEqual([500, 1000, 2000, 4000, 8000])
  })

  it('does not retry an HTML page answered with 200 to the token call, and says what it was', async () => {
    const { client, waits } = recorded()
    fake.inject({
      api: 'token',
      status: 200,
      contentType: 'text/html',
      body: '<html><head><title>Wi-Fi login</title></head><body>captive portal</body></html>',
    })
    const error = await client.getRules().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HttpError)
    expect((error as Error).message).toContain(
      'token: the server answered HTTP 200 (text/html: "Wi-Fi login") where WeChat\'s JSON answer was expected'
    )
    expect((error as Error).message).not.toMatch(/busy/i)
    expect(waits).toEqual([])
  })

  it("names a proxy's 502 page on the token call by status, type and title, after the retries", async () => {
    const { client, waits } = recorded()
    fake.inject({
      api: 'token',
      status: 502,
      contentType: 'text/html',
      body: '<html><title>502 Bad Gateway</title></html>',
      times: 10,
    })
    const error = (await client.getRules().catch((e: unknown) => e)) as Error
    expect(error.message).toContain('token: the server answered HTTP 502 (text/html: "502 Bad Gateway")')
    expect(waits).toHaveLength(DEFAULT_RETRY.attempts - 1)
  })
})

/** Only the faulted call waits out its timeout: a token given as is makes no token call first. */
const GIVEN = GIVEN_TOKEN

describe('a request that went out and got no answer (issue 10 §3)', () => {
  // The fake holds a `late` or `never` answer until the client hangs up, so each waits out exactly the timeout
  // whatever the machine's load; calls answered at once around it get generous time.
  const TIMEOUT_MS = 1500

  it('never sends qrcode/create again when its answer comes after the timeout: one code, an unknown outcome', async () => {
    const { client, waits } = recorded({ credentials: GIVEN, timeoutMs: TIMEOUT_MS })
    fake.inject({ api: 'qrcode/create', answer: 'late' })
    const error = await client.createTicket('store=12&table=5').catch((e: unknown) => e)
    expect(error).toMatchObject({ name: 'UnknownOutcomeError', api: 'qrcode/create', retryable: false })
    expect((error as Error).message).toContain('no answer within 1.5 s')
    expect((error as Error).message).toContain('WeChat may or may not have done it; it was not sent again')
    expect(fake.snapshot().log.map((c) => [c.api, c.answer])).toEqual([['qrcode/create', 'late']])
    expect(fake.snapshot().tickets).toHaveLength(1) // the code WeChat made, whose url never arrived
    expect(waits).toEqual([])
  })

  it.each([
    [
      'qrcodejumppublish',
      (c: ReturnType<typeof clientOf>) => c.publishTicketRule('http://weixin.qq.com/q/02a'),
    ],
    [
      'qrcodejumpdelete',
      (c: ReturnType<typeof clientOf>) =>
        c.deleteTicketRule('http://weixin.qq.com/q/02a', FAKE_CREDENTIALS.appid),
    ],
  ])('does not send %s again after a late answer: the caller checks instead', async (api, call) => {
    fake.world.ticketRules.set('http://weixin.qq.com/q/02a', {
      prefix: 'http://weixin.qq.com/q/02a',
      path: 'pages/index/index',
      state: 1,
    })
    const { client } = recorded({ credentials: GIVEN, timeoutMs: TIMEOUT_MS })
    fake.inject({ api, answer: 'late' })
    await expect(call(client)).rejects.toMatchObject({ name: 'UnknownOutcomeError', api })
    expect(fake.snapshot().log.map((c) => c.api)).toEqual([api])
  })

  it('sends qrcodejumpadd again after a late answer: the repeat answers 85071 (already added) for the caller to check', async () => {
    const { client, retries } = recorded({ credentials: GIVEN, timeoutMs: TIMEOUT_MS })
    fake.inject({ api: 'qrcodejumpadd', answer: 'late' })
    const add = client.addTicketRule({
      prefix: 'http://weixin.qq.com/q/02b',
      appid: FAKE_CREDENTIALS.appid,
      path: 'pages/index/index',
      is_edit: 0,
    })
    await expect(add).rejects.toMatchObject({ code: 85071, handling: 'already' })
    expect(retries.map((r) => r.name)).toEqual(['NetworkError'])
    expect(fake.snapshot().log.map((c) => c.answer)).toEqual(['late', 'errcode 85071'])
    expect(fake.snapshot().applied['add http://weixin.qq.com/q/02b']).toBe(1)
  })

  it('sends getwxacodeunlimit again after a late answer: a mini program code is the same image each time', async () => {
    const { client, retries } = recorded({ credentials: GIVEN, timeoutMs: TIMEOUT_MS })
    fake.inject({ api: 'getwxacodeunlimit', answer: 'late' })
    const code = await client.getUnlimitedCode({
      scene: 'store=12&table=5',
      page: 'pages/index/index',
      check_path: true,
      env_version: 'release',
      width: 430,
    })
    expect(code.contentType).toBe('image/png')
    expect(retries.map((r) => r.name)).toEqual(['NetworkError'])
    expect(fake.snapshot().log.map((c) => [c.api, c.answer])).toEqual([
      ['getwxacodeunlimit', 'late'],
      ['getwxacodeunlimit', 'ok'],
    ])
  })

  it('retries qrcode/create when the request never went out (connection refused): nothing was made', async () => {
    const port = await closedPort()
    const { client, waits } = recorded({ apiBase: `http://127.0.0.1:${port}`, credentials: GIVEN })
    const error = await client.createTicket('store=12&table=5').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ sent: false })
    expect(waits).toHaveLength(DEFAULT_RETRY.attempts - 1)
  })

  it('gives up on a server that never answers after 3 calls, and says so while waiting', async () => {
    const slow: string[] = []
    const { client, waits } = recorded({
      credentials: GIVEN,
      timeoutMs: 400,
      retry: DEFAULT_RETRY,
      onSlow: (api, _waited, timeout) => slow.push(`${api} ${timeout}`),
    })
    fake.inject({ api: 'qrcodejumpget', answer: 'never', times: 10 })
    const error = await client.getRules().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NetworkError)
    expect(error).toMatchObject({ timedOut: true, sent: true })
    expect((error as Error).message).toContain('no answer within 0.4 s')
    expect(fake.snapshot().log.map((c) => c.answer)).toEqual(['never', 'never', 'never'])
    expect(waits).toEqual([500, 1000])
    expect(slow).toEqual(['qrcodejumpget 400', 'qrcodejumpget 400', 'qrcodejumpget 400'])
  })
})
