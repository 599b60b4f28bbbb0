// WeChat's server push at /wechat/push, as `npm run api` serves it: real processes on 127.0.0.1, pushes built and
// signed by the test's own WeChat side (test/fake-wechat/push.ts), in plaintext mode and safe mode.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { XMLParser } from 'fast-xml-parser'

import { DEFAULT_RULES_FILE, loadRuleFileOrThrow } from '../../server/rule-file'
import { pushFromEnv } from '../../server/wechat-push'
import { strings } from '../../src/strings'
import {
  openSealed,
  pushXml,
  scanEvent,
  sendPush,
  wechatSha1,
  type PushReply,
  type PushTarget,
} from '../fake-wechat/push'
import { closedPort } from '../fixtures/closed-port'
import { ROOT } from '../unit/fixtures'
import { PROCESS_TIMEOUT, runApi, startApi, type ApiProcess } from './real-process'
import { runInProcess } from './run-tool'

// Secrets the servers must never print. Distinctive, so that a leak cannot hide in other output.
const TOKEN = 'pushT0kenQz7'
const AES_KEY = 'Qz7pushAesKey0123456789abcdefghijklmnopqrsT'
const SERVICE_APPID = 'wx5e1f0c0a0b0c0d0e'
// rules.json: serviceAccount.appid is the mini program's appid; the first rule's site is the fallback href.
const MINI_PROGRAM_APPID = 'wx0a1b2c3d4e5f6a7b'
const SITE = 'https://shop.example.com/'

const xml = new XMLParser({ parseTagValue: false, processEntities: false })

/** The fields of a reply's `<xml>`. */
function fieldsOf(body: string): Record<string, string> {
  return (xml.parse(body) as { xml: Record<string, string> }).xml
}

/** The mini program text link the reply should hold for a page and its validated params. */
function expectedLink(path: string): string {
  return `<a href="${SITE}" data-miniprogram-appid="${MINI_PROGRAM_APPID}" data-miniprogram-path="${path}">${strings.push.linkText}</a>`
}

/** Checks a passive text reply to `openid` and returns its Content. */
function textReplyTo(openid: string, reply: PushReply): string {
  expect(reply.status).toBe(200)
  expect(reply.contentType).toMatch(/xml/)
  const fields = fieldsOf(reply.body)
  expect(fields.ToUserName).toBe(openid)
  expect(fields.FromUserName).toBe('gh_0123456789ab')
  expect(fields.MsgType).toBe('text')
  expect(Math.abs(Number(fields.CreateTime) - Date.now() / 1000)).toBeLessThan(600)
  return fields.Content
}

/** The log since `from`, once it holds `count` lines matching `line` (lines are printed after the answer). */
async function logSince(server: ApiProcess, from: number, line: RegExp, count = 1): Promise<string> {
  const seen = () => server.output().slice(from).match(new RegExp(line.source, 'g'))?.length ?? 0
  await server.until(`${count} × ${line}`, () => seen() >= count)
  return server.output().slice(from)
}

const now = () => Math.floor(Date.now() / 1000)
let openids = 0
/** A fresh user per test: the server remembers answers by FromUserName + CreateTime. */
const newOpenid = () => `oTest-${process.pid}-${(openids += 1)}`

let plain: ApiProcess
let safe: ApiProcess
let off: ApiProcess
let toPlain: PushTarget
let toSafe: PushTarget

// The servers are real processes: tsx's start-up on a busy machine.
jest.setTimeout(PROCESS_TIMEOUT)

// Stopped with every other process of this file after it (real-process.ts).
beforeAll(async () => {
  ;[plain, safe, off] = await Promise.all([
    startApi({ WECHAT_PUSH_TOKEN: TOKEN, WECHAT_PUSH_AES_KEY: '', WECHAT_PUSH_APPID: '' }),
    startApi({ WECHAT_PUSH_TOKEN: TOKEN, WECHAT_PUSH_AES_KEY: AES_KEY, WECHAT_PUSH_APPID: SERVICE_APPID }),
    startApi({ WECHAT_PUSH_TOKEN: '', WECHAT_PUSH_AES_KEY: '', WECHAT_PUSH_APPID: '' }),
  ])
  toPlain = { url: plain.url, token: TOKEN }
  toSafe = { url: safe.url, token: TOKEN, safe: { encodingAesKey: AES_KEY, appid: SERVICE_APPID } }
})

