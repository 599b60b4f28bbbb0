// @scan-to-order/wechat-api: the WeChat server APIs the scan-to-order tools call, typed, rate-limited, retried and
// redacted. It imports nothing from the app or the tools; the fake WeChat for tests is
// `@scan-to-order/wechat-api/fake`.
export { DEFAULT_TIMEOUT_MS, WechatClient, type Account, type ClientConfig, type Credentials } from './client'
export {
  API_ERRORS,
  HttpError,
  bodyExcerpt,
  NetworkError,
  UnknownOutcomeError,
  WECHAT_ERRORS,
  WechatApiError,
  WechatError,
  errorSpec,
  isRetryable,
  type ErrorHandling,
  type ErrorSpec,
  type RefusalScope,
} from './errors'
export { WECHAT_LIMITS, type LimitName } from './limits'
export {
  RECOVER_WINDOWS,
  SlidingWindow,
  WECHAT_RATE,
  parseRate,
  realClock,
  type Clock,
  type RateSpec,
} from './rate'
export { redact, registerSecret } from './redact'
export { ticketAction } from './ticket-action'
export { DEFAULT_RETRY, RESENDABLE, retryWait, withRetry, type RetryContext, type RetryPolicy } from './retry'
export * from './types'
