import { redact } from './redact'

/**
 * How a tool reacts to a WeChat error code:
 * - `retry`: transient (busy, too fast); retried with exponential backoff.
 * - `refresh-token`: the token is stale; fetched again once (when an appid + secret are known), then the call retried.
 * - `already`: the change is already there (85071); the caller verifies it instead of failing.
 * - `stop`: retrying cannot help; the run stops and says what to do.
 */
export type ErrorHandling = 'retry' | 'refresh-token' | 'already' | 'stop'

/**
 * What else a `stop` refuses besides the call that got it:
 * - `prefix`: this prefix only (blacklisted, owned by another account, a published rule that differs…): calls for
 *   other prefixes may go on.
 * - `api`: this API on this account, for now (the month's publishes are used up, the rule list is full, no release
 *   to publish rules for): calls of other APIs, or of the other account, may go on.
 * Absent: everything (credentials, permissions, daily quota, unknown codes): stop.
 */
export type RefusalScope = 'prefix' | 'api'

/** One documented WeChat error code. */
export interface ErrorSpec {
  /** WeChat's own errmsg (as documented; the live errmsg is kept on the error too). */
  errmsg: string
  handling: ErrorHandling
  /** What the operator should do. */
  action: string
  /** For `refresh-token` codes: what to do when the token was given as is (no appid + secret to fetch another). */
  givenTokenAction?: string
  /** For `stop`: what else the refusal refuses (see RefusalScope); absent: everything. */
  refuses?: RefusalScope
  /** For `retry`: a fixed wait before calling again, instead of the policy's exponential backoff. */
  retryAfterMs?: number
  /** The call rate was too high (44990): a client lowers its pace, not just waits. */
  tooFast?: true
}

/**
 * Every error code documented for the APIs these tools call (seeds 000–004, the qrcodejump*, qrcode/create,
 * token and follow-component pages, plus the global codes they refer to). One error table: no code is interpreted anywhere
 * else.
 */
