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
  40164: {
    errmsg: 'invalid ip, not in whitelist',
    handling: 'stop',
    action:
      "Add this machine's public IP to the account's IP whitelist in the admin console, then run again.",
  },
  41001: {
    errmsg: 'access_token missing',
    handling: 'stop',
    action: 'Set WECHAT_ACCESS_TOKEN, or WECHAT_APPID and WECHAT_SECRET.',
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
      'The rule list is full (10 rules in the seed docs, 100 now; 100 000 service-account links): delete ' +
      'unused rules (rules sync apply --prune) before adding more.',
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

const UNKNOWN: Omit<ErrorSpec, 'errmsg'> = {
  handling: 'stop',
  action: "Not a code these tools know: look it up in WeChat's global error codes.",
}

/** A WeChat answer with a non-zero errcode. The message is safe to print: it never holds a token or secret. */
export class WechatError extends Error {
  readonly code: number
  /** WeChat's errmsg as received (redacted). */
  readonly errmsg: string
  readonly handling: ErrorHandling
  /** What to do about it. */
  readonly action: string
  /** The API that answered, e.g. `qrcodejumpadd`. */
  readonly api: string

  constructor(api: string, code: number, errmsg: string | undefined) {
    const spec = WECHAT_ERRORS[code]
    const received = redact(errmsg ?? spec?.errmsg ?? '')
    const action = spec?.action ?? UNKNOWN.action
    super(`${api}: WeChat error ${code} (${received}). ${action}`)
    this.name = 'WechatError'
    this.code = code
    this.errmsg = received
    this.handling = spec?.handling ?? UNKNOWN.handling
    this.action = action
    this.api = api
  }

  /** True when waiting and calling again may succeed. */
  get retryable(): boolean {
    return this.handling === 'retry'
  }
}

/** The network or HTTP layer failed (no WeChat answer to read): always worth retrying. */
export class TransportError extends Error {
  readonly retryable = true
  readonly api: string

  constructor(api: string, detail: string) {
    super(redact(`${api}: could not reach WeChat (${detail}). Check the network or WECHAT_API_BASE.`))
    this.name = 'TransportError'
    this.api = api
  }
}

/** True for errors a caller may retry after a pause. */
export function isRetryable(error: unknown): boolean {
  return (error instanceof WechatError || error instanceof TransportError) && error.retryable
}

/** A run cannot go on for a reason found by the tool itself (not a WeChat code); the message says what to do. */
export class StopError extends Error {
  constructor(message: string) {
    super(redact(message))
    this.name = 'StopError'
  }
}
