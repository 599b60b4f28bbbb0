import type { HttpOutcome, Transport } from '../order/api-client'

/**
 * The client's transport over `fetch` (the browser build): every HTTP status is an answer; no answer within the
 * timeout, or none at all, is a timeout or a network failure, both worth repeating for the requests the client repeats.
 */
export const fetchTransport: Transport = async (request) => {
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), request.timeoutMs)
  try {
    const res = await fetch(request.url, {
      method: request.method,
      headers: request.headers,
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
      signal: controller.signal,
      credentials: 'same-origin',
      cache: 'no-store',
    })
    const text = await res.text()
    return { kind: 'response', status: res.status, body: parseJson(text) }
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e)
    return controller.signal.aborted
      ? { kind: 'timeout', message: `no answer within ${request.timeoutMs} ms`, retryable: true }
      : ({ kind: 'network', message, retryable: true } satisfies HttpOutcome)
  } finally {
    clearTimeout(timer)
  }
}

/** The body as JSON, or as text when it is not JSON (the contract checks then refuse it, as with wx.request). */
function parseJson(text: string): unknown {
  if (text === '') return null
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}