export const WECHAT_ERRORS: Readonly<Record<number, ErrorSpec>> = {
  [-1]: {
    errmsg: 'system error',
    handling: 'retry',
    action: 'WeChat is busy. The call was retried with backoff; if it persists, run the command again later.',
  },
  40001: {
    errmsg: 'invalid credential, access_token is invalid or not latest',
    handling: 'refresh-token',
    action:
      'The access token was refused even after fetching a new one. Check WECHAT_APPID/WECHAT_SECRET belong to ' +
      'this account, and that no other server refreshes the same token.',
    givenTokenAction:
      'WeChat refused the access token given in WECHAT_ACCESS_TOKEN (or WECHAT_SA_ACCESS_TOKEN): it is wrong, ' +
      "for another account, or was replaced when something fetched a new one. Give a fresh token, or the account's " +
      'appid and secret (WECHAT_APPID + WECHAT_SECRET) so the tool fetches and renews its own.',
  },
  40002: {
    errmsg: 'invalid grant_type',
    handling: 'stop',
    action: 'The token request was malformed: this is a bug in the tool, please report it.',
  },
  40013: {
    errmsg: 'invalid appid',
    handling: 'stop',
    action: 'The appid is wrong: check WECHAT_APPID and serviceAccount.appid in the rule file.',
  },
  40014: {
    errmsg: 'invalid access_token',
    handling: 'refresh-token',
    action:
      'The access token is malformed: check WECHAT_ACCESS_TOKEN, or give WECHAT_APPID and WECHAT_SECRET.',
  },
  40097: {
    errmsg: 'invalid args',
    handling: 'stop',
    refuses: 'prefix',
    action:
      'WeChat refused the arguments. For qrcodejumpadd this means a published rule cannot be edited: re-run with ' +
      '--replace-published to delete and re-add it (it stops jumping until published again).',
  },
  40125: {
    errmsg: 'invalid appsecret',
    handling: 'stop',
    action:
      'WECHAT_SECRET is wrong for WECHAT_APPID: copy it again from the admin console (it may have been reset).',
  },
  40243: {
    errmsg: 'AppSecret is frozen',
    handling: 'stop',
    action:
      "The account's AppSecret is frozen: unfreeze or reset it in the admin console, then update WECHAT_SECRET.",
  },
  40129: {
    errmsg: 'invalid scene',
    handling: 'stop',
    action:
      "wxacode.getUnlimited refused the scene: only letters, digits and !#$&'()*+,/:;=?@-._~ are allowed (no %, " +
      'no spaces, no Chinese). Fix the scene; codes:create checks this before calling.',
  },
  40164: {
    errmsg: 'invalid ip, not in whitelist',
    handling: 'stop',
    action:
      "Add this machine's public IP to the account's IP whitelist in the admin console, then run again.",
  },
  40169: {
    errmsg: 'invalid length for scene, or the data is not json string',
    handling: 'stop',
    action: 'The scene is empty or longer than 32 characters: shorten it (e.g. store=12&table=5).',
  },
  41001: {
    errmsg: 'access_token missing',
    handling: 'stop',
    action: 'Set WECHAT_ACCESS_TOKEN, or WECHAT_APPID and WECHAT_SECRET.',
  },
  41030: {
    errmsg: 'invalid page',
    handling: 'stop',
    action:
      'The page does not exist in the released mini program, or none is released: release a version with the ' +
      'entry page, or create codes for an unreleased one with --no-check-path (and --env-version trial|develop).',
  },
  42001: {
    errmsg: 'access_token expired',
    handling: 'refresh-token',
    action:
      'The access token expired and could not be renewed: give WECHAT_APPID and WECHAT_SECRET so the tool can ' +
      'fetch a new one, or pass a fresh WECHAT_ACCESS_TOKEN.',
  },
  44002: {
    errmsg: 'empty post data',
    handling: 'stop',
    action: 'The request had no body: this is a bug in the tool, please report it with the command you ran.',
  },
  44990: {
    errmsg: 'reach max api second frequence limit (5/s)',
    handling: 'retry',
    tooFast: true,
    action:
      'Too many requests a second: the client halves its pace and retries, then speeds up again slowly; lower ' +
      '--rate if it keeps happening.',
  },
  45009: {
    errmsg: 'reach max api daily quota limit',
    handling: 'stop',
    action:
      "The account's daily call quota is used up: run again tomorrow, or reset the quota in the admin console.",
  },
  45011: {
    errmsg: 'api minute-quota reach limit, must slower, retry next minute',
    handling: 'retry',
    // The minute's budget frees up only when the minute turns: backing off sooner would only be refused again.
    retryAfterMs: 60_000,
    action: 'Too many calls this minute (200/min for service-account rules). The tool waits and retries.',
  },
  47001: {
    errmsg: 'data format error',
    handling: 'stop',
    action: 'WeChat could not read the request body: this is a bug in the tool, please report it.',
  },
  48001: {
    errmsg: 'api unauthorized',
    handling: 'stop',
    action:
      'This account may not call this API: check its type (enterprise, certified) and granted permissions.',
  },
  61007: {
    errmsg: 'api is unauthorized to component',
    handling: 'stop',
    action:
      'The third-party platform lacks the permission set: the account must grant set 3 (QR rules) and 18 ' +
      '(follow component) to it, and the service account must be linked to the mini program.',
  },
  85066: {
    errmsg: 'illegal prefix',
    handling: 'stop',
    refuses: 'prefix',
    action:
      'The prefix is not a valid rule: use http(s):// with an ICP-filed host (service-account rules must start ' +
      'with http://weixin.qq.com/q/). Fix it in the rule file.',
  },
  85068: {
    errmsg: 'debug_url not under the prefix',
    handling: 'stop',
    refuses: 'prefix',
    action: 'Every debug_url must match its rule: fix debug_url in the rule file (at most 5 per rule).',
  },
  85069: {
    errmsg: 'verification file check failed',
    handling: 'stop',
    refuses: 'prefix',
    action:
      'WeChat could not fetch the verification file: run `rules sync verify-file --web-root DIR`, deploy the ' +
      'file where it says, then run again.',
  },
  85070: {
    errmsg: 'prefix in black list',
    handling: 'stop',
    refuses: 'prefix',
    action: 'WeChat blacklisted this link: it cannot be registered; use another host or path.',
  },
  85071: {
    errmsg: 'prefix added repeated',
    handling: 'already',
    action: 'The rule already exists: the tool checks it is the one wanted instead of adding it again.',
  },
  85072: {
    errmsg: 'prefix owned by other',
    handling: 'stop',
    refuses: 'prefix',
    action:
      'Another mini program owns this prefix (or reserves its sub-rules): find it with qrcodejumpget on your ' +
      'other accounts and delete it there, or choose another prefix.',
  },
  85073: {
    errmsg: 'prefix beyond limit',
    handling: 'stop',
    refuses: 'api',
    action:
      'The rule list is full (10 rules in the seed docs, 100 now): delete unused rules (rules sync apply --prune) ' +
      'before adding more. For service-account links WeChat counts every qrcodejumpadd call over the mini ' +
      "program's life (100 000, seed 000), and deleting gives none back: codes past it reach the mini program " +
      'through the event push, and codes for new tables can be mini program codes.',
  },
  85074: {
    errmsg: 'mini program not published',
    handling: 'stop',
    refuses: 'api',
    action: 'Publish a release of the mini program first: WeChat publishes rules only for a released app.',
  },
  85075: {
    errmsg: 'can not access',
    handling: 'stop',
    action:
      'Personal-type mini programs cannot have QR code rules: use an enterprise (organization) account.',
  },
  85095: {
    errmsg: 'data error, delete and add again',
    handling: 'stop',
    refuses: 'prefix',
    action: 'WeChat lost track of this rule: delete it and add it again (--replace-published does both).',
  },
  886000: {
    errmsg: 'monthly publish limit reached',
    handling: 'stop',
    refuses: 'api',
    action:
      'No publishes left this month (qrcodejump_pub_quota): the rest is published by running apply again next ' +
      'month. Already-added rules work for debug_url testers meanwhile.',
  },
  886001: {
    errmsg: 'system busy, please retry',
    handling: 'retry',
    action: 'WeChat is busy. The call was retried with backoff; if it persists, run the command again later.',
  },
}

