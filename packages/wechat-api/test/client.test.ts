// The WeChat client in-process against the fake: tokens, retries, paging, typed errors, redaction.
import { WechatClient, type ClientConfig } from '../../../tools/wechat/client'
import { WECHAT_ERRORS, WechatError } from '../../../tools/wechat/errors'
import { closeConnections } from '../../../tools/wechat/http'
import { SlidingWindow, parseRate, type Clock } from '../../../tools/wechat/rate'
import { redact, registerSecret } from '../../../tools/wechat/redact'
import { FetchedToken, GivenToken } from '../../../tools/wechat/token'
import type { FakeWechat } from '../../fake-wechat/server'
import { FAKE_CREDENTIALS, FAST, startFake } from './helpers'

const FAST_RETRY = { attempts: 4, baseMs: 5, maxMs: 50 }

function client(fake: FakeWechat, config: Partial<ClientConfig> = {}): WechatClient {
  const token = new FetchedToken(fake.url, FAKE_CREDENTIALS.appid, FAKE_CREDENTIALS.secret, 5000)
  return new WechatClient({
    apiBase: fake.url,
    mpBase: fake.url,
    tokens: { miniProgram: token, serviceAccount: token },
    rate: FAST,
    retry: FAST_RETRY,
    ...config,
  })
}

let fake: FakeWechat
beforeEach(async () => {
  fake = await startFake()
})
afterEach(async () => {
  await fake.close()
})
afterAll(closeConnections)

describe('redact', () => {
  it.each([
    [
      'https://api.weixin.qq.com/cgi-bin/wxopen/qrcodejumpget?access_token=ABC123xyz&x=1',
      'access_token=***&x=1',
    ],
    ['GET /cgi-bin/token?grant_type=client_credential&appid=wx1&secret=s3cr3tvalue', 'appid=wx1&secret=***'],
    ['{"access_token":"tok-en.value","expires_in":7200}', '{"access_token":"***","expires_in":7200}'],
    ['authorizer_access_token=zzz', 'authorizer_access_token=***'],
  ])('masks credentials in %s', (text, expected) => {
    expect(redact(text)).toContain(expected)
  })

  it('masks a registered value wherever it appears', () => {
    registerSecret('the-live-token-0123456789')
    expect(redact('WeChat echoed the-live-token-0123456789 back')).toBe('WeChat echoed *** back')
  })
})

describe('error table', () => {
  // Every code wechat-facts §4 and the seeds document, plus the token endpoint's and the global ones they point to.
  const DOCUMENTED = [
    -1, 40001, 40097, 44990, 61007, 85066, 85068, 85069, 85070, 85071, 85072, 85073, 85074, 85075, 85095,
    886000, 886001,
  ]

  it.each(DOCUMENTED)('maps %i to a typed error with what to do', (code) => {
    const spec = WECHAT_ERRORS[code]
    expect(spec).toBeDefined()
    const error = new WechatError('qrcodejumpadd', code, 'from WeChat')
    expect(error.code).toBe(code)
    expect(error.errmsg).toBe('from WeChat')
    expect(error.message).toContain(spec.action)
  })

  it('retries busy and rate answers only', () => {
    const retryable = Object.entries(WECHAT_ERRORS)
      .filter(([, s]) => s.handling === 'retry')
      .map(([c]) => Number(c))
      .sort((a, b) => a - b)
    expect(retryable).toEqual([-1, 44990, 45011, 886001])
  })
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
    const c = client(fake)
    for (let i = 0; i < 5; i++) await c.getRules()
    expect(fake.snapshot().calls.qrcodejumpget).toBe(5)
    const tokens = (fake as unknown as { tokens: Map<string, number> }).tokens
    expect(tokens.size).toBe(2) // the given one plus the one fetched
  })

  it('fetches a new token once when WeChat says it expired (42001)', async () => {
    const c = client(fake)
    await c.getRules()
    fake.expireTokens()
    await expect(c.getRules()).resolves.toMatchObject({ rule_list: [] })
  })

  it('stops on 40001 with a given token, without the token in the message', async () => {
    const token = 'given-but-wrong-token-0123456789'
    const c = client(fake, { tokens: { miniProgram: new GivenToken(token) } })
    const error = await c.getRules().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WechatError)
    expect((error as WechatError).code).toBe(40001)
    expect((error as Error).message).not.toContain(token)
  })

  it('refuses a wrong secret with 40125 and never shows the secret', async () => {
    const secret = 'wrong-secret-abcdefabcdefabcdef'
    const token = new FetchedToken(fake.url, FAKE_CREDENTIALS.appid, secret, 5000)
    const c = client(fake, { tokens: { miniProgram: token } })
    const error = (await c.getRules().catch((e: unknown) => e)) as WechatError
    expect(error.code).toBe(40125)
    expect(error.message).not.toContain(secret)
  })

  it('retries busy answers (-1, 886001) with backoff and succeeds', async () => {
    const retries: number[] = []
    const c = client(fake, { onRetry: (e) => retries.push((e as WechatError).code) })
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

  it('gives up after the last attempt with the busy error', async () => {
    const c = client(fake)
    fake.inject({ api: 'qrcodejumpget', code: -1, times: 10 })
    await expect(c.getRules()).rejects.toMatchObject({ code: -1 })
  })

  it('slows down and retries when WeChat answers 44990 (too fast)', async () => {
    fake.setRate({ perSecond: 3, perMinute: 1000 })
    const retries: number[] = []
    const c = client(fake, {
      rate: { perSecond: 50, perMinute: 1000 },
      retry: { attempts: 8, baseMs: 100, maxMs: 800 },
      onRetry: (e) => retries.push((e as WechatError).code),
    })
    for (let i = 0; i < 5; i++) await c.getRules()
    expect(retries.length).toBeGreaterThan(0)
    expect(new Set(retries)).toEqual(new Set([44990]))
  })

  it('pages through every service-account link (200 a page)', async () => {
    const c = client(fake)
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
    const c = client(fake)
    const code = await c.createTicket('store=12&table=5')
    expect(code.url).toMatch(/^http:\/\/weixin\.qq\.com\/q\/02/)
    expect(code.expire_seconds).toBeUndefined()
    const { image, contentType } = await c.fetchTicketImage(code.ticket)
    expect(contentType).toBe('image/png')
    expect(image.subarray(1, 4).toString()).toBe('PNG')
  })

  it('raises 85066 for a service-account prefix outside http://weixin.qq.com/q/', async () => {
    const c = client(fake)
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