describe('the URL check (GET)', () => {
  it('echoes echostr when the signature is the sha1 of the sorted token, timestamp and nonce', async () => {
    for (const target of [toPlain, toSafe]) {
      const reply = await sendPush(target, '', { method: 'GET', query: { echostr: '8125069813735447' } })
      expect(reply).toMatchObject({ status: 200, body: '8125069813735447' })
    }
  })

  it('answers 401 and no echo to a wrong signature', async () => {
    const reply = await sendPush({ ...toPlain, token: 'notTheToken' }, '', {
      method: 'GET',
      query: { echostr: 'echo-me' },
    })
    expect(reply.status).toBe(401)
    expect(reply.body).not.toContain('echo-me')
  })
})

describe('a scan in plaintext mode', () => {
  it('answers SCAN with a text link to the page its scene routes to, with the validated params', async () => {
    const openid = newOpenid()
    const content = textReplyTo(
      openid,
      await sendPush(toPlain, scanEvent('SCAN', 'store=12&table=8', { from: openid }))
    )
    expect(content).toBe(strings.push.landed(expectedLink('pages/order/index?store=12&table=8&mode=dine-in')))
  })

  it('answers a new follower (subscribe, EventKey qrscene_<scene>) the same way', async () => {
    const openid = newOpenid()
    const reply = await sendPush(
      toPlain,
      scanEvent('subscribe', 'qrscene_store=12&table=5', { from: openid })
    )
    expect(textReplyTo(openid, reply)).toBe(
      strings.push.landed(expectedLink('pages/order/index?store=12&table=5&mode=dine-in'))
    )
  })

  it('maps a numeric scene_id through serviceAccount.sceneIds (SCAN and subscribe)', async () => {
    for (const key of ['1001', 'qrscene_1001']) {
      const openid = newOpenid()
      const reply = await sendPush(
        toPlain,
        scanEvent(key === '1001' ? 'SCAN' : 'subscribe', key, { from: openid })
      )
      expect(textReplyTo(openid, reply)).toBe(
        strings.push.landed(expectedLink('pages/order/index?store=12&mode=takeaway'))
      )
    }
  })

  it.each([
    ['an unmapped scene_id', '4242', 'no-route'],
    ['a scene no route takes', 'hello', 'no-route'],
    ['a scene with an invalid param', 'store=abc&table=5', 'invalid-param'],
    ['an empty scene', '', 'no-route'],
  ] as const)('answers %s with a friendly text and no link', async (_what, key, code) => {
    const openid = newOpenid()
    const content = textReplyTo(openid, await sendPush(toPlain, scanEvent('SCAN', key, { from: openid })))
    expect(content).toBe(strings.push.notLanded(strings.errors[code]))
    expect(content).not.toContain('<a')
  })

  it.each([
    ['a text message', { MsgType: 'text', Content: '你好', MsgId: '1234567890123456' }],
    ['a subscribe without a scene', { MsgType: 'event', Event: 'subscribe', EventKey: '' }],
    ['an unsubscribe', { MsgType: 'event', Event: 'unsubscribe' }],
    ['a menu click', { MsgType: 'event', Event: 'CLICK', EventKey: 'qrscene_store=12&table=5' }],
  ])('answers %s with success', async (_what, fields) => {
    const body = pushXml({
      ToUserName: 'gh_0123456789ab',
      FromUserName: newOpenid(),
      CreateTime: now(),
      ...fields,
    })
    expect(await sendPush(toPlain, body)).toMatchObject({ status: 200, body: 'success' })
  })
})