/**
 * Codes that mean something else on one API than WeChat's global error table says, by the API's name as the client calls
 * it. Looked up before the global error table.
 */
export const API_ERRORS: Readonly<Record<string, Readonly<Record<number, ErrorSpec>>>> = {
  getwxacodeunlimit: {
    // Global 45009 is the daily quota; for this API WeChat documents it as its per-minute limit (5 000 a minute).
    45009: {
      errmsg: 'reach max api minute frequency limit (5000/min)',
      handling: 'retry',
      retryAfterMs: 60_000,
      action:
        'Too many mini program codes this minute (5 000/min). The tool waits for the next minute and retries; ' +
        'lower --rate if it keeps happening.',
    },
  },
}

/** The spec of `code` as `api` documents it: the API's own meaning first, then the global error table. */
export function errorSpec(api: string, code: number): ErrorSpec | undefined {
  return API_ERRORS[api]?.[code] ?? WECHAT_ERRORS[code]
}

const UNKNOWN: Omit<ErrorSpec, 'errmsg'> = {
  handling: 'stop',
  action: "Not a code these tools know: look it up in WeChat's global error codes.",
}

/**
 * The one base class of this package's errors: the API that failed, whether calling again may succeed, and a message
 * that is safe to print (never a token or secret).
 */
export class WechatApiError extends Error {
  /** The API that failed, e.g. `qrcodejumpadd`. */
  readonly api: string
  /** True when waiting and calling again may succeed: network failures, 5xx and WeChat's busy codes. */
  readonly retryable: boolean
  /** A fixed wait before retrying (else the retry policy's backoff). */
  readonly retryAfterMs: number | undefined

  constructor(api: string, message: string, retryable: boolean, retryAfterMs?: number) {
    super(redact(message))
    this.name = 'WechatApiError'
    this.api = api
    this.retryable = retryable
    this.retryAfterMs = retryAfterMs
  }
}

/** A WeChat answer with a non-zero errcode, read through the one error table above. */
export class WechatError extends WechatApiError {
  readonly code: number
  /** WeChat's errmsg as received (redacted). */
  readonly errmsg: string
  readonly handling: ErrorHandling
  /** What to do about it. */
  readonly action: string

  /** What else this refusal refuses (a `stop` code's RefusalScope); undefined: everything. */
  readonly refuses: RefusalScope | undefined
  /** WeChat says the calls come too fast (44990): the client's pace goes down. */
  readonly tooFast: boolean

