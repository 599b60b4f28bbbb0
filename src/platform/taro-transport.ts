import Taro from '@tarojs/taro'
import type { HttpOutcome, Transport } from '../order/api-client'

/**
 * The client's transport over Taro.request (wx.request): every HTTP status is an answer; WeChat's `fail` is a
 * timeout or a network failure. A throw means the request was never made (e.g. no wx.request): not worth repeating.
 */
export const taroTransport: Transport = (request) =>
  Taro.request({
    url: request.url,
    method: request.method,
    header: request.headers,
    data: request.body,
    timeout: request.timeoutMs,
    dataType: 'json',
  }).then(
    (res): HttpOutcome => ({ kind: 'response', status: res.statusCode, body: res.data }),
    (err: unknown): HttpOutcome => {
      if (err instanceof Error) return { kind: 'network', message: err.message, retryable: false }
      const message = String((err as { errMsg?: unknown } | null)?.errMsg ?? err)
      return { kind: /timeout/i.test(message) ? 'timeout' : 'network', message, retryable: true }
    }
  )
