// The core returns codes and their details (`why`); the English for developers and tools comes from explain.ts. These
// are the words the core said itself before it returned codes: `scan`'s JSON and rules:check keep saying them.
import {
  compileRuleTable,
  landContent,
  landQ,
  type LandingErrorCode,
  type LandingResult,
} from '../../src/landing'
import { explainError } from '../../src/landing/explain'
import { parseLink } from '../../src/landing/parse-link'
import { FIXTURE } from './fixtures'

const S = 'https://shop.example.com/s/'

const scenes = compileRuleTable({
  rules: [],
  serviceAccount: {
    appid: 'wx0a1b2c3d4e5f6a7b',
    tickets: [
      { url: 'http://weixin.qq.com/q/02noStore', scene: 'table=5' },
      { url: 'http://weixin.qq.com/q/02badKey', scene: 'store=12&%FF=1' },
    ],
    routes: [{ page: 'pages/order/index', params: { store: { type: 'int', min: 1 } } }],
  },
})
if (!scenes.ok) throw new Error("the scenes' rule table does not compile")
const SCENES = scenes.ruleTable

interface Case {
  name: string
  land: () => LandingResult
  code: LandingErrorCode
  message: string
  hint: string
}

const CASES: Case[] = [
  {
    name: 'q that is a number',
    land: () => landQ(42, FIXTURE),
    code: 'malformed-q',
    message: 'q must be a string, got number.',
    hint: 'Scan the printed code again.',
  },
  {
    name: 'q that is null',
    land: () => landQ(null, FIXTURE),
    code: 'malformed-q',
    message: 'q must be a string, got null.',
    hint: 'Scan the printed code again.',
  },
  {
    name: 'q that is an array',
    land: () => landQ([], FIXTURE),
    code: 'malformed-q',
    message: 'q must be a string, got an array.',
    hint: 'Scan the printed code again.',
  },
  {
    name: 'q that is an object',
    land: () => landQ({}, FIXTURE),
    code: 'malformed-q',
    message: 'q must be a string, got object.',
    hint: 'Scan the printed code again.',
  },
  {
    name: 'an empty q',
    land: () => landQ('', FIXTURE),
    code: 'malformed-q',
    message: 'q is empty.',
    hint: 'Scan the printed code again.',
  },
  {
    name: 'a q longer than any QR code holds',
    land: () => landQ('a'.repeat(13000), FIXTURE),
    code: 'malformed-q',
    message: 'q is 13000 characters long; no printed QR code holds more than 12888.',
    hint: 'This is not a store code: scan the code on the table or counter.',
  },
  {
    name: 'a q whose escapes are not UTF-8',
    land: () => landQ('%FF', FIXTURE),
    code: 'malformed-q',
    message: 'q has percent-escapes that do not spell UTF-8 text.',
    hint: 'Scan the printed code again.',
  },
  {
    name: 'content longer than a QR code link',
    land: () => landContent('h'.repeat(5000), FIXTURE),
    code: 'not-a-link',
    message: 'The content is 5000 characters long; a QR code link holds at most 4296.',
    hint: 'This is not a store code: scan the code on the table or counter.',
  },
  {
    name: 'content with a space',
    land: () => landContent('https://a b', FIXTURE),
    code: 'not-a-link',
    message: 'The content contains spaces, control characters or backslashes.',
    hint: 'This is not a store code: scan the code on the table or counter.',
  },
  {
    name: 'a link with user info',
    land: () => landContent('https://u@shop.example.com/s/12', FIXTURE),
    code: 'not-a-link',
    message: 'The link carries user info before its host (user@host), which store codes never do.',
    hint: 'This is not a store code: scan the code on the table or counter.',
  },
  {
    name: 'a link with a bad host',
    land: () => landContent('https://exa_mple.com/', FIXTURE),
    code: 'not-a-link',
    message: 'The link\'s host "exa_mple.com" is not a valid host name.',
    hint: 'This is not a store code: scan the code on the table or counter.',
  },
  {
    name: 'a link with a bad port',
    land: () => landContent('https://shop.example.com:abc/s/12', FIXTURE),
    code: 'not-a-link',
    message: 'The link\'s port "abc" is not a number.',
    hint: 'This is not a store code: scan the code on the table or counter.',
  },
  {
    name: 'a link no rule matches',
    land: () => landContent('https://other.example.com/x', FIXTURE),
    code: 'no-matching-rule',
    message: "The link matches none of this mini program's QR code rules.",
    hint: "This code is not one of this store's codes: scan the code on the table or counter.",
  },
  {
    name: 'a ticket the scene map lacks',
    land: () => landContent('http://weixin.qq.com/q/unknown', FIXTURE),
    code: 'unknown-ticket',
    message: 'This service-account code is not in the scene map.',
    hint: 'Ask the staff for a table code; this one may be new or retired.',
  },
  {
    name: 'a scene_id without a scene string',
    land: () => landContent('http://weixin.qq.com/q/02ticketUnmapped', FIXTURE),
    code: 'no-route',
    message: 'scene_id 2002 is not mapped to a scene string.',
    hint: 'Ask the staff for another code.',
  },
  {
    name: 'a rule without routes',
    land: () => landContent('https://shop.example.com/promo/x', FIXTURE),
    code: 'no-route',
    message: 'The link matches "https://shop.example.com/promo/", but none of its routes leads to a page.',
    hint: 'This code is registered but not set up for ordering yet: ask the staff for another code.',
  },
  {
    name: 'a scene no route takes',
    land: () => landContent('http://weixin.qq.com/q/02noStore', SCENES),
    code: 'no-route',
    message: 'The scene matches "http://weixin.qq.com/q/02noStore", but none of its routes leads to a page.',
    hint: 'This code is registered but not set up for ordering yet: ask the staff for another code.',
  },
  {
    name: 'a path segment that is not UTF-8',
    land: () => landContent(`${S}12/t/%FF`, FIXTURE),
    code: 'invalid-param',
    message: 'Path segment "%FF" is not UTF-8.',
    hint: 'The code may be damaged or not meant for this store: scan the code on the table or counter again.',
  },
  {
    name: 'a scene key that is not UTF-8',
    land: () => landContent('http://weixin.qq.com/q/02badKey', SCENES),
    code: 'invalid-param',
    message: '"%FF" has percent-escapes that are not UTF-8.',
    hint: 'The code may be damaged or not meant for this store: scan the code on the table or counter again.',
  },
  {
    name: 'a param in the path and the query',
    land: () => landContent(`${S}12/t/5?table=6`, FIXTURE),
    code: 'invalid-param',
    message: 'Param "table" is given in both the path and the query.',
    hint: 'The code may be damaged or not meant for this store: scan the code on the table or counter again.',
  },
  {
    name: 'a repeated param',
    land: () => landContent(`${S}12?mode=takeaway&mode=takeaway`, FIXTURE),
    code: 'invalid-param',
    message: 'Param "mode" is given more than once.',
    hint: 'The code may be damaged or not meant for this store: scan the code on the table or counter again.',
  },
  {
    name: 'a const param given',
    land: () => landContent(`${S}12/t/5?mode=x`, FIXTURE),
    code: 'invalid-param',
    message: 'Param "mode" is fixed by the code\'s route and cannot be given.',
    hint: 'The code may be damaged or not meant for this store: scan the code on the table or counter again.',
  },
  {
    name: "a sibling route's param",
    land: () => landContent(`${S}12?table=5`, FIXTURE),
    code: 'invalid-param',
    message: 'Param "table" is not declared for this page.',
    hint: 'The code may be damaged or not meant for this store: scan the code on the table or counter again.',
  },
  {
    name: 'a param that is not UTF-8',
    land: () => landContent(`${S}12?mode=%FF`, FIXTURE),
    code: 'invalid-param',
    message: 'Param "mode" has percent-escapes that are not UTF-8.',
    hint: 'The code may be damaged or not meant for this store: scan the code on the table or counter again.',
  },
  {
    name: 'an int out of range',
    land: () => landContent(`${S}0/t/5`, FIXTURE),
    code: 'invalid-param',
    message: 'Param "store" must be a whole number from 1 to 999999999; got "0".',
    hint: 'The code may be damaged or not meant for this store: scan the code on the table or counter again.',
  },
  {
    name: 'a string off its pattern',
    land: () => landContent(`${S}12/t/a_b`, FIXTURE),
    code: 'invalid-param',
    message: 'Param "table" must match ^(?:[A-Za-z0-9-]{1,16})$; got "a_b".',
    hint: 'The code may be damaged or not meant for this store: scan the code on the table or counter again.',
  },
  {
    name: 'an enum value not listed',
    land: () => landContent(`${S}12?mode=dine-in`, FIXTURE),
    code: 'invalid-param',
    message: 'Param "mode" must be one of takeaway; got "dine-in".',
    hint: 'The code may be damaged or not meant for this store: scan the code on the table or counter again.',
  },
  {
    name: 'a long value, shortened',
    land: () => landContent(`${S}12/t/${'x'.repeat(60)}`, FIXTURE),
    code: 'invalid-param',
    message: 'Param "table" must match ^(?:[A-Za-z0-9-]{1,16})$; got "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…".',
    hint: 'The code may be damaged or not meant for this store: scan the code on the table or counter again.',
  },
]

