// `npm run push:send -- [--url URL] [--subscribe] [--from OPENID] SCENE`: plays WeChat against a local `npm run api`,
// to try the push without a service account. Sends a signed SCAN (or subscribe) event with the scene given, sealed
// in safe mode when the same environment the server reads has WECHAT_PUSH_AES_KEY, and prints the status and the
// reply (opened, with its signature checked, in safe mode). The push modules stay the server's (server/wechat-push):
// this command signs, seals and opens exactly as the server does.
import { randomBytes } from 'node:crypto'

import { readPushConfig } from '../../server/wechat-push/config'
import { decryptMessage, encryptMessage, pushSignature } from '../../server/wechat-push/crypto'
import { PUSH_PATH } from '../../server/wechat-push/handler'
import { readXml, writeXml } from '../../server/wechat-push/xml'
import { InputError } from '../lib/errors'
import { defineCommand } from '../shell/command'
import { UsageError } from '../shell/errors'

const USAGE = `Usage: npm run --silent push:send -- [--url URL] [--subscribe] [--from OPENID] SCENE
  SCENE        the code's scene: a scene_str such as 'store=12&table=5', or a numeric scene_id
  --url        the server (default http://127.0.0.1:\${API_PORT:-3001})
  --subscribe  send a new follower's subscribe (EventKey qrscene_SCENE) instead of SCAN
  --from       the scanning user's openid (default oLocalTester); the same openid and second is a retry
Signs with WECHAT_PUSH_TOKEN; seals with WECHAT_PUSH_AES_KEY and WECHAT_PUSH_APPID when set (safe mode).
Exit 0 on a 200 (in safe mode: a reply whose signature checks and that opens), 1 otherwise, 2 on a usage error.`

export const command = defineCommand({
  usage: USAGE,
  options: {
    url: { type: 'string' },
    subscribe: { type: 'boolean', default: false },
    from: { type: 'string' },
  },
  positionals: true,
  async run({ values, positionals }, io) {
    const read = readPushConfig(io.env)
    if ('error' in read) throw new InputError(read.error)
    if (read.config === null) throw new UsageError('Set WECHAT_PUSH_TOKEN.', { showUsage: true })
    if (positionals.length !== 1) throw new UsageError('Give one SCENE.', { showUsage: true })
    const base = serverUrl(values.url ?? `http://127.0.0.1:${io.env.API_PORT || 3001}`)
    const { token, safeMode } = read.config
    const [scene] = positionals
    const timestamp = String(Math.floor(Date.now() / 1000))
    const nonce = String(randomBytes(4).readUInt32BE())
    const event = writeXml([
      ['ToUserName', 'gh_localservice'],
      ['FromUserName', values.from ?? 'oLocalTester'],
      ['CreateTime', Number(timestamp)],
      ['MsgType', 'event'],
      ['Event', values.subscribe ? 'subscribe' : 'SCAN'],
      ['EventKey', values.subscribe ? `qrscene_${scene}` : scene],
    ])
    const query = new URLSearchParams({ signature: pushSignature(token, timestamp, nonce), timestamp, nonce })
    let body = event
    if (safeMode) {
      const encrypt = encryptMessage(event, safeMode)
      body = writeXml([
        ['ToUserName', 'gh_localservice'],
        ['Encrypt', encrypt],
      ])
      query.set('encrypt_type', 'aes')
      query.set('msg_signature', pushSignature(token, timestamp, nonce, encrypt))
    }
    let response: Response
    try {
      response = await fetch(`${base}${PUSH_PATH}?${query}`, { method: 'POST', body })
    } catch (error) {
      io.err(`Cannot reach ${base}: ${detail(error)}. Is \`npm run api\` running with the same env?`)
      return 1
    }
    const text = await response.text()
    const sealed = safeMode && response.ok ? readXml(text) : null
    if (!safeMode || !sealed?.ok || !sealed.fields.Encrypt) {
      io.out(`${response.status} ${text}`)
      return response.ok ? 0 : 1
    }
    // Safe mode: check the reply's signature as WeChat would, and show what it says.
    const { Encrypt, MsgSignature, TimeStamp, Nonce } = sealed.fields
    const signed = MsgSignature === pushSignature(token, TimeStamp ?? '', Nonce ?? '', Encrypt)
    const opened = decryptMessage(Encrypt, safeMode)
    io.out(`${response.status} sealed reply, MsgSignature ${signed ? 'valid' : 'INVALID'}`)
    io.out(opened.ok ? opened.message : `cannot open the reply: ${opened.reason}`)
    return signed && opened.ok ? 0 : 1
  },
})

/** `--url` without a trailing slash, or a usage error: a typo must say so, not fail as "cannot reach". */
function serverUrl(value: string): string {
  let url: URL | null = null
  try {
    url = new URL(value)
  } catch {
    // Reported below.
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new UsageError(`--url "${value}" is not an http(s) URL, e.g. http://127.0.0.1:3001.`)
  }
  return value.replace(/\/+$/, '')
}

/** fetch's own message is "fetch failed"; the reason (ECONNREFUSED …) is its cause. */
function detail(error: unknown): string {
  const cause = (error as { cause?: { message?: string } }).cause
  return cause?.message ?? (error as Error).message
}
