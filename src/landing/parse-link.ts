import { LANDING_LIMITS, shownInput } from './limits'
import { fail, ok, type Result, type Why } from './result'

/** A link split the way WeChat's rules compare it. Scheme and host are lower-cased; path and query are as printed. */
export interface Link {
  /** `https`, `http`, `ftp`, … without `://`. */
  scheme: string
  /** Host, with `:port` when the link names one (a port is part of what must equal the rule's host). */
  host: string
  /** Path, `/` when the link has none. */
  path: string
  /** The text after `?` (without it), or `null` when the link has no `?`. */
  query: string | null
  /** The text after `#`, or `null`. Never part of matching. */
  hash: string | null
  /** The link as given. */
  href: string
}

// scheme "://" authority path? ("?" query)? ("#" hash)?  — RFC 3986 appendix B, with the authority required. The
// path starts with "/" (path-abempty), so authority and path can never trade characters: linear, as the ReDoS test
// (test/unit/redos.test.ts) checks for every expression of the core.
const LINK = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/([^/?#]*)((?:\/[^?#]*)?)(?:\?([^#]*))?(?:#(.*))?$/
// One DNS label (RFC 1123): letters, digits, inner hyphens. Its 63-character cap is checked apart, which keeps
// counted repeats out of the expression.
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/
// Whitespace, control characters (CR, LF, NUL, …) and backslashes never appear in a printed store link, and
// browsers and servers disagree on how to read them: refuse rather than guess.
const FORBIDDEN = /[\u0000-\u0020\u007f\\]/

/** Parses an absolute link without `URL` (absent or quirky in the mini program runtime). Never throws. */
export function parseLink(text: string): Result<Link> {
  if (text.length > LANDING_LIMITS.maxLinkLength)
    return notALink(text, { is: 'link-too-long', length: text.length })
  if (FORBIDDEN.test(text)) return notALink(text, { is: 'link-characters' })
  const m = LINK.exec(text)
  if (!m) return notALink(text, { is: 'link-not-absolute' })
  const [, scheme, authority, path, query, hash] = m
  if (authority.includes('@')) return notALink(text, { is: 'link-user-info' })
  const colon = authority.lastIndexOf(':')
  const hostname = colon >= 0 ? authority.slice(0, colon) : authority
  const port = colon >= 0 ? authority.slice(colon + 1) : null
  if (!isHostName(hostname)) return notALink(text, { is: 'link-host', host: hostname })
  if (port !== null && !/^[0-9]{1,5}$/.test(port)) return notALink(text, { is: 'link-port', port })
  return ok({
    scheme: scheme.toLowerCase(),
    host: authority.toLowerCase(),
    path: path === '' ? '/' : path,
    query: query ?? null,
    hash: hash ?? null,
    href: text,
  })
}

// Module-level, not a closure per call: the tools land 100 000 tickets through parseLink.
function notALink(text: string, why: Why): Result<Link> {
  return fail('not-a-link', why, { input: shownInput(text) })
}

/** A DNS name of at most 253 characters, labels of 1–63, one trailing `.` allowed. */
function isHostName(name: string): boolean {
  if (name.length > 253) return false
  const end = name.endsWith('.') ? name.length - 1 : name.length
  // Label by label with indexOf, not split(): parseLink runs once per ticket when a tool lands a whole scene map.
  for (let start = 0; ;) {
    const dot = name.indexOf('.', start)
    const stop = dot < 0 || dot > end ? end : dot
    const label = name.slice(start, stop)
    if (label.length > 63 || !LABEL.test(label)) return false
    if (stop === end) return true
    start = stop + 1
  }
}