describe('landing errors in words (explainError)', () => {
  it.each(CASES)('$name: $code, worded as before', ({ land, code, message, hint }) => {
    const result = land()
    expect(result).toMatchObject({ ok: false, code })
    if (result.ok) return
    expect(explainError(result)).toEqual({ message, hint })
    // The result itself carries no words: only the code and its details ride in the package.
    expect(result).not.toHaveProperty('message')
    expect(result).not.toHaveProperty('hint')
  })

  it('words a link that is not absolute, the order page without a context and a failed ticket lookup', () => {
    const parsed = parseLink('mailto:x@example.com')
    expect(parsed.ok).toBe(false)
    if (!parsed.ok)
      expect(explainError(parsed).message).toBe('The content is not an absolute link (scheme://host/path).')
    expect(explainError({ ok: false, code: 'invalid-param', why: { is: 'order-context' } })).toEqual({
      message: 'The order page was opened without a valid store and table or takeaway mode.',
      hint: 'Scan the code on the table or counter.',
    })
    expect(
      explainError({
        ok: false,
        code: 'ticket-lookup-failed',
        why: { is: 'ticket-service', answer: 'timeout' },
      })
    ).toEqual({
      message: 'The ticket service could not resolve the code (timeout).',
      hint: 'Try again in a moment.',
    })
    expect(
      explainError({ ok: false, code: 'invalid-param', why: { is: 'param-missing', param: 'store' } }).message
    ).toBe('Param "store" is missing.')
  })
})
