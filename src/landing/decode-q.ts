import { LANDING_LIMITS, shownInput } from './limits'
import { percentDecode } from './percent'
import { fail, ok, type Step } from './result'

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
export function decodeQ(q: unknown): Step<string> {
  if (typeof q !== 'string') {
    return fail('malformed-q', `q must be a string, got ${describe(q)}.`, 'Scan the printed code again.')
  }
  if (q.length === 0) {
    return fail('malformed-q', 'q is empty.', 'Scan the printed code again.', { input: q })
  }
  if (q.length > LANDING_LIMITS.maxQLength) {
    return fail(
      'malformed-q',
      `q is ${q.length} characters long; no printed QR code holds more than ${LANDING_LIMITS.maxQLength}.`,
      'This is not a store code: scan the code on the table or counter.',
      { input: shownInput(q) }
    )
  }
  let link = percentDecode(q)
  for (let extra = 0; link !== false && extra < LANDING_LIMITS.maxExtraDecodes; extra++) {
    if (ABSOLUTE_LINK.test(link) || !ENCODED_ABSOLUTE_LINK.test(link)) break
    link = percentDecode(link)
  }
  if (link === false) {
    return fail(
      'malformed-q',
      'q has percent-escapes that do not spell UTF-8 text.',
      'Scan the printed code again.',
      {
        input: shownInput(q),
      }
    )
  }
  return ok(link)
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}