  /** `givenToken`: the call used a token given as is, which the client cannot renew (WECHAT_ACCESS_TOKEN). */
  constructor(api: string, code: number, errmsg: string | undefined, context: { givenToken?: boolean } = {}) {
    const spec = errorSpec(api, code)
    const received = redact(errmsg ?? spec?.errmsg ?? '')
    const action = (context.givenToken ? spec?.givenTokenAction : undefined) ?? spec?.action ?? UNKNOWN.action
    const handling = spec?.handling ?? UNKNOWN.handling
    super(
      api,
      `${api}: WeChat error ${code} (${received}). ${action}`,
      handling === 'retry',
      spec?.retryAfterMs
    )
    this.name = 'WechatError'
    this.code = code
    this.errmsg = received
    this.handling = handling
    this.action = action
    this.refuses = handling === 'stop' ? spec?.refuses : undefined
    this.tooFast = spec?.tooFast === true
  }
}

/**
 * No answer at all (refused, reset, timed out). Worth retrying when the request never went out (`sent` false), or
 * when sending it again is harmless (the retry policy's `resend` list); else the retry loop raises an
 * UnknownOutcomeError instead.
 */
export class NetworkError extends WechatApiError {
  /** The request went out whole before the answer was lost: WeChat may have acted on it. */
  readonly sent: boolean
  /** No answer came within the client's timeout. */
  readonly timedOut: boolean
  /** What went wrong, e.g. `no answer within 10 s`, `connect ECONNREFUSED 127.0.0.1:9` (redacted). */
  readonly detail: string

  constructor(api: string, detail: string, how: { sent?: boolean; timedOut?: boolean } = {}) {
    super(api, `${api}: could not reach WeChat (${detail}). Check the network or ${baseVariable(api)}.`, true)
    this.name = 'NetworkError'
    this.sent = how.sent ?? false
    this.timedOut = how.timedOut ?? false
    this.detail = redact(detail)
  }
}

/**
 * A call that changes something went out, and no answer came back (a timeout, a reset): WeChat may or may not have
 * done it. Never retried blindly — a second `qrcode/create` is a second code — so the caller settles it: checks
 * WeChat where it can (a rule's state), or records the call as unknown and says what that may have cost.
 */
export class UnknownOutcomeError extends WechatApiError {
  /** The network failure behind it. */
  readonly cause: NetworkError

  constructor(cause: NetworkError) {
    super(
      cause.api,
      `${cause.api}: the request was sent but no answer came back (${cause.detail}), so WeChat may or may not ` +
        'have done it; it was not sent again.',
      false
    )
    this.name = 'UnknownOutcomeError'
    this.cause = cause
  }
}

/**
 * An HTTP answer that is not one WeChat's API gives (an error status, a proxy's HTML page, an image that is not
 * one): says what was received — status, content type, and the page's title or first words. Only a 5xx is retried;
 * a 4xx or a wrong body will not change by asking again.
 */
export class HttpError extends WechatApiError {
  readonly status: number
  readonly contentType: string

  constructor(api: string, status: number, contentType: string, expected: string, body?: Buffer | string) {
    const type = contentType === '' ? 'no content type' : contentType
    const excerpt = body === undefined ? '' : bodyExcerpt(body, contentType)
    super(
      api,
      `${api}: the server answered HTTP ${status} (${type}${excerpt ? `: ${excerpt}` : ''}) where ${expected} ` +
        'was expected. ' +
        (status >= 500
          ? 'The server failed; it was retried with backoff: if it persists, run the command again later.'
          : `Check ${baseVariable(api)} (a proxy, a captive portal or a wrong host answers like this).`),
      status >= 500
    )
    this.name = 'HttpError'
    this.status = status
    this.contentType = contentType
  }
}

/**
 * A few words of an answer that is not WeChat's, to recognise it by: an HTML page's title, else its first text;
 * `empty` for no body; nothing for binary. Quoted, at most 80 characters (the whole message is redacted).
 */
export function bodyExcerpt(body: Buffer | string, contentType: string): string {
  const text = typeof body === 'string' ? body : body.toString('utf8')
  if (text.trim() === '') return 'empty'
  if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text.slice(0, 512)) || contentType.startsWith('image/'))
    return ''
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)
  const words = (title ? title[1] : text.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim()
  if (words === '') return ''
  return JSON.stringify(words.length > 80 ? `${words.slice(0, 79)}…` : words)
}

/** The setting that names the host `api` is called on (the tools read it from the environment). */
function baseVariable(api: string): string {
  return api === 'showqrcode' ? 'WECHAT_MP_BASE' : 'WECHAT_API_BASE'
}

/** True for errors a caller may retry after a pause. */
export function isRetryable(error: unknown): error is WechatApiError {
  return error instanceof WechatApiError && error.retryable
}
