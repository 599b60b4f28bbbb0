// Landing errors in English, for developers and tools: `scan` (its JSON `message` and `hint`), rules:check, the QR
// sheet. The app never imports this module, so the package carries the codes and their details, not these words:
// customers read the code's Chinese text (src/strings). One source: every `why` the core returns is worded here.
import { LANDING_LIMITS } from './limits'
import type { LandingError, Why } from './result'

/** What was wrong and what to do about it. */
export interface Explained {
  message: string
  hint: string
}

const SCAN_AGAIN = 'Scan the printed code again.'
const NOT_A_STORE_CODE = 'This is not a store code: scan the code on the table or counter.'
const BAD_PARAM =
  'The code may be damaged or not meant for this store: scan the code on the table or counter again.'
const NOT_SET_UP = 'This code is registered but not set up for ordering yet: ask the staff for another code.'

/** A landing error (or a failed stage of the core) in words. */
export function explainError(error: LandingError): Explained {
  const { why } = error
  const say = (message: string, hint: string): Explained => ({ message, hint })
  switch (why.is) {
    case 'q-type':
      return say(`q must be a string, got ${why.got}.`, SCAN_AGAIN)
    case 'q-empty':
      return say('q is empty.', SCAN_AGAIN)
    case 'q-too-long':
      return say(
        `q is ${why.length} characters long; no printed QR code holds more than ${LANDING_LIMITS.maxQLength}.`,
        NOT_A_STORE_CODE
      )
    case 'q-not-utf8':
      return say('q has percent-escapes that do not spell UTF-8 text.', SCAN_AGAIN)
    case 'link-too-long':
      return say(
        `The content is ${why.length} characters long; a QR code link holds at most ${LANDING_LIMITS.maxLinkLength}.`,
        NOT_A_STORE_CODE
      )
    case 'link-characters':
      return say('The content contains spaces, control characters or backslashes.', NOT_A_STORE_CODE)
    case 'link-not-absolute':
      return say('The content is not an absolute link (scheme://host/path).', NOT_A_STORE_CODE)
    case 'link-user-info':
      return say(
        'The link carries user info before its host (user@host), which store codes never do.',
        NOT_A_STORE_CODE
      )
    case 'link-host':
      return say(`The link's host "${why.host}" is not a valid host name.`, NOT_A_STORE_CODE)
    case 'link-port':
      return say(`The link's port "${why.port}" is not a number.`, NOT_A_STORE_CODE)
    case 'no-rule':
      return say(
        "The link matches none of this mini program's QR code rules.",
        "This code is not one of this store's codes: scan the code on the table or counter."
      )
    case 'no-ticket':
      return say(
        'This service-account code is not in the scene map.',
        'Ask the staff for a table code; this one may be new or retired.'
      )
    case 'ticket-expired':
      return say(
        `This temporary code expired at ${new Date(why.end * 1000).toISOString()}.`,
        'Ask the staff for a table code.'
      )
    case 'scene-expired':
      return say(
        'Every code with this scene is a temporary code that has expired.',
        'Ask the staff for a table code; this one was temporary and has expired.'
      )
    case 'scene-malformed':
      return say(
        "The mini program code's scene is not one WeChat makes: at most 32 characters of letters, digits and " +
          "!#$&'()*+,/:;=?@-._~, URL-encoded once.",
        'Scan the code on the table again.'
      )
    case 'code-page':
      return say(
        `This mini program code opens "${why.page}", not the entry page: only codes of miniProgramCode land.`,
        'Scan a table code made with codes:create.'
      )
    case 'scene-id':
      return say(`scene_id ${why.scene} is not mapped to a scene string.`, 'Ask the staff for another code.')
    case 'no-route':
      return say(
        `The ${why.what} matches "${error.rule}", but none of its routes leads to a page.`,
        NOT_SET_UP
      )
    case 'segment-not-utf8':
      return say(`Path segment "${why.segment}" is not UTF-8.`, BAD_PARAM)
    case 'key-not-utf8':
      return say(`"${why.key}" has percent-escapes that are not UTF-8.`, BAD_PARAM)
    case 'param-undeclared':
      return say(`Param "${why.param}" is not declared for this page.`, BAD_PARAM)
    case 'param-fixed':
      return say(`Param "${why.param}" is fixed by the code's route and cannot be given.`, BAD_PARAM)
    case 'param-in-path-and-query':
      return say(`Param "${why.param}" is given in both the path and the query.`, BAD_PARAM)
    case 'param-repeated':
      return say(`Param "${why.param}" is given more than once.`, BAD_PARAM)
    case 'param-not-utf8':
      return say(`Param "${why.param}" has percent-escapes that are not UTF-8.`, BAD_PARAM)
    case 'param-missing':
      return say(`Param "${why.param}" is missing.`, BAD_PARAM)
    case 'param-value':
      return say(`Param "${why.param}" ${expected(why.spec)}; got "${why.value}".`, BAD_PARAM)
    case 'ticket-service':
      return say(`The ticket service could not resolve the code (${why.answer}).`, 'Try again in a moment.')
    case 'order-context':
      return say(
        'The order page was opened without a valid store and table or takeaway mode.',
        'Scan the code on the table or counter.'
      )
  }
}

/** What a declared param accepts, in words. */
function expected(spec: Extract<Why, { is: 'param-value' }>['spec']): string {
  switch (spec.kind) {
    case 'int':
      return `must be a whole number from ${spec.min} to ${spec.max}`
    case 'string':
      return `must match ${spec.pattern.source}`
    case 'enum':
      return `must be one of ${spec.values.join(', ')}`
  }
}
