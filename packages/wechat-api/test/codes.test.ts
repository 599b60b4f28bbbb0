// Every kind of code the client makes against the fake: temporary and numeric service-account codes, the lifetime
// budget of service-account qrcodejumpadd calls, and mini program codes (wxacode.getUnlimited) as real images.
import jsQR from 'jsqr'
import { PNG } from 'pngjs'

import { readFakeCodeText, type FakeWechat } from '../fake'
import { WECHAT_LIMITS, WechatError, errorSpec, ticketAction, type UnlimitedCodeBody } from '../src'
import { clientOf, recordingClock, startFake } from './helpers'

let fake: FakeWechat
afterEach(async () => {
  await fake.close()
})

const APPID = 'wx0a1b2c3d4e5f6a7b'

describe('qrcode/create: every kind of parameter code', () => {
  beforeEach(async () => {
    fake = await startFake()
  })

  it.each([
    { request: { scene: 'store=12&table=5' }, action: 'QR_LIMIT_STR_SCENE', temporary: false },
    { request: { scene: 1001 }, action: 'QR_LIMIT_SCENE', temporary: false },
    { request: { scene: 'store=12&table=6', expire_seconds: 600 }, action: 'QR_STR_SCENE', temporary: true },
    { request: { scene: 4_000_000_000, expire_seconds: 600 }, action: 'QR_SCENE', temporary: true },
  ])('sends $action for $request and reads the answer', async ({ request, action, temporary }) => {
    const before = Math.floor(Date.now() / 1000)
    const code = await clientOf(fake).createCode(request)
    const sent = fake.snapshot().log.filter((c) => c.api === 'qrcode/create')
    expect(sent.map((c) => c.body?.action_name)).toEqual([action])
    expect(code.url).toMatch(/^http:\/\/weixin\.qq\.com\/q\/02/)
    const made = fake.snapshot().tickets.find((t) => t.ticket === code.ticket)!
    expect(made.scene).toBe(request.scene)
    if (temporary) {
      expect(code.expire_seconds).toBe(600)
      expect(made.expire_time).toBeGreaterThanOrEqual(before + 600)
    } else {
      expect(code.expire_seconds).toBeUndefined()
      expect(made.expire_time).toBeUndefined()
    }
  })

  // The tools name the action in their plans through the same table the client sends.
  it.each([
    { numeric: false, temporary: false, action: 'QR_LIMIT_STR_SCENE' },
    { numeric: true, temporary: false, action: 'QR_LIMIT_SCENE' },
    { numeric: false, temporary: true, action: 'QR_STR_SCENE' },
    { numeric: true, temporary: true, action: 'QR_SCENE' },
  ])('names $action for numeric $numeric, temporary $temporary', ({ numeric, temporary, action }) => {
    expect(ticketAction({ numeric, temporary })).toBe(action)
  })

  // WeChat grants 60 s to a temporary code whose request leaves expire_seconds out (current docs), but the client
  // never sends one: without expire_seconds it asks for a permanent code (QR_LIMIT_*, the it.each above).
  it('answers the expire_seconds WeChat granted: at most 30 days, else what was asked', async () => {
    const c = clientOf(fake)
    const granted = async (request: { scene: string; expire_seconds: number }) => {
      const before = Math.floor(Date.now() / 1000)
      const code = await c.createCode(request)
      const after = Math.floor(Date.now() / 1000)
      const made = fake.snapshot().tickets.find((t) => t.ticket === code.ticket)!
      // The fake stamps expire_time from its own clock between before and after: the lifetime it granted is exact.
      expect(made.expire_time).toBeGreaterThanOrEqual(before + code.expire_seconds!)
      expect(made.expire_time).toBeLessThanOrEqual(after + code.expire_seconds!)
      return code.expire_seconds
    }
    expect(await granted({ scene: 'a', expire_seconds: 9_999_999 })).toBe(WECHAT_LIMITS.ticketExpireSeconds)
    expect(await granted({ scene: 'b', expire_seconds: 60 })).toBe(60)
    expect(await granted({ scene: 'c', expire_seconds: WECHAT_LIMITS.ticketExpireSeconds })).toBe(
      WECHAT_LIMITS.ticketExpireSeconds
    )
  })

  it('refuses a permanent scene_id above 100 000 (only a temporary code has one)', async () => {
    const error = await clientOf(fake)
      .createCode({ scene: 100_001 })
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 40097 })
  })
})

