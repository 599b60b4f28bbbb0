import { LANDING_LIMITS, shownInput } from './limits'
import { percentDecode } from './percent'
import { fail, ok, type Result } from './result'

const ABSOLUTE_LINK = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//
// `scheme%3A%2F%2F`, or deeper (`%253A%252F%252F`, …): without the `(?:25)*` a triple-encoded link, whose first
// decode gives `https%253A…`, was never decoded further and landed on not-a-link.
const ENCODED_ABSOLUTE_LINK = /^[A-Za-z][A-Za-z0-9+.-]*%(?:25)*3A%(?:25)*2F%(?:25)*2F/i

/**
 * Decodes the `q` launch option, which WeChat URL-encodes exactly once.
 * Policy: decode once; while the result is still an *encoded* absolute link (`https%3A%2F%2F…`, printed by a
 * tool that encoded twice) decode again, at most `maxExtraDecodes` times; a `%` without two hex digits stays
 * literal; escapes that are not UTF-8 give `malformed-q`. Never throws.
 */
export function decodeQ(q: unknown): Result<string> {
  if (typeof q !== 'string') return fail('malformed-q', { is: 'q-type', got: describe(q) })
  if (q.length === 0) return fail('malformed-q', { is: 'q-empty' }, { input: q })
  if (q.length > LANDING_LIMITS.maxQLength) {
    return fail('malformed-q', { is: 'q-too-long', length: q.length }, { input: shownInput(q) })
  }
  let link = percentDecode(q)
  for (let extra = 0; link !== false && extra < LANDING_LIMITS.maxExtraDecodes; extra++) {
    if (ABSOLUTE_LINK.test(link) || !ENCODED_ABSOLUTE_LINK.test(link)) break
    link = percentDecode(link)
  }
  if (link === false) return fail('malformed-q', { is: 'q-not-utf8' }, { input: shownInput(q) })
  return ok(link)
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}