describe('untrusted input', () => {
  it('answers 401 to a wrong signature and processes nothing: the same event later is new', async () => {
    const openid = newOpenid()
    const event = scanEvent('SCAN', 'store=12&table=N401', { from: openid })
    const before = plain.output().length
    const refused = await sendPush(toPlain, event, { query: { signature: '0'.repeat(40) } })
    expect(refused.status).toBe(401)
    expect(refused.body).not.toContain('<xml>')
    expect(await logSince(plain, before, /POST \/wechat\/push 401 signature does not match/)).not.toContain(
      'N401'
    )

    const accepted = await sendPush(toPlain, event)
    expect(textReplyTo(openid, accepted)).toContain('table=N401')
    const log = await logSince(plain, before, /SCAN "store=12&table=N401"/)
    expect(log).toContain('POST /wechat/push 200 SCAN "store=12&table=N401" → /pages/order/index')
    expect(log).not.toContain('retry')
  })

  it.each([
    ['ten minutes ago', -600],
    ['ten minutes ahead', 600],
  ])('answers 401 to a push whose timestamp is %s, though correctly signed', async (_when, offset) => {
    const reply = await sendPush(toPlain, scanEvent('SCAN', 'store=12&table=5'), {
      timestamp: now() + offset,
    })
    expect(reply.status).toBe(401)
    expect(reply.body).toContain('timestamp')
  })

  it.each([
    ['an unclosed tag', '<xml><ToUserName><![CDATA[gh]]></ToUserName><MsgType>event</xml>'],
    ['no XML at all', 'store=12&table=5'],
    ['an empty body', ''],
    ['another root', '<event><MsgType>event</MsgType></event>'],
    [
      'a repeated EventKey',
      '<xml><MsgType>event</MsgType><Event>SCAN</Event><EventKey>a</EventKey><EventKey>b</EventKey></xml>',
    ],
  ])('answers 400 to %s', async (_what, body) => {
    const reply = await sendPush(toPlain, body)
    expect(reply.status).toBe(400)
    expect(reply.body).toMatch(/^malformed XML: /)
  })

  it('answers 413 to a body over the cap', async () => {
    const reply = await sendPush(
      toPlain,
      `<xml><Content><![CDATA[${'x'.repeat(17 * 1024)}]]></Content></xml>`
    )
    expect(reply.status).toBe(413)
  })

  it('never reads an external entity (XXE): the push is refused and no file content comes back', async () => {
    const body =
      '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      '<xml><ToUserName>gh_0123456789ab</ToUserName><FromUserName>oXXE</FromUserName><CreateTime>1</CreateTime>' +
      '<MsgType>event</MsgType><Event>SCAN</Event><EventKey>&xxe;</EventKey></xml>'
    const reply = await sendPush(toPlain, body)
    expect(reply.status).toBe(400)
    expect(reply.body).not.toContain('root:')
  })

  it('never expands an internal entity: a scene smuggled through a DOCTYPE does not land', async () => {
    const openid = newOpenid()
    const body =
      '<!DOCTYPE xml [<!ENTITY scene "store=12">]>' +
      `<xml><ToUserName>gh_0123456789ab</ToUserName><FromUserName>${openid}</FromUserName>` +
      `<CreateTime>${now()}</CreateTime><MsgType>event</MsgType><Event>SCAN</Event><EventKey>&scene;</EventKey></xml>`
    const content = textReplyTo(openid, await sendPush(toPlain, body))
    // Expanded, the entity would be a scene that lands (store 12, takeaway) with a link.
    expect(content).toBe(strings.push.notLanded(strings.errors['no-route']))
  })

  it('survives a billion-laughs DOCTYPE without expanding it', async () => {
    const levels = ['<!ENTITY lol0 "lol">']
    for (let i = 1; i <= 9; i += 1) levels.push(`<!ENTITY lol${i} "${`&lol${i - 1};`.repeat(10)}">`)
    const openid = newOpenid()
    const body =
      `<!DOCTYPE xml [${levels.join('')}]>` +
      `<xml><ToUserName>gh_0123456789ab</ToUserName><FromUserName>${openid}</FromUserName>` +
      `<CreateTime>${now()}</CreateTime><MsgType>event</MsgType><Event>SCAN</Event><EventKey>&lol9;</EventKey></xml>`
    const reply = await sendPush(toPlain, body)
    expect(textReplyTo(openid, reply)).toBe(strings.push.notLanded(strings.errors['no-route']))
    expect(reply.body.length).toBeLessThan(2048)
  })

  it('answers 405 to other methods', async () => {
    const reply = await sendPush(toPlain, '', { method: 'PUT' })
    expect(reply.status).toBe(405)
  })
})

