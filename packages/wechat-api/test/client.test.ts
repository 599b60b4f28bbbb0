// The WeChat client in-process against the fake: tokens, rates, paging, typed errors. (Retries: retry.test.ts.)
import { FAKE_CREDENTIALS, type FakeWechat } from '../fake'
import { DEFAULT_RETRY, SlidingWindow, WechatError, parseRate, type Clock } from '../src'
import { GIVEN_TOKEN, clientOf, startFake, startInLockstep } from './helpers'

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

describe('the pace adapts to WeChat (issue 10 §6)', () => {
  const manual = () => {
    let now = 0
    const clock: Clock & { advance(ms: number): void } = {
      now: () => now,
      sleep: async (ms) => void (now += ms),
      advance: (ms) => void (now += ms),
    }
    return clock
  }

  it('halves on 44990 once per burst, then grows back by one after each 10 quiet windows', () => {
    const clock = manual()
    const changes: string[] = []
    const window = new SlidingWindow(5, 1000, clock, (limit, was) => changes.push(`${was}→${limit}`))
    window.slowDown()
    window.slowDown() // the same burst: parallel calls refused together
    expect(window.pace).toBe(2)
    clock.advance(1000)
    window.slowDown()
    expect(window.pace).toBe(1)
    clock.advance(9_999)
    window.settle()
    expect(window.pace).toBe(1)
    clock.advance(1)
    window.settle()
    window.settle()
    expect(window.pace).toBe(2)
    for (let i = 0; i < 5; i++) {
      clock.advance(10_000)
      window.settle()
    }
    expect(window.pace).toBe(5) // never above the rate asked for
    expect(changes).toEqual(['5→2', '2→1', '1→2', '2→3', '3→4', '4→5'])
  })

  it('lets at most the lowered pace start in any window after a slow-down', async () => {
    const clock = manual()
    const window = new SlidingWindow(5, 1000, clock)
    const starts: number[] = []
    for (let i = 0; i < 5; i++) {
      await window.take()
      starts.push(clock.now())
    }
    window.slowDown()
    for (let i = 0; i < 6; i++) {
      await window.take()
      starts.push(clock.now())
    }
    const after = starts.slice(5)
    for (let i = 2; i < after.length; i++) expect(after[i] - after[i - 2]).toBeGreaterThanOrEqual(1000)
    // And the five before the slow-down still count: the first call after it waits for them to leave the window.
    expect(after[0] - starts[3]).toBeGreaterThanOrEqual(1000)
  })

  it('keeps 4 parallel lanes within a 2/s limit: every call succeeds (fake WeChat at 2/s)', async () => {
    // The fake meters arrivals on the client's virtual clock (startInLockstep): what it refuses is decided by the two
    // limiters, whatever the machine's load. Few, quick retries: at a fixed 5/s three of every five calls a second
    // would be refused and the lanes would use their tries up.
    await fake.close()
    const { fake: slow, clock } = await startInLockstep({ perSecond: 2, perMinute: 1000 })
    fake = slow
    const paces: number[] = []
    const c = clientOf(fake, {
      clock,
      onSend: clock.onSend,
      onRetry: clock.onAnswer,
      credentials: GIVEN_TOKEN,
      rate: { perSecond: 5, perMinute: 1000 },
      retry: { ...DEFAULT_RETRY, attempts: 3, baseMs: 5, maxMs: 50 },
      onPace: (perSecond) => paces.push(perSecond),
    })
    const lane = async () => {
      for (let i = 0; i < 3; i++) await c.getRules().finally(clock.onAnswer)
    }
    await expect(Promise.all([lane(), lane(), lane(), lane()])).resolves.toHaveLength(4)
    // Halved once: the first calls start together and are refused together (a third may start before the client
    // reads the first refusal; which lane it is depends on the order the answers come in).
    expect(paces).toEqual([2])
    const log = fake.snapshot().log
    const refused = log.filter((l) => l.answer !== 'ok')
    expect(refused.length).toBeGreaterThanOrEqual(2)
    expect(refused.map((l) => `${l.at} ${l.answer}`)).toEqual(refused.map(() => '0 errcode 44990'))
    expect(log.filter((l) => l.answer === 'ok')).toHaveLength(12)
    // After the slow-down at most two start in any second, so the fake refuses none of them.
    const after = log.filter((l) => l.at > 0).map((l) => l.at)
    expect(after).toHaveLength(10)
    for (let i = 2; i < after.length; i++) expect(after[i] - after[i - 2]).toBeGreaterThanOrEqual(1000)
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
    // No new token can be fetched for a given one: the message must not say one was (issue 10 §6).
    expect((error as Error).message).not.toContain('even after fetching a new one')
    expect((error as Error).message).toContain('WeChat refused the access token given in WECHAT_ACCESS_TOKEN')
  })

  it('fetches a new token once when WeChat revokes the one in use (40001), and goes on', async () => {
    const c = clientOf(fake)
    await c.getRules()
    fake.revokeTokens()
    await expect(c.getRules()).resolves.toMatchObject({ rule_list: [] })
    expect(fake.snapshot().log.map((l) => `${l.api} ${l.answer}`)).toEqual([
      'token ok',
      'qrcodejumpget ok',
      'qrcodejumpget errcode 40001',
      'token ok',
      'qrcodejumpget ok',
    ])
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
    // The fake counts arrivals on the client's virtual clock (startInLockstep): the fourth call within a second is
    // refused however slowly the machine carries the five.
    await fake.close()
    const { fake: slow, clock } = await startInLockstep({ perSecond: 3, perMinute: 1000 })
    fake = slow
    const retries: number[] = []
    const paces: number[] = []
    const c = clientOf(fake, {
      clock,
      onSend: clock.onSend,
      credentials: GIVEN_TOKEN,
      rate: { perSecond: 50, perMinute: 1000 },
      retry: { ...DEFAULT_RETRY, attempts: 8, baseMs: 100, maxMs: 800 },
      onRetry: (e) => {
        retries.push((e as WechatError).code)
        clock.onAnswer()
      },
      onPace: (perSecond) => paces.push(perSecond),
    })
    for (let i = 0; i < 5; i++) await c.getRules().finally(clock.onAnswer)
    // Refused until the first three leave the fake's window: backoff 100, 200, 400, 800 ms (jitter at its middle).
    expect(retries).toEqual([44990, 44990, 44990, 44990])
    expect(clock.waits).toEqual([100, 200, 400, 800])
    expect(paces).toEqual([25]) // halved once: the refusals within one window are one burst
    expect(fake.snapshot().log.map((l) => `${l.at} ${l.answer}`)).toEqual([
      '0 ok',
      '0 ok',
      '0 ok',
      '0 errcode 44990',
      '100 errcode 44990',
      '300 errcode 44990',
      '700 errcode 44990',
      '1500 ok',
      '1500 ok',
    ])
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
