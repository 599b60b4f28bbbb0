// The push's pure parts through their public functions: settings, safe-mode crypto against the test's own WeChat
// side, and the bounded memory of answers. The HTTP behaviour is test/tools/wechat-push.test.ts.
import { answerPush } from '../../server/wechat-push/answer'
import { decryptMessage, encryptMessage } from '../../server/wechat-push/crypto'
import { readPushConfig } from '../../server/wechat-push/config'
import { ReplyMemory } from '../../server/wechat-push/reply-memory'
import { strings } from '../../src/strings'
import { openSealed, sealForPush } from '../fake-wechat/push'
import { compile, FIXTURE_FILE } from './fixtures'

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const APPID = 'wx0123456789abcdef'

describe('readPushConfig', () => {
  it('turns the endpoint off when no push variable is set', () => {
    expect(readPushConfig({})).toEqual({ config: null })
  })

  it('reads plaintext mode from the token alone', () => {
    expect(readPushConfig({ WECHAT_PUSH_TOKEN: 'abc123' })).toEqual({
      config: { token: 'abc123', safeMode: null },
    })
  })

  it('reads safe mode: the 32-byte key is base64 of the EncodingAESKey plus "="', () => {
    const read = readPushConfig({
      WECHAT_PUSH_TOKEN: 'abc123',
      WECHAT_PUSH_AES_KEY: KEY,
      WECHAT_PUSH_APPID: APPID,
    })
    expect('config' in read && read.config?.safeMode?.key).toEqual(Buffer.from(`${KEY}=`, 'base64'))
    expect('config' in read && read.config?.safeMode?.key.length).toBe(32)
  })

  it.each<[string, Record<string, string>, string]>([
    [
      'a key without a token',
      { WECHAT_PUSH_AES_KEY: KEY, WECHAT_PUSH_APPID: APPID },
      'WECHAT_PUSH_TOKEN is not',
    ],
    ['a short token', { WECHAT_PUSH_TOKEN: 'ab' }, 'it has 2 characters'],
    ['a long token', { WECHAT_PUSH_TOKEN: 'a'.repeat(33) }, 'it has 33 characters'],
    ['a token with a space', { WECHAT_PUSH_TOKEN: 'tok en' }, 'not letters or digits'],
    [
      'an appid without a key',
      { WECHAT_PUSH_TOKEN: 'abc', WECHAT_PUSH_APPID: APPID },
      'WECHAT_PUSH_AES_KEY is not',
    ],
    [
      'a key without an appid',
      { WECHAT_PUSH_TOKEN: 'abc', WECHAT_PUSH_AES_KEY: KEY },
      'WECHAT_PUSH_APPID is not',
    ],
    [
      'a 44-character key',
      { WECHAT_PUSH_TOKEN: 'abc', WECHAT_PUSH_AES_KEY: `${KEY}=`, WECHAT_PUSH_APPID: APPID },
      'it has 44',
    ],
    [
      'a key with "/"',
      { WECHAT_PUSH_TOKEN: 'abc', WECHAT_PUSH_AES_KEY: `${KEY.slice(1)}/`, WECHAT_PUSH_APPID: APPID },
      'outside',
    ],
    [
      'an original id as appid',
      { WECHAT_PUSH_TOKEN: 'abc', WECHAT_PUSH_AES_KEY: KEY, WECHAT_PUSH_APPID: 'gh_123' },
      '16 hex digits',
    ],
  ])('refuses %s, saying so without repeating a secret', (_what, env, says) => {
    const read = readPushConfig(env)
    expect('error' in read && read.error).toContain(says)
    const message = 'error' in read ? read.error : ''
    if (env.WECHAT_PUSH_TOKEN && env.WECHAT_PUSH_TOKEN.length > 2)
      expect(message).not.toContain(env.WECHAT_PUSH_TOKEN)
    if (env.WECHAT_PUSH_AES_KEY) expect(message).not.toContain(env.WECHAT_PUSH_AES_KEY.slice(0, 20))
  })
})