describe("WeChat's retries", () => {
  it('answers the same event (FromUserName + CreateTime) identically and counts it once', async () => {
    const openid = newOpenid()
    const event = scanEvent('SCAN', 'store=12&table=R3', { from: openid, createTime: now() - 2 })
    const before = plain.output().length
    const replies = []
    // WeChat retries after 5 s without an answer, up to three times, each with its own nonce.
    for (let i = 0; i < 3; i += 1) replies.push(await sendPush(toPlain, event))
    expect(textReplyTo(openid, replies[0])).toContain('table=R3')
    expect(replies[1].body).toBe(replies[0].body)
    expect(replies[2].body).toBe(replies[0].body)
    // The third answer's line comes last: once it is there, so is every line before it.
    const log = await logSince(plain, before, /retry \(answered as before\): SCAN "store=12&table=R3"/, 2)
    expect(log.match(/200 SCAN "store=12&table=R3"/g)).toHaveLength(1)
  })

  it('answers a different CreateTime from the same user as a new scan', async () => {
    const openid = newOpenid()
    const before = plain.output().length
    await sendPush(toPlain, scanEvent('SCAN', 'store=12&table=R4', { from: openid, createTime: now() - 4 }))
    await sendPush(toPlain, scanEvent('SCAN', 'store=12&table=R4', { from: openid, createTime: now() - 3 }))
    const log = await logSince(plain, before, /200 SCAN "store=12&table=R4"/, 2)
    expect(log).not.toContain('retry')
  })
})

describe('safe mode (encrypt_type=aes)', () => {
  /** Opens a safe-mode reply: checks its signature and appid, returns the plaintext reply. */
  function openReply(reply: PushReply): string {
    expect(reply.status).toBe(200)
    const envelope = fieldsOf(reply.body)
    expect(Object.keys(envelope).sort()).toEqual(['Encrypt', 'MsgSignature', 'Nonce', 'TimeStamp'])
    expect(envelope.MsgSignature).toBe(
      wechatSha1([TOKEN, envelope.TimeStamp, envelope.Nonce, envelope.Encrypt])
    )
    const opened = openSealed(envelope.Encrypt, AES_KEY)
    expect(opened.appid).toBe(SERVICE_APPID)
    return opened.message
  }

  it('decrypts a SCAN and answers with an encrypted, signed text reply holding the link', async () => {
    const openid = newOpenid()
    const reply = await sendPush(toSafe, scanEvent('SCAN', 'store=12&table=8', { from: openid }))
    const inner = openReply(reply)
    expect(textReplyTo(openid, { ...reply, body: inner })).toBe(
      strings.push.landed(expectedLink('pages/order/index?store=12&table=8&mode=dine-in'))
    )
  })

  it('answers a retry with the same reply, sealed afresh', async () => {
    const openid = newOpenid()
    const event = scanEvent('subscribe', 'qrscene_store=12&table=S9', { from: openid })
    const before = safe.output().length
    const first = await sendPush(toSafe, event)
    const again = await sendPush(toSafe, event)
    expect(openReply(again)).toBe(openReply(first))
    expect(fieldsOf(again.body).Encrypt).not.toBe(fieldsOf(first.body).Encrypt)
    const log = await logSince(safe, before, /retry \(answered as before\): subscribe "store=12&table=S9"/)
    expect(log.match(/200 subscribe "store=12&table=S9"/g)).toHaveLength(1)
  })

  it('answers success, unencrypted, to a message that is not a scan', async () => {
    const body = pushXml({
      ToUserName: 'gh_0123456789ab',
      FromUserName: newOpenid(),
      CreateTime: now(),
      MsgType: 'text',
      Content: 'hi',
    })
    expect(await sendPush(toSafe, body)).toMatchObject({ status: 200, body: 'success' })
  })

  it('answers 401 to a push sealed for another appid', async () => {
    const reply = await sendPush(toSafe, scanEvent('SCAN', 'store=12&table=8'), {
      sealFor: 'wx9999999999999999',
    })
    expect(reply.status).toBe(401)
    expect(reply.body).toContain('another appid')
  })

  it('answers 401 to a wrong msg_signature', async () => {
    const reply = await sendPush(toSafe, scanEvent('SCAN', 'store=12&table=8'), {
      query: { msg_signature: 'f'.repeat(40) },
    })
    expect(reply.status).toBe(401)
  })

  it('answers 401 to a plaintext push once safe mode is configured', async () => {
    const reply = await sendPush(toSafe, scanEvent('SCAN', 'store=12&table=8'), { raw: true })
    expect(reply.status).toBe(401)
  })

  it('answers 400 to a safe-mode push without <Encrypt>', async () => {
    const reply = await sendPush(toSafe, pushXml({ ToUserName: 'gh_0123456789ab' }), {
      raw: true,
      query: { encrypt_type: 'aes', msg_signature: wechatSha1([TOKEN, 'x']) },
    })
    expect(reply.status).toBe(400)
  })
})

