// Where the order API lives, from the build's TARO_APP_API_BASE. Pure: the Taro glue passes in the raw value and
// the mini program's env version.

/** WeChat's `getAccountInfoSync().miniProgram.envVersion`: DevTools/preview, trial, or the released version. */
export type EnvVersion = 'develop' | 'trial' | 'release'

export type ApiBase =
  | { ok: true; base: string }
  /**
   * missing: no value built in · invalid: not an http(s) origin with an optional path · insecure: plain http or a
   * loopback/private host outside `develop`, which WeChat refuses and which only ever means a developer's machine.
   */
  | { ok: false; reason: 'missing' | 'invalid' | 'insecure'; value: string }

// scheme://host[:port][/path] — no credentials, query or fragment.
const BASE =
  /^(https?):\/\/([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:\d{1,5})?(\/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?$/
const LOCAL_HOST =
  /^(localhost|127(\.\d{1,3}){3}|0\.0\.0\.0|10(\.\d{1,3}){3}|192\.168(\.\d{1,3}){2}|172\.(1[6-9]|2\d|3[01])(\.\d{1,3}){2}|\[::1?\])$/i

/** Checks the API base for this env version; `develop` (and an unknown version) allows the local demo backend. */
export function resolveApiBase(raw: string | undefined, envVersion: EnvVersion | undefined): ApiBase {
  const value = (raw ?? '').trim()
  if (value === '') return { ok: false, reason: 'missing', value }
  const m = BASE.exec(value)
  if (!m) return { ok: false, reason: 'invalid', value }
  const [, scheme, host] = m
  const live = envVersion === 'trial' || envVersion === 'release'
  if (live && (scheme !== 'https' || LOCAL_HOST.test(host))) return { ok: false, reason: 'insecure', value }
  return { ok: true, base: value.replace(/\/+$/, '') }
}
