const HEX = /^[0-9A-Fa-f]{2}$/

/**
 * Percent-decodes `s` without ever throwing: a `%` not followed by two hex digits stays a literal `%`
 * (Taro #15694 links such as `%E4%BD%A0%%E5%A5%BD`); `+` stays `+` (WeChat does not form-encode).
 * Returns `false` when the escapes spell bytes that are not UTF-8: there is no honest text to recover.
 */
export function percentDecode(s: string): string | false {
  if (s.indexOf('%') < 0) return s
  let out = ''
  let i = 0
  while (i < s.length) {
    const pct = s.indexOf('%', i)
    if (pct < 0) {
      out += s.slice(i)
      break
    }
    out += s.slice(i, pct)
    // Collect a run of %XX escapes and decode them together (a multi-byte character spans several).
    let j = pct
    let run = ''
    while (j + 2 < s.length && s[j] === '%' && HEX.test(s.slice(j + 1, j + 3))) {
      run += s.slice(j, j + 3)
      j += 3
    }
    if (run === '') {
      out += '%'
      i = pct + 1
      continue
    }
    try {
      out += decodeURIComponent(run)
    } catch {
      return false
    }
    i = j
  }
  return out
}
