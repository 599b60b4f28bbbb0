// The fake's wxacode.getUnlimited (`wxa/getwxacodeunlimit`): WeChat's checks on the request, written from its
// documentation apart from the tools' own checks. A real code is WeChat's round "sun" code; the fake draws an ordinary
// QR code instead, whose text names what the real one would open, so a test can read it back (jsqr).
import { WECHAT_LIMITS } from '../src/limits'
import type { Reply } from './world'

// WeChat's scene characters: letters, digits and !#$&'()*+,/:;=?@-._~ ("其它字符请自行编码为合法字符", no `%`).
const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/
const ENV_VERSIONS = new Set(['release', 'trial', 'develop'])

/** The scheme of the text the fake's code images hold (`fake-wxacode:` + a query string). */
export const FAKE_CODE_SCHEME = 'fake-wxacode:'

/** What a fake mini program code holds: the fields of the request that made it. */
export interface FakeCodeContent {
  appid: string
  page: string
  scene: string
  env_version: string
}

/** The text drawn into a fake code image. */
export function fakeCodeText(content: FakeCodeContent): string {
  return FAKE_CODE_SCHEME + new URLSearchParams({ ...content }).toString()
}

/** Reads the text of a fake code image back into its fields, or null when it is not one. */
export function readFakeCodeText(text: string): FakeCodeContent | null {
  if (!text.startsWith(FAKE_CODE_SCHEME)) return null
  const q = new URLSearchParams(text.slice(FAKE_CODE_SCHEME.length))
  const get = (k: string) => q.get(k) ?? ''
  return { appid: get('appid'), page: get('page'), scene: get('scene'), env_version: get('env_version') }
}

/**
 * Checks a getUnlimited body as WeChat documents it. Returns WeChat's JSON error, or what to draw: the code's text
 * and its width in pixels.
 */
export function unlimitedCode(
  body: Record<string, unknown>,
  appid: string,
  releasedPages: readonly string[]
): Reply | { text: string; width: number } {
  const { scene, page = '', check_path = true, env_version = 'release', width } = body
  if (typeof scene !== 'string' || scene.length === 0 || scene.length > WECHAT_LIMITS.codeSceneMax) {
    return { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' }
  }
  if (!SCENE_CHARS.test(scene)) return { errcode: 40129, errmsg: 'invalid scene' }
  if (typeof page !== 'string' || page.startsWith('/') || page.includes('?')) {
    return { errcode: 41030, errmsg: 'invalid page' }
  }
  if (typeof check_path !== 'boolean') return { errcode: 40097, errmsg: 'invalid args: check_path' }
  // An empty page opens the home page; a named one must be released while check_path is on.
  if (check_path && page !== '' && !releasedPages.includes(page)) {
    return { errcode: 41030, errmsg: 'invalid page' }
  }
  if (typeof env_version !== 'string' || !ENV_VERSIONS.has(env_version)) {
    return { errcode: 40097, errmsg: 'invalid args: env_version' }
  }
  let pixels: number = WECHAT_LIMITS.codeWidthDefault
  if (width !== undefined) {
    if (typeof width !== 'number' || !Number.isFinite(width))
      return { errcode: 40097, errmsg: 'invalid args: width' }
    pixels = Math.min(WECHAT_LIMITS.codeWidthMax, Math.max(WECHAT_LIMITS.codeWidthMin, Math.round(width)))
  }
  return {
    text: fakeCodeText({ appid, page: page || releasedPages[0] || '', scene, env_version }),
    width: pixels,
  }
}
