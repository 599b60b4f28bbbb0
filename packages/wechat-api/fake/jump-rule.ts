// The fake's own reading of WeChat's rule checks (seed 004, wechat-facts §2): written apart from the app's landing
// core on purpose, so a mistake in one cannot hide the same mistake in the other.

/** Service-account links (qrcode/create's urls) start here; qrcodejumpadd with `appid` takes only these. */
export const TICKET_PREFIX = 'http://weixin.qq.com/q/'

const PROTOCOLS = new Set(['http:', 'https:', 'ftp:'])

/** The prefix as WeChat accepts it for an ordinary rule (http, https or ftp; no user info), else null. */
export function ordinaryPrefix(prefix: string): URL | null {
  let url: URL
  try {
    url = new URL(prefix)
  } catch {
    return null
  }
  if (!PROTOCOLS.has(url.protocol) || url.username !== '' || url.password !== '') return null
  return prefix.startsWith(TICKET_PREFIX) ? null : url
}

/** True when `link` opens `rule`: same scheme and host; the path equal or under a `/`-ended one; the query a prefix. */
export function matchesRule(link: string, rule: URL): boolean {
  let url: URL
  try {
    url = new URL(link)
  } catch {
    return false
  }
  if (url.protocol !== rule.protocol || url.host !== rule.host) return false
  const samePath =
    url.pathname === rule.pathname || (rule.pathname.endsWith('/') && url.pathname.startsWith(rule.pathname))
  const query = rule.search.slice(1)
  return samePath && (query === '' || url.search.slice(1).startsWith(query))
}