describe("trying it locally: npm run push:send (in-process through the tools' shell)", () => {
  const plainEnv = { WECHAT_PUSH_TOKEN: TOKEN }
  const safeEnv = { ...plainEnv, WECHAT_PUSH_AES_KEY: AES_KEY, WECHAT_PUSH_APPID: SERVICE_APPID }
  const send = (args: string[], env: Record<string, string>) => runInProcess('push:send', args, { env })

  it('sends a signed, sealed SCAN to a safe-mode server and shows the opened, signature-checked reply', async () => {
    const r = await send(['--url', safe.url, 'store=12&table=5'], safeEnv)
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    const [head, reply] = r.stdout.split('\n')
    expect(head).toBe('200 sealed reply, MsgSignature valid')
    expect(reply).toContain(expectedLink('pages/order/index?store=12&table=5&mode=dine-in'))
  })

  it("sends a new follower's subscribe with a numeric scene_id to a plaintext server and prints the reply", async () => {
    const r = await send(['--url', `${plain.url}/`, '--subscribe', '--from', newOpenid(), '1001'], plainEnv)
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/^200 <xml>/)
    expect(r.stdout).toContain(expectedLink('pages/order/index?store=12&mode=takeaway'))
  })

  it('exits 1 on a refused push (a token the server does not have) and when no server answers', async () => {
    const refused = await send(['--url', plain.url, 'store=12'], { WECHAT_PUSH_TOKEN: 'notTheToken1' })
    expect(refused.status).toBe(1)
    expect(refused.stdout).toMatch(/^401 /)
    const port = await closedPort()
    const gone = await send(['--url', `http://127.0.0.1:${port}`, 'store=12'], plainEnv)
    expect(gone.status).toBe(1)
    expect(gone.stderr).toBe(
      `Cannot reach http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}. Is \`npm run api\` running with the same env?\n`
    )
  })

  it.each([
    { why: 'no token', args: ['store=12'], env: {}, says: 'Set WECHAT_PUSH_TOKEN.' },
    { why: 'no scene', args: [], env: { WECHAT_PUSH_TOKEN: TOKEN }, says: 'Give one SCENE.' },
    { why: 'two scenes', args: ['a', 'b'], env: { WECHAT_PUSH_TOKEN: TOKEN }, says: 'Give one SCENE.' },
    {
      why: 'a url without a scheme',
      args: ['--url', '127.0.0.1:3001', 'x'],
      env: { WECHAT_PUSH_TOKEN: TOKEN },
      says: 'is not an http(s) URL',
    },
    {
      why: 'a key without an appid',
      args: ['x'],
      env: { WECHAT_PUSH_TOKEN: TOKEN, WECHAT_PUSH_AES_KEY: AES_KEY },
      says: 'WECHAT_PUSH_APPID',
    },
  ])('refuses $why as a usage error (exit 2), naming no secret', async ({ args, env, says }) => {
    const r = await send(args, env as Record<string, string>)
    expect(r.status).toBe(2)
    expect(r.stderr).toContain(says)
    expect(r.stdout + r.stderr).not.toContain(TOKEN)
    expect(r.stdout + r.stderr).not.toContain(AES_KEY)
  })
})

