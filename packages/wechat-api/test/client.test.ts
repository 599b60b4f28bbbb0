// The WeChat client in-process against the fake: tokens, rates, paging, typed errors. (Retries: retry.test.ts.)
import { FAKE_CREDENTIALS, type FakeWechat } from '../fake'
import { SlidingWindow, WechatError, parseRate, realClock, type Clock } from '../src'
import { clientOf, startFake } from './helpers'

let fake: FakeWechat
beforeEach(async () => {
  fake = await startFake()
})
afterEach(async () => {
  await fake.close()
})

describe('rate', () => {
  it('parses 5/s,200/min and keeps WeChat figures for what is left out', () => {
    expect(parseRate('10/s')).toEqual({ perSecond: 10, perMinute: 200 })
    expect(parseRate('7/s,90/min')).toEqual({ perSecond: 7, perMinute: 90 })
    expect(() => parseRate('fast')).toThrow('not like')
  })

  it('lets at most `limit` calls start in any window', async () => {
    let now = 0
    const clock: Clock = { now: () => now, sleep: async (ms) => void (now += ms) }
    const window = new SlidingWindow(5, 1000, clock)
    const starts: number[] = []
    for (let i = 0; i < 12; i++) {
      await window.take()
      starts.push(now)
    }
    for (let i = 5; i < starts.length; i++) expect(starts[i] - starts[i - 5]).toBeGreaterThanOrEqual(1000)
  })
})

describe('WechatClient against the fake', () => {
  it('fetches one token and reuses it until it expires', async () => {
    const c = clientOf(fake)
    for (let i = 0; i < 5; i++) await c.getRules()
    expect(fake.snapshot().calls.qrcodejumpget).toBe(5)
    const tokens = (fake as unknown as { tokens: Map<string, number> }).tokens
    expect(tokens.size).toBe(2) // the given one plus the one fetched
  })

  it('fetches a new token once when WeChat says it expired (42001)', async () => {
    const c = clientOf(fake)
    await c.getRules()
    fake.expireTokens()
    await expect(c.getRules()).resolves.toMatchObject({ rule_list: [] })
  })

  it('stops on 40001 with a given token, without the token in the message', async () => {
    const token = 'given-but-wrong-token-0123456789'
    const c = clientOf(fake, { credentials: { miniProgram: { token } } })
    const error = await c.getRules().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WechatError)
    expect((error as WechatError).code).toBe(40001)
    expect((error as Error).message).not.toContain(token)
  })

  it('refuses a wrong secret with 40125 and never shows the secret', async () => {
    const secret = 'wrong-secret-abcdefabcdefabcdef'
    const c = clientOf(fake, { credentials: { miniProgram: { appid: FAKE_CREDENTIALS.appid, secret } } })
    const error = (await c.getRules().catch((e: unknown) => e)) as WechatError
    expect(error.code).toBe(40125)
    expect(error.message).not.toContain(secret)
  })

  it('makes a change once when its first answers were busy (-1, 886001)', async () => {
    const retries: number[] = []
    const c = clientOf(fake, { onRetry: (e) => retries.push((e as WechatError).code) })
    fake.inject({ api: 'qrcodejumpadd', code: -1, times: 2 })
    fake.inject({ api: 'qrcodejumpadd', code: 886001 })
    await c.addTicketRule({
      prefix: 'http://weixin.qq.com/q/02a',
      appid: FAKE_CREDENTIALS.appid,
      path: 'pages/index/index',
      is_edit: 0,
    })
    expect(retries).toEqual([-1, -1, 886001])
    expect(fake.snapshot().applied['add http://weixin.qq.com/q/02a']).toBe(1)
  })

  it('slows down and retries when WeChat answers 44990 (too fast)', async () => {
    fake.setRate({ perSecond: 3, perMinute: 1000 })
    const retries: number[] = []
    // Real time here: the fake counts real arrivals, so the client must really slow down.
    const c = clientOf(fake, {
      clock: realClock,
      rate: { perSecond: 50, perMinute: 1000 },
      retry: { attempts: 8, baseMs: 100, maxMs: 800 },
      onRetry: (e) => retries.push((e as WechatError).code),
    })
    for (let i = 0; i < 5; i++) await c.getRules()
    expect(retries.length).toBeGreaterThan(0)
    expect(new Set(retries)).toEqual(new Set([44990]))
  })

  it('pages through every service-account link (200 a page)', async () => {
    const c = clientOf(fake)
    for (let i = 0; i < 450; i++) {
      fake.world.ticketRules.set(`http://weixin.qq.com/q/02p${i}`, {
        prefix: `http://weixin.qq.com/q/02p${i}`,
        path: 'pages/index/index',
        state: 2,
      })
    }
    const all = await c.getAllTicketRules(FAKE_CREDENTIALS.appid)
    expect(all.rules).toHaveLength(450)
    expect(fake.snapshot().calls.qrcodejumpget).toBe(3)
  })

  it('creates a permanent string-scene code and fetches its image', async () => {
    const c = clientOf(fake)
    const code = await c.createTicket('store=12&table=5')
    expect(code.url).toMatch(/^http:\/\/weixin\.qq\.com\/q\/02/)
    expect(code.expire_seconds).toBeUndefined()
    const { image, contentType } = await c.fetchTicketImage(code.ticket)
    expect(contentType).toBe('image/png')
    expect(image.subarray(1, 4).toString()).toBe('PNG')
  })

  it('raises 85066 for a service-account prefix outside http://weixin.qq.com/q/', async () => {
    const c = clientOf(fake)
    await expect(
      c.addTicketRule({
        prefix: 'https://weixin.qq.com/q/02a',
        appid: FAKE_CREDENTIALS.appid,
        path: 'p',
        is_edit: 0,
      })
    ).rejects.toMatchObject({
      code: 85066,
    })
  })
})
