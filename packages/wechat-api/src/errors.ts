import { redact } from './redact'

/**
 * How a tool reacts to a WeChat error code:
 * - `retry`: transient (busy, too fast); retried with exponential backoff.
 * - `refresh-token`: the token is stale; fetched again once (when an appid + secret are known), then the call retried.
 * - `already`: the change is already there (85071); the caller verifies it instead of failing.
 * - `stop`: retrying cannot help; the run stops and says what to do.
 */
export type ErrorHandling = 'retry' | 'refresh-token' | 'already' | 'stop'

/** One documented WeChat error code. */
export interface ErrorSpec {
  /** WeChat's own errmsg (as documented; the live errmsg is kept on the error too). */
  errmsg: string
  handling: ErrorHandling
  /** What the operator should do. */
  action: string
  /** For `retry`: a fixed wait before calling again, instead of the policy's exponential backoff. */
  retryAfterMs?: number
}

/**
 * Every error code documented for the APIs these tools call (seeds 000–004, the qrcodejump*, qrcode/create,
 * token and follow-component pages, plus the global codes they refer to). One table: no code is interpreted anywhere
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
      'The access token was refused even after fetching a new one. Check WECHAT_APPID/WECHAT_SECRET (or ' +
      'WECHAT_ACCESS_TOKEN) belong to this account, and that no other server refreshes the same token.',
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
    action:
      'Too many requests a second. The tool slows down and retries; lower --rate if it keeps happening.',
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
    action:
      'The prefix is not a valid rule: use http(s):// with an ICP-filed host (service-account rules must start ' +
      'with http://weixin.qq.com/q/). Fix it in the rule file.',
  },
  85068: {
    errmsg: 'debug_url not under the prefix',
    handling: 'stop',
    action: 'Every debug_url must match its rule: fix debug_url in the rule file (at most 5 per rule).',
  },
  85069: {
    errmsg: 'verification file check failed',
    handling: 'stop',
    action:
      'WeChat could not fetch the verification file: run `rules sync verify-file --web-root DIR`, deploy the ' +
      'file where it says, then run again.',
  },
  85070: {
    errmsg: 'prefix in black list',
    handling: 'stop',
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
    action:
      'Another mini program owns this prefix (or reserves its sub-rules): find it with qrcodejumpget on your ' +
      'other accounts and delete it there, or choose another prefix.',
  },
  85073: {
    errmsg: 'prefix beyond limit',
    handling: 'stop',
    action:
      'The rule list is full (10 rules in the seed docs, 100 now): delete unused rules (rules sync apply --prune) ' +
      'before adding more. For service-account links WeChat counts every qrcodejumpadd call over the mini ' +
      "program's life (100 000, seed 000), and deleting gives none back: codes past it reach the mini program " +
      'through the event push, and new tables can use mini program codes.',
  },
  85074: {
    errmsg: 'mini program not published',
    handling: 'stop',
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
    action: 'WeChat lost track of this rule: delete it and add it again (--replace-published does both).',
  },
  886000: {
    errmsg: 'monthly publish limit reached',
    handling: 'stop',
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
 * Codes that mean something else on one API than WeChat's global table says, by the API's name as the client calls
 * it. Looked up before the global table.
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

/** The spec of `code` as `api` documents it: the API's own meaning first, then the global table. */
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

  constructor(api: string, code: number, errmsg: string | undefined) {
    const spec = errorSpec(api, code)
    const received = redact(errmsg ?? spec?.errmsg ?? '')
    const action = spec?.action ?? UNKNOWN.action
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
  }
}

/** No answer at all (refused, reset, timed out): worth retrying. */
export class NetworkError extends WechatApiError {
  constructor(api: string, detail: string) {
    super(api, `${api}: could not reach WeChat (${detail}). Check the network or WECHAT_API_BASE.`, true)
    this.name = 'NetworkError'
  }
}

/**
 * An HTTP answer that is not one WeChat's API gives (an error status, a proxy's HTML page, an image that is not
 * one): says what was received. Only a 5xx is retried; a 4xx or a wrong body will not change by asking again.
 */
export class HttpError extends WechatApiError {
  readonly status: number
  readonly contentType: string

  constructor(api: string, status: number, contentType: string, expected: string) {
    const type = contentType === '' ? 'no content type' : contentType
    super(
      api,
      `${api}: WeChat answered HTTP ${status} (${type}) where ${expected} was expected. ` +
        (status >= 500
          ? 'The server failed; it was retried with backoff: if it persists, run the command again later.'
          : 'Check WECHAT_API_BASE (a proxy or a wrong host answers like this).'),
      status >= 500
    )
    this.name = 'HttpError'
    this.status = status
    this.contentType = contentType
  }
}

/** True for errors a caller may retry after a pause. */
export function isRetryable(error: unknown): error is WechatApiError {
  return error instanceof WechatApiError && error.retryable
}
