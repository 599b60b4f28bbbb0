// `npm run push:send`: plays WeChat against a local `npm run api`, to try the push without a service account.
// Sends a signed SCAN (or subscribe) event with the scene given, sealed in safe mode when the same environment
// the server reads has WECHAT_PUSH_AES_KEY, and prints the status and the reply (opened, in safe mode).
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { readPushConfig } from './config'
import { decryptMessage, encryptMessage, pushSignature } from './crypto'
import { PUSH_PATH } from './handler'
import { readXml, writeXml } from './xml'

const USAGE = `Usage: npm run --silent push:send -- [--url URL] [--subscribe] [--from OPENID] SCENE
  SCENE        the code's scene: a scene_str such as 'store=12&table=5', or a numeric scene_id
  --url        the server (default http://127.0.0.1:\${API_PORT:-3001})
  --subscribe  send a new follower's subscribe (EventKey qrscene_SCENE) instead of SCAN
  --from       the scanning user's openid (default oLocalTester); the same openid and second is a retry
Signs with WECHAT_PUSH_TOKEN; seals with WECHAT_PUSH_AES_KEY and WECHAT_PUSH_APPID when set (safe mode).`

async function main(): Promise<number> {
  let args
  try {
    args = parseArgs({
      allowPositionals: true,
      options: { url: { type: 'string' }, subscribe: { type: 'boolean' }, from: { type: 'string' } },
    })
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`)
    return 2
  }
  const read = readPushConfig(process.env)
  if ('error' in read || read.config === null || args.positionals.length !== 1) {
    console.error('error' in read ? read.error : `${read.config ? '' : 'Set WECHAT_PUSH_TOKEN.\n'}${USAGE}`)
    return 2
  }
  const { token, safeMode } = read.config
  const [scene] = args.positionals
  const timestamp = String(Math.floor(Date.now() / 1000))
  const nonce = String(randomBytes(4).readUInt32BE())
  const event = writeXml([
    ['ToUserName', 'gh_localservice'],
    ['FromUserName', args.values.from ?? 'oLocalTester'],
    ['CreateTime', Number(timestamp)],
    ['MsgType', 'event'],
    ['Event', args.values.subscribe ? 'subscribe' : 'SCAN'],
    ['EventKey', args.values.subscribe ? `qrscene_${scene}` : scene],
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
  const base = args.values.url ?? `http://127.0.0.1:${process.env.API_PORT || 3001}`
  let response: Response
  try {
    response = await fetch(`${base}${PUSH_PATH}?${query}`, { method: 'POST', body })
  } catch (error) {
    console.error(
      `Cannot reach ${base}: ${(error as Error).message}. Is \`npm run api\` running with the same env?`
    )
    return 1
  }
  const text = await response.text()
  const sealed = safeMode && response.ok ? readXml(text) : null
  if (!safeMode || !sealed?.ok || !sealed.fields.Encrypt) {
    console.log(`${response.status} ${text}`)
    return response.ok ? 0 : 1
  }
  // Safe mode: check the reply's signature as WeChat would, and show what it says.
  const { Encrypt, MsgSignature, TimeStamp, Nonce } = sealed.fields
  const signed = MsgSignature === pushSignature(token, TimeStamp ?? '', Nonce ?? '', Encrypt)
  const opened = decryptMessage(Encrypt, safeMode)
  console.log(`${response.status} sealed reply, MsgSignature ${signed ? 'valid' : 'INVALID'}`)
  console.log(opened.ok ? opened.message : `cannot open the reply: ${opened.reason}`)
  return signed && opened.ok ? 0 : 1
}

void main().then((code) => process.exit(code))
