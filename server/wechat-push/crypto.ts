// WeChat's push signatures and safe-mode message crypto (消息加解密说明): sha1 over the sorted strings;
// AES-256-CBC, IV = the key's first 16 bytes, PKCS#7 padded to 32-byte blocks, over
// 16 random bytes + the message length (4 bytes, big-endian) + the message + the appid.
import { Buffer } from 'node:buffer'
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { SafeMode } from './config'

const PAD_BLOCK = 32
const SHA1_HEX = /^[0-9a-f]{40}$/

/** `signature` / `msg_signature`: sha1 of the parts sorted as strings and joined. */
export function pushSignature(...parts: string[]): string {
  return createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex')
}

/** True when `given` (from the query) is the signature of `parts`; compared in constant time. */
export function signatureMatches(given: string | undefined, ...parts: string[]): boolean {
  if (given === undefined || !SHA1_HEX.test(given)) return false
  return timingSafeEqual(Buffer.from(given), Buffer.from(pushSignature(...parts)))
}

export type Decrypted = { ok: true; message: string } | { ok: false; reason: string }

/** Decrypts an `Encrypt` value; refuses it unless it is well padded, well framed and for `safeMode.appid`. */
export function decryptMessage(encrypt: string, { key, appid }: SafeMode): Decrypted {
  const refused = (reason: string): Decrypted => ({ ok: false, reason })
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encrypt)) return refused('Encrypt is not base64')
  const sealed = Buffer.from(encrypt, 'base64')
  if (sealed.length === 0 || sealed.length % 16 !== 0) return refused('Encrypt is not whole AES blocks')
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false)
  const plain = Buffer.concat([decipher.update(sealed), decipher.final()])
  const pad = plain[plain.length - 1]
  if (pad < 1 || pad > PAD_BLOCK || pad > plain.length || plain.subarray(-pad).some((b) => b !== pad)) {
    return refused("the padding is wrong (is WECHAT_PUSH_AES_KEY the console's EncodingAESKey?)")
  }
  const content = plain.subarray(0, plain.length - pad)
  if (content.length < 20) return refused('the message is too short')
  const length = content.readUInt32BE(16)
  if (20 + length > content.length) return refused('the message length is wrong')
  const from = content.subarray(20 + length).toString('latin1')
  if (from !== appid) return refused('the message is for another appid than WECHAT_PUSH_APPID')
  try {
    return {
      ok: true,
      message: new TextDecoder('utf-8', { fatal: true }).decode(content.subarray(20, 20 + length)),
    }
  } catch {
    return refused('the message is not UTF-8')
  }
}

/** Encrypts a reply for `safeMode.appid` (the same framing WeChat decrypts). */
export function encryptMessage(message: string, { key, appid }: SafeMode, random = randomBytes(16)): string {
  const body = Buffer.from(message, 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32BE(body.length)
  const content = Buffer.concat([random, length, body, Buffer.from(appid, 'latin1')])
  const pad = PAD_BLOCK - (content.length % PAD_BLOCK)
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16)).setAutoPadding(false)
  return Buffer.concat([
    cipher.update(Buffer.concat([content, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]).toString('base64')
}