describe('configuration', () => {
  it('answers 404 at /wechat/push when WECHAT_PUSH_TOKEN is not set', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const reply = await sendPush({ url: off.url, token: TOKEN }, scanEvent('SCAN', 'store=12'), {
        method,
        query: { echostr: 'x' },
      })
      expect(reply.status).toBe(404)
    }
    expect(off.output()).not.toContain('WeChat push on')
  })

  it('says at start-up which mode it serves, naming no secret', () => {
    expect(plain.output()).toContain('WeChat push on /wechat/push (plaintext mode')
    expect(safe.output()).toContain(`WeChat push on /wechat/push (safe mode for ${SERVICE_APPID}`)
  })

  describe('bad push settings', () => {
    const dir = mkdtempSync(join(tmpdir(), 'push-rules-'))
    afterAll(() => rmSync(dir, { recursive: true, force: true }))
    const rules = JSON.parse(readFileSync(join(ROOT, 'rules.json'), 'utf8'))
    delete rules.serviceAccount.appid
    const noAppid = join(dir, 'rules.json')
    writeFileSync(noAppid, JSON.stringify(rules))
    const safeEnv = {
      WECHAT_PUSH_TOKEN: TOKEN,
      WECHAT_PUSH_AES_KEY: AES_KEY,
      WECHAT_PUSH_APPID: SERVICE_APPID,
    }
    const cases: Array<{ env: Record<string, string>; says: string }> = [
      { env: { ...safeEnv, WECHAT_PUSH_AES_KEY: AES_KEY.slice(1) }, says: 'it has 42 characters' },
      {
        env: { ...safeEnv, WECHAT_PUSH_AES_KEY: `${AES_KEY.slice(2)}+/` },
        says: 'some of them outside A-Z, a-z, 0-9',
      },
      { env: { ...safeEnv, WECHAT_PUSH_APPID: '' }, says: 'WECHAT_PUSH_APPID is not' },
      { env: { ...safeEnv, WECHAT_PUSH_TOKEN: '' }, says: 'WECHAT_PUSH_TOKEN is not' },
      {
        env: { ...safeEnv, WECHAT_PUSH_TOKEN: `${TOKEN}!` },
        says: 'WECHAT_PUSH_TOKEN must be 3-32 letters or digits',
      },
      { env: { ...safeEnv, RULES: noAppid }, says: "serviceAccount.appid must be the mini program's appid" },
    ]
    const expectNoSecret = (text: string) => {
      expect(text).not.toContain(TOKEN)
      expect(text).not.toContain(AES_KEY.slice(2))
    }

    // Each case in-process, as server/demo-api.ts reads them (RULES, then pushFromEnv); every one ends in the same
    // branch of its start-up, which the real process below takes.
    it.each(cases)('are refused saying "$says", never repeating the secret', ({ env, says }) => {
      const made = pushFromEnv(env, loadRuleFileOrThrow(env.RULES || DEFAULT_RULES_FILE))
      const error = 'error' in made ? made.error : ''
      expect(error).toContain(says)
      expectNoSecret(error)
    })

    it('make `npm run api` exit 2 with that message', async () => {
      const { env, says } = cases[cases.length - 1]
      const run = await runApi(env)
      expect(run.status).toBe(2)
      expect(run.stderr).toContain(says)
      expectNoSecret(run.stdout + run.stderr)
    })
  })

  // Last: by now both servers have logged every kind of push above, refusals included.
  it('never logs the token or the AES key', () => {
    const secrets = [TOKEN, AES_KEY, Buffer.from(`${AES_KEY}=`, 'base64').toString('hex')]
    for (const server of [plain, safe]) {
      const output = server.output()
      expect(output).toContain('POST /wechat/push 200')
      expect(output).toContain('POST /wechat/push 401')
      for (const secret of secrets) expect(output).not.toContain(secret)
    }
    expect(plain.output()).toContain('POST /wechat/push 400 malformed XML')
  })
})
