// WeChat's envelope around a push: the query's timestamp and signature, and in safe mode the sealed <Encrypt>.
// Nothing inside is looked at until the envelope checks out.
import { randomBytes } from 'node:crypto'
import type { PushConfig, SafeMode } from './config'
import { decryptMessage, encryptMessage, pushSignature, signatureMatches } from './crypto'
import { readXml, writeXml, type PushFields } from './xml'

/** Seconds a push's `timestamp` may be off our clock, either way. */
const PUSH_CLOCK_SKEW = 5 * 60

/** Why a push is refused: 401 when it is not WeChat's for this account (or too old), 400 when it is malformed. */
export interface Refusal {
  ok: false
  status: 400 | 401
  message: string
}

const refused = (status: 400 | 401, message: string): Refusal => ({ ok: false, status, message })
const BAD_SIGNATURE = 'does not match: is WECHAT_PUSH_TOKEN the console Token?'

/** The query's timestamp, when it is UNIX seconds within the allowed skew of `nowMs`. */
function checkTime(query: URLSearchParams, nowMs: number): { ok: true; timestamp: string } | Refusal {
  const timestamp = query.get('timestamp') ?? ''
  if (!/^[0-9]{1,12}$/.test(timestamp)) return refused(401, 'timestamp is missing or not UNIX seconds')
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > PUSH_CLOCK_SKEW) {
    return refused(401, `timestamp is more than ${PUSH_CLOCK_SKEW / 60} minutes off this server's clock`)
  }
  return { ok: true, timestamp }
}

/** WeChat's URL check (GET): the `echostr` to echo, once time and signature check out. */
export function checkUrl(
  query: URLSearchParams,
  { token }: PushConfig,
  nowMs: number
): { ok: true; echo: string } | Refusal {
  const time = checkTime(query, nowMs)
  if (!time.ok) return time
  if (
    !signatureMatches(query.get('signature') ?? undefined, token, time.timestamp, query.get('nonce') ?? '')
  ) {
    return refused(401, `signature ${BAD_SIGNATURE}`)
  }
  const echo = query.get('echostr')
  return echo === null ? refused(400, 'echostr is missing') : { ok: true, echo }
}

/** Opens a pushed message (POST): plaintext mode checks `signature`; safe mode `msg_signature`, then decrypts. */
export function openPush(
  query: URLSearchParams,
  body: string,
  { token, safeMode }: PushConfig,
  nowMs: number
): { ok: true; fields: PushFields } | Refusal {
  const time = checkTime(query, nowMs)
  if (!time.ok) return time
  const { timestamp } = time
  const nonce = query.get('nonce') ?? ''
  const mode = query.get('encrypt_type') ?? 'raw'
  if (mode === 'raw') {
    if (safeMode) return refused(401, 'plaintext push refused: safe mode is configured (WECHAT_PUSH_AES_KEY)')
    if (!signatureMatches(query.get('signature') ?? undefined, token, timestamp, nonce)) {
      return refused(401, `signature ${BAD_SIGNATURE}`)
    }
    const read = readXml(body)
    return read.ok ? read : refused(400, `malformed XML: ${read.message}`)
  }
  if (mode !== 'aes') return refused(400, 'encrypt_type must be aes or absent')
  if (!safeMode)
    return refused(400, 'safe-mode push, but WECHAT_PUSH_AES_KEY and WECHAT_PUSH_APPID are not set')
  // The signature covers <Encrypt>: the outer XML is read first, and nothing else of it is used.
  const outer = readXml(body)
  if (!outer.ok) return refused(400, `malformed XML: ${outer.message}`)
  const sealed = outer.fields.Encrypt
  if (!sealed) return refused(400, 'malformed XML: a safe-mode push needs <Encrypt>')
  if (!signatureMatches(query.get('msg_signature') ?? undefined, token, timestamp, nonce, sealed)) {
    return refused(401, `msg_signature ${BAD_SIGNATURE}`)
  }
  const opened = decryptMessage(sealed, safeMode)
  if (!opened.ok) return refused(401, `cannot decrypt: ${opened.reason}`)
  const inner = readXml(opened.message)
  return inner.ok ? inner : refused(400, `malformed XML inside <Encrypt>: ${inner.message}`)
}

/** Seals a passive reply for safe mode: `<Encrypt>`, signed with our own timestamp and nonce. */
export function sealReply(reply: string, safeMode: SafeMode, token: string, nowMs: number): string {
  const encrypt = encryptMessage(reply, safeMode)
  const timestamp = String(Math.floor(nowMs / 1000))
  const nonce = String(randomBytes(4).readUInt32BE())
  return writeXml([
    ['Encrypt', encrypt],
    ['MsgSignature', pushSignature(token, timestamp, nonce, encrypt)],
    ['TimeStamp', Number(timestamp)],
    ['Nonce', nonce],
  ])
}
