// WeChat's side of the server push, written from WeChat's documentation (接入指南, 消息加解密说明) for the tests:
// it builds signed and encrypted pushes and opens safe-mode replies. Deliberately independent of
// server/wechat-push: inputs built by the code under test would prove nothing.
import * as crypto from 'node:crypto'

/** sha1 over the parts in lexicographic order, concatenated: WeChat's `signature` and `msg_signature`. */
export function wechatSha1(parts: string[]): string {
  const sorted = parts.slice().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return crypto.createHash('sha1').update(sorted.join(''), 'utf8').digest('hex')
}

/** A push's XML as WeChat writes it: strings in CDATA, CreateTime bare. */
export function pushXml(fields: Record<string, string | number>): string {
  const body = Object.keys(fields)
    .map((name) => {
      const value = fields[name]
      return typeof value === 'number'
        ? `<${name}>${value}</${name}>`
        : `<${name}><![CDATA[${value}]]></${name}>`
    })
    .join('')
  return `<xml>${body}</xml>`
}

/** A scan event, `SCAN` or `subscribe` (`EventKey` given as WeChat sends it, e.g. `qrscene_store=12`). */
export function scanEvent(
  event: 'SCAN' | 'subscribe',
  eventKey: string,
  { from = 'oUser-test-openid', createTime = Math.floor(Date.now() / 1000) } = {}
): string {
  return pushXml({
    ToUserName: 'gh_0123456789ab',
    FromUserName: from,
    CreateTime: createTime,
    MsgType: 'event',
    Event: event,
    EventKey: eventKey,
    Ticket: 'gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xLzAyZGVtbwACBLq7',
  })
}

const aesKeyOf = (encodingAesKey: string) => Buffer.from(encodingAesKey + '=', 'base64')

/** Seals a message as safe mode does: AES-256-CBC over random(16) + length(4, BE) + message + appid, PKCS#7 to 32. */
export function sealForPush(message: string, encodingAesKey: string, appid: string): string {
  const key = aesKeyOf(encodingAesKey)
  const msg = Buffer.from(message, 'utf8')
  const head = Buffer.alloc(20)
  crypto.randomFillSync(head, 0, 16)
  head.writeUInt32BE(msg.length, 16)
  const unpadded = Buffer.concat([head, msg, Buffer.from(appid)])
  const n = 32 - (unpadded.length % 32)
  const padded = Buffer.concat([unpadded, Buffer.alloc(n, n)])
  const cipher = crypto.createCipheriv('aes-256-cbc', key, key.subarray(0, 16))
  cipher.setAutoPadding(false)
  return Buffer.concat([cipher.update(padded), cipher.final()]).toString('base64')
}

/** Opens a sealed message: the text and the appid it was sealed for. Throws on bad padding. */
export function openSealed(encrypt: string, encodingAesKey: string): { message: string; appid: string } {
  const key = aesKeyOf(encodingAesKey)
  const decipher = crypto.createDecipheriv('aes-256-cbc', key, key.subarray(0, 16))
  decipher.setAutoPadding(false)
  const padded = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()])
  const n = padded[padded.length - 1]
  if (n < 1 || n > 32) throw new Error(`bad PKCS#7 padding byte ${n}`)
  const plain = padded.subarray(0, padded.length - n)
  const size = plain.readUInt32BE(16)
  return {
    message: plain.subarray(20, 20 + size).toString('utf8'),
    appid: plain.subarray(20 + size).toString('utf8'),
  }
}

export interface PushTarget {
  /** `http://127.0.0.1:<port>` */
  url: string
  token: string
  /** Safe mode, as configured in the console. */
  safe?: { encodingAesKey: string; appid: string }
}

export interface SendOptions {
  method?: 'GET' | 'POST' | 'PUT'
  /** UNIX seconds for the query's `timestamp` (default now). */
  timestamp?: number
  nonce?: string
  /** Overrides of query params after signing (e.g. a wrong signature), or extra ones (`echostr`). */
  query?: Record<string, string>
  /** Safe mode: seal the body for this appid instead of the target's. */
  sealFor?: string
  /** Send the body as is (no sealing, whatever the target's mode). */
  raw?: boolean
}

export interface PushReply {
  status: number
  contentType: string
  body: string
}

/** Sends a push as WeChat does: signed query, and in safe mode the body sealed into `<Encrypt>`. */
export async function sendPush(target: PushTarget, body = '', options: SendOptions = {}): Promise<PushReply> {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000))
  const nonce = options.nonce ?? String(crypto.randomInt(1e9))
  const params = new URLSearchParams({
    signature: wechatSha1([target.token, timestamp, nonce]),
    timestamp,
    nonce,
  })
  let payload = body
  if (target.safe && !options.raw && (options.method ?? 'POST') === 'POST') {
    const encrypt = sealForPush(body, target.safe.encodingAesKey, options.sealFor ?? target.safe.appid)
    payload = pushXml({ ToUserName: 'gh_0123456789ab', Encrypt: encrypt })
    params.set('encrypt_type', 'aes')
    params.set('msg_signature', wechatSha1([target.token, timestamp, nonce, encrypt]))
  }
  for (const [name, value] of Object.entries(options.query ?? {})) params.set(name, value)
  const method = options.method ?? 'POST'
  const res = await fetch(`${target.url}/wechat/push?${params}`, {
    method,
    headers: { 'Content-Type': 'text/xml' },
    body: method === 'GET' ? undefined : payload,
  })
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text() }
}