describe('the lifetime budget of service-account qrcodejumpadd calls (seed 000)', () => {
  beforeEach(async () => {
    fake = await startFake({ world: { ticketRuleAddLimit: 4, ticketRuleAddsSpent: 1 } })
  })

  const link = (n: number) => `http://weixin.qq.com/q/02budget${n}`
  const add = (n: number, is_edit: 0 | 1 = 0) =>
    clientOf(fake).addTicketRule({ prefix: link(n), appid: APPID, path: 'pages/index/index', is_edit })

  it('counts adds and edits, gives nothing back on delete, and refuses past it with 85073', async () => {
    await add(1)
    await add(1, 1) // an edit spends one too
    await clientOf(fake).deleteTicketRule(link(1), APPID)
    await add(2)
    expect(fake.snapshot().ticketRuleAdds).toBe(4)
    expect(fake.snapshot().ticketRules).toHaveLength(1) // one link live, the budget gone all the same
    const error = await add(3).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WechatError)
    expect(error).toMatchObject({ code: 85073, retryable: false })
    expect(fake.snapshot().ticketRules).toHaveLength(1)
  })

  it('tells onSend of every request that leaves, retries included, with its account', async () => {
    const sent: string[] = []
    const c = clientOf(fake, { onSend: ({ api, account }) => sent.push(`${api} ${account}`) })
    fake.inject({ api: 'qrcodejumpadd', code: -1 })
    await c.addTicketRule({ prefix: link(5), appid: APPID, path: 'pages/index/index', is_edit: 0 })
    await c.getRules()
    expect(sent).toEqual([
      'qrcodejumpadd serviceAccount',
      'qrcodejumpadd serviceAccount',
      'qrcodejumpget miniProgram',
    ])
  })

  it('does not send a call onSend refuses', async () => {
    const c = clientOf(fake, {
      onSend: () => {
        throw new Error('ledger not writable')
      },
    })
    await expect(
      c.addTicketRule({ prefix: link(6), appid: APPID, path: 'pages/index/index', is_edit: 0 })
    ).rejects.toThrow('ledger not writable')
    expect(fake.snapshot().calls.qrcodejumpadd).toBeUndefined()
  })

  it("reads qrcodejumpget's total_count with every link", async () => {
    await add(7)
    await add(8)
    const all = await clientOf(fake).getAllTicketRules(APPID)
    expect(all.totalCount).toBe(2)
    expect(all.rules).toHaveLength(2)
  })
})

/** Reads a code image the way a phone camera would (jsqr), and the fake's text back into fields. */
function readCode(png: Buffer) {
  const image = PNG.sync.read(png)
  const text = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? ''
  return { width: image.width, content: readFakeCodeText(text) }
}

const BODY: UnlimitedCodeBody = {
  scene: 'store=12&table=5',
  page: 'pages/index/index',
  check_path: true,
  env_version: 'release',
  width: 280,
}

describe('wxacode.getUnlimited (mini program codes)', () => {
  beforeEach(async () => {
    fake = await startFake()
  })

  it('answers a PNG that decodes to the page, scene and version asked for, at the width asked for', async () => {
    const { image, contentType } = await clientOf(fake).getUnlimitedCode({ ...BODY, env_version: 'trial' })
    expect(contentType).toBe('image/png')
    expect(readCode(image)).toEqual({
      width: 280,
      content: { appid: APPID, page: 'pages/index/index', scene: 'store=12&table=5', env_version: 'trial' },
    })
  })

  it.each([
    { why: 'a scene of 33 characters', body: { scene: 'x'.repeat(33) }, code: 40169 },
    { why: 'an empty scene', body: { scene: '' }, code: 40169 },
    { why: "a '%' in the scene", body: { scene: 'store%3D12' }, code: 40129 },
    { why: 'a space in the scene', body: { scene: 'store 12' }, code: 40129 },
    { why: 'a page not in the released version', body: { page: 'pages/nope/index' }, code: 41030 },
    { why: 'a page with a query', body: { page: 'pages/index/index?x=1' }, code: 41030 },
    { why: 'an unknown env_version', body: { env_version: 'beta' as 'trial' }, code: 40097 },
  ])('refuses $why with $code, without retrying', async ({ body, code }) => {
    const clock = recordingClock()
    const error = await clientOf(fake, { clock })
      .getUnlimitedCode({ ...BODY, ...body })
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WechatError)
    expect(error).toMatchObject({ code, api: 'getwxacodeunlimit', retryable: false })
    expect(clock.waits).toEqual([])
  })

  it('makes a code for an unreleased page with check_path off', async () => {
    const { image } = await clientOf(fake).getUnlimitedCode({
      ...BODY,
      page: 'pages/new/index',
      check_path: false,
    })
    expect(readCode(image).content?.page).toBe('pages/new/index')
  })

  it('waits for the next minute on 45009 (the per-minute limit of this API), then gets the image', async () => {
    const clock = recordingClock()
    fake.inject({ api: 'getwxacodeunlimit', code: 45009 })
    const { image } = await clientOf(fake, { clock }).getUnlimitedCode(BODY)
    expect(readCode(image).content?.scene).toBe('store=12&table=5')
    expect(clock.waits).toEqual([60_000])
  })

  it("keeps 45009's global meaning (the daily quota: stop) for every other API", () => {
    expect(errorSpec('getwxacodeunlimit', 45009)).toMatchObject({ handling: 'retry', retryAfterMs: 60_000 })
    expect(new WechatError('qrcode/create', 45009, undefined)).toMatchObject({ retryable: false })
  })

  it('says what came back when a proxy answers HTML instead of the image', async () => {
    fake.inject({
      api: 'getwxacodeunlimit',
      status: 200,
      contentType: 'text/html',
      body: '<html>portal</html>',
    })
    await expect(clientOf(fake).getUnlimitedCode(BODY)).rejects.toThrow(
      'getwxacodeunlimit: the server answered HTTP 200 (text/html: "portal") where an image was expected'
    )
  })
})