describe('safe-mode crypto', () => {
  const safeMode = { key: Buffer.from(`${KEY}=`, 'base64'), appid: APPID }
  const message = '<xml><Content><![CDATA[欢迎光临]]></Content></xml>'

  it("decrypts what WeChat's algorithm seals (the test's own implementation), at every padding length", () => {
    // 0-40 extra bytes walk the 32-byte padding through all its values, including a whole block of 32.
    for (let extra = 0; extra <= 40; extra += 1) {
      const text = message + 'x'.repeat(extra)
      expect(decryptMessage(sealForPush(text, KEY, APPID), safeMode)).toEqual({ ok: true, message: text })
    }
  })

  it("seals replies that WeChat's algorithm opens, for the service account's appid", () => {
    expect(openSealed(encryptMessage(message, safeMode), KEY)).toEqual({ message, appid: APPID })
  })

  it.each([
    ['another appid', () => sealForPush(message, KEY, 'wx9999999999999999'), 'another appid'],
    // Garbage under the wrong key: almost always bad padding, rarely a padding that passes and a wrong length.
    ['another key', () => sealForPush(message, 'B'.repeat(43), APPID), /padding|length|appid/],
    ['not base64', () => 'not base64!', 'not base64'],
    ['a cut block', () => sealForPush(message, KEY, APPID).slice(0, 20), 'not whole AES blocks'],
  ])('refuses a message sealed with %s', (_what, sealed, reason) => {
    const opened = decryptMessage(sealed(), safeMode)
    expect(opened.ok).toBe(false)
    expect(!opened.ok && opened.reason).toMatch(reason)
  })
})

describe('ReplyMemory', () => {
  const answer = (n: number) => ({ reply: `reply ${n}`, summary: `scan ${n}` })

  it('gives back the answer to the same FromUserName + CreateTime, and only to it', () => {
    const memory = new ReplyMemory()
    memory.remember('oUser', '1700000000', answer(1))
    expect(memory.get('oUser', '1700000000')).toEqual(answer(1))
    expect(memory.get('oUser', '1700000001')).toBeUndefined()
    expect(memory.get('oOther', '1700000000')).toBeUndefined()
  })

  it('keeps the two parts apart whatever they contain', () => {
    const memory = new ReplyMemory()
    memory.remember('a\nb', 'c', answer(1))
    expect(memory.get('a', 'b\nc')).toBeUndefined()
  })

  it('forgets an answer once its time is up, and drops expired entries as new ones come', () => {
    let clock = 0
    const memory = new ReplyMemory({ ttlMs: 1000, now: () => clock })
    memory.remember('oUser', '1', answer(1))
    clock = 999
    expect(memory.get('oUser', '1')).toEqual(answer(1))
    clock = 1000
    expect(memory.get('oUser', '1')).toBeUndefined()
    memory.remember('oUser', '2', answer(2))
    expect(memory.size).toBe(1)
  })

  it('holds at most `max` entries, dropping the oldest first', () => {
    const memory = new ReplyMemory({ max: 3 })
    for (let n = 1; n <= 5; n += 1) memory.remember('oUser', String(n), answer(n))
    expect(memory.size).toBe(3)
    expect(memory.get('oUser', '2')).toBeUndefined()
    expect(memory.get('oUser', '3')).toEqual(answer(3))
    expect(memory.get('oUser', '5')).toEqual(answer(5))
  })
})

describe('answerPush and temporary codes', () => {
  const END = 1_700_000_000
  const ruleTable = compile({
    ...FIXTURE_FILE,
    serviceAccount: {
      ...FIXTURE_FILE.serviceAccount!,
      tickets: [
        { url: 'http://weixin.qq.com/q/02tempOnly', scene: 'store=12&table=31', expire_time: END },
        { url: 'http://weixin.qq.com/q/02tempAndPermanentA', scene: 'store=12&table=32', expire_time: END },
        { url: 'http://weixin.qq.com/q/02tempAndPermanentB', scene: 'store=12&table=32' },
        { url: 'http://weixin.qq.com/q/02tempId', scene: 77, expire_time: END },
      ],
      sceneIds: { '77': 'store=12&table=33' },
    },
  })
  const push = (scene: string, now: number) =>
    answerPush(
      {
        ToUserName: 'gh_x',
        FromUserName: 'oUser',
        CreateTime: '1700000000',
        MsgType: 'event',
        Event: 'SCAN',
        EventKey: scene,
      },
      ruleTable,
      { appid: 'wx0a1b2c3d4e5f6a7b', href: null },
      now
    )
  const reply = (answer: ReturnType<typeof push>) => (answer.ok ? answer.reply : answer.message)

  it.each([
    ['a scene only an expired temporary code carries', 'store=12&table=31'],
    ['a numeric scene_id only an expired temporary code carries', '77'],
  ])('answers %s with the unknown-ticket text and no link', (_what, scene) => {
    expect(reply(push(scene, END - 1))).toContain('data-miniprogram-path')
    const expired = reply(push(scene, END))
    expect(expired).not.toContain('data-miniprogram-path')
    expect(expired).toContain(strings.errors['unknown-ticket'].title)
  })

  it('routes a scene a permanent code carries too, and one no ticket carries', () => {
    expect(reply(push('store=12&table=32', END + 1))).toContain('table=32')
    expect(reply(push('store=12&table=34', END + 1))).toContain('table=34')
  })
})
