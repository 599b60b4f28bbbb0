// A deliberately simple model of WeChat's link matching, written straight from wechat-facts §2 (seed 004) and
// sharing no code with src/landing. The differential properties check the real matcher against it: where the
// two disagree, one of them misreads the spec. Only for well-formed absolute links (scheme://host/path?query#hash).

/** A link cut into the four parts WeChat compares. */
export interface RefLink {
  scheme: string
  host: string
  path: string
  /** After `?`, or null when there is no `?` at all (`/a?` has the empty query ""). */
  query: string | null
}

export type RefMismatch = 'protocol' | 'host' | 'path' | 'query'

/**
 * Cuts a link with plain string searches. Scheme and host compare case-insensitively (RFC 3986 §3.1, §3.2.2);
 * a port stays part of the host; an empty path is `/` (RFC 3986 §6.2.3); the fragment is never compared.
 */
export function refSplit(text: string): RefLink {
  const afterScheme = text.indexOf('://')
  const scheme = text.slice(0, afterScheme).toLowerCase()
  let rest = text.slice(afterScheme + 3)
  const hash = rest.indexOf('#')
  if (hash >= 0) rest = rest.slice(0, hash)
  const mark = rest.indexOf('?')
  const query = mark >= 0 ? rest.slice(mark + 1) : null
  if (mark >= 0) rest = rest.slice(0, mark)
  const slash = rest.indexOf('/')
  const host = (slash >= 0 ? rest.slice(0, slash) : rest).toLowerCase()
  const path = slash >= 0 ? rest.slice(slash) : '/'
  return { scheme, host, path, query }
}

/**
 * §2: 1. protocol and host equal; 2. path equal, or under the rule's path when that ends with `/`;
 * 3. a rule query is a string prefix of the link's query (a rule ending in `?` has an empty one: any query).
 * The first failing check, in that order, or null when the rule matches.
 */
export function refMismatch(linkText: string, ruleText: string): RefMismatch | null {
  const link = refSplit(linkText)
  const rule = refSplit(ruleText)
  if (link.scheme !== rule.scheme) return 'protocol'
  if (link.host !== rule.host) return 'host'
  const pathOk = link.path === rule.path || (rule.path.endsWith('/') && link.path.startsWith(rule.path))
  if (!pathOk) return 'path'
  if (rule.query !== null && rule.query !== '' && !(link.query ?? '').startsWith(rule.query)) return 'query'
  return null
}

/**
 * §2.4: among matching rules the most specific wins — the deeper path first, then the longer query (a rule with
 * `?` beats the same path without). On a tie (rules that differ only in case or fragment) the first listed wins.
 * The index of the winner, or -1 when none matches.
 */
export function refChoose(linkText: string, rules: readonly string[]): number {
  let best = -1
  for (let i = 0; i < rules.length; i++) {
    if (refMismatch(linkText, rules[i]) !== null) continue
    if (best < 0 || moreSpecific(refSplit(rules[i]), refSplit(rules[best]))) best = i
  }
  return best
}

function moreSpecific(a: RefLink, b: RefLink): boolean {
  if (a.path.length !== b.path.length) return a.path.length > b.path.length
  const qa = a.query === null ? -1 : a.query.length
  const qb = b.query === null ? -1 : b.query.length
  return qa > qb
}

/** §3: a service-account ticket link (`http(s)://weixin.qq.com/q/…`) is looked up in the scene map, not matched. */
export function refIsTicket(linkText: string): boolean {
  const link = refSplit(linkText)
  return (
    (link.scheme === 'http' || link.scheme === 'https') &&
    link.host === 'weixin.qq.com' &&
    link.path.startsWith('/q/')
  )
}
