// wx.request for the simulator, answered by a real HTTP server: each call the built app makes is sent with Node's
// http to `target` (the demo backend on 127.0.0.1) and answered the way WeChat answers — any HTTP status is
// `success` with `statusCode`; no answer is `fail` with `request:fail …`.
import http from 'node:http'
import type { MiniProgram } from './harness'

interface WxRequestOptions {
  url: string
  method?: string
  data?: unknown
  header?: Record<string, string>
  timeout?: number
  dataType?: string
  success?: (res: Record<string, unknown>) => void
  fail?: (err: { errMsg: string }) => void
  complete?: (res: Record<string, unknown>) => void
}

/** A request as the backend received it (path without the app's origin). */
export interface SeenRequest {
  method: string
  path: string
  headers: Record<string, string>
  body: unknown
  /** `performance.now()` when the app made the call: orders it against navigation calls (`NavigationCall.at`). */
  at: number
}

export interface Bridge {
  /** Every request the app sent, in order. */
  readonly requests: SeenRequest[]
  /** Base URL requests go to; point it at a closed port for "the API is down". */
  target: string
  /**
   * Lets the next `count` requests matching `filter` reach the backend, then reports `request:fail timeout` to the
   * app: the backend acted, the answer was lost (a slow network).
   */
  loseAnswers(count: number, filter?: (request: SeenRequest) => boolean): void
  readonly spy: jest.SpyInstance
}

/** Replaces `mp.wx.request` (the object Taro calls at request time) with the bridge. Call from `beforeLoad`. */
export function bridgeWxRequest(mp: MiniProgram, target: string): Bridge {
  const lose: { count: number; filter: (request: SeenRequest) => boolean }[] = []
  const requests: SeenRequest[] = []

  const bridge: Bridge = {
    requests,
    target,
    loseAnswers(count, filter = () => true) {
      lose.push({ count, filter })
    },
    spy: undefined as unknown as jest.SpyInstance,
  }

  const send = (options: WxRequestOptions) => {
    let finished = false
    const finish = (ok: boolean, result: Record<string, unknown> & { errMsg: string }) => {
      if (finished) return
      finished = true
      clearTimeout(timer)
      if (ok) options.success?.(result)
      else options.fail?.(result)
      options.complete?.(result)
    }
    const method = (options.method ?? 'GET').toUpperCase()
    const appUrl = new URL(options.url)
    const headers: Record<string, string> = {}
    for (const [k, v] of Object.entries(options.header ?? {})) headers[k.toLowerCase()] = String(v)
    let payload: string | undefined
    if (method !== 'GET' && options.data !== undefined) {
      // WeChat's default for an object body: JSON, with content-type application/json.
      payload = typeof options.data === 'string' ? options.data : JSON.stringify(options.data)
      headers['content-type'] ??= 'application/json'
    }
    const seen: SeenRequest = {
      method,
      path: appUrl.pathname + appUrl.search,
      headers,
      body: payload === undefined ? undefined : JSON.parse(payload),
      at: performance.now(),
    }
    requests.push(seen)
    const rule = lose.find((r) => r.count > 0 && r.filter(seen))
    if (rule) rule.count -= 1

    const req = http.request(new URL(seen.path, bridge.target), { method, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (text += chunk))
      res.on('end', () => {
        if (rule) return finish(false, { errMsg: 'request:fail timeout' })
        let data: unknown = text
        if (options.dataType !== 'other') {
          try {
            data = JSON.parse(text)
          } catch {
            // WeChat hands back the raw text when it is not JSON.
          }
        }
        finish(true, { errMsg: 'request:ok', statusCode: res.statusCode, data, header: res.headers })
      })
    })
    req.on('error', (error: NodeJS.ErrnoException) =>
      finish(false, { errMsg: `request:fail ${error.code ?? error.message}` })
    )
    const timer = setTimeout(() => {
      req.destroy()
      finish(false, { errMsg: 'request:fail timeout' })
    }, options.timeout ?? 60000)
    req.end(payload)
    return {
      abort() {
        req.destroy()
        finish(false, { errMsg: 'request:fail abort' })
      },
    }
  }

  const spy = jest.spyOn(mp.wx, 'request').mockImplementation((options) => send(options as WxRequestOptions))
  Object.assign(bridge, { spy })
  return bridge
}
