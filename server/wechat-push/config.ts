// WeChat's server push settings, from the environment. The token and the AES key are secrets: no message here
// (or anywhere) repeats them.
import { Buffer } from 'node:buffer'

import { isAppId } from '../../src/landing/json-value'

/** Safe mode (安全模式): events and replies are AES-encrypted for one service account. */
export interface SafeMode {
  /** The 32-byte AES key: base64-decoded EncodingAESKey. */
  key: Buffer
  /** The service account's appid: every decrypted message must end with it. */
  appid: string
}

export interface PushConfig {
  /** The console's Token: signs every push. */
  token: string
  /** Set when `WECHAT_PUSH_AES_KEY` is: plaintext events are then refused. */
  safeMode: SafeMode | null
}

// The console's own constraints: Token 3–32 letters or digits; EncodingAESKey 43 of A–Z, a–z, 0–9.
const TOKEN = /^[A-Za-z0-9]{3,32}$/
const AES_KEY = /^[A-Za-z0-9]{43}$/

/**
 * Reads `WECHAT_PUSH_TOKEN`, `WECHAT_PUSH_AES_KEY` and `WECHAT_PUSH_APPID`. `config: null` when no token is set
 * (the push endpoint is off); an `error` says which variable is wrong and how, without its value.
 */
export function readPushConfig(
  env: Record<string, string | undefined>
): { config: PushConfig | null } | { error: string } {
  const token = env.WECHAT_PUSH_TOKEN ?? ''
  const aesKey = env.WECHAT_PUSH_AES_KEY ?? ''
  const appid = env.WECHAT_PUSH_APPID ?? ''
  if (token === '') {
    return aesKey || appid
      ? {
          error:
            'WECHAT_PUSH_AES_KEY or WECHAT_PUSH_APPID is set but WECHAT_PUSH_TOKEN is not: set all three.',
        }
      : { config: null }
  }
  if (!TOKEN.test(token)) {
    return {
      error: `WECHAT_PUSH_TOKEN must be 3-32 letters or digits (it has ${token.length} characters${
        /^[A-Za-z0-9]*$/.test(token) ? '' : ', some of them not letters or digits'
      }): copy the Token from the service account console.`,
    }
  }
  if (aesKey === '' && appid === '') return { config: { token, safeMode: null } }
  if (aesKey === '') {
    return { error: 'WECHAT_PUSH_APPID is set but WECHAT_PUSH_AES_KEY is not: safe mode needs both.' }
  }
  if (!AES_KEY.test(aesKey)) {
    return {
      error: `WECHAT_PUSH_AES_KEY must be the 43-character EncodingAESKey of A-Z, a-z, 0-9 (it has ${
        aesKey.length
      } characters${
        /^[A-Za-z0-9]*$/.test(aesKey) ? '' : ', some of them outside A-Z, a-z, 0-9'
      }): copy it from the service account console.`,
    }
  }
  if (!isAppId(appid)) {
    return {
      error:
        appid === ''
          ? "WECHAT_PUSH_AES_KEY is set but WECHAT_PUSH_APPID is not: safe mode needs the service account's appid."
          : `WECHAT_PUSH_APPID must be the service account's appid, "wx" and 16 hex digits; got ${JSON.stringify(appid)}.`,
    }
  }
  // 43 base64 characters + "=" decode to exactly 32 bytes: AES-256.
  return { config: { token, safeMode: { key: Buffer.from(`${aesKey}=`, 'base64'), appid } } }
}
