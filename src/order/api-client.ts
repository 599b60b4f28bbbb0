// The order API client: timeouts, typed failures and retries only where repeating is safe. Pure TypeScript: the
// transport (Taro.request in the app, a fake in unit tests) is handed in.
import {
  apiPath,
  checkMenu,
  checkOrder,
  IDEMPOTENCY_HEADER,
  readApiError,
  type ApiErrorCode,
  type Checked,
  type CreateOrderRequest,
  type Menu,
  type Order,
  type TicketScene,
  checkTicketScene,
} from './api-contract'

export interface HttpRequest {
  method: 'GET' | 'POST'
  url: string
  headers: Record<string, string>
  body?: unknown
  timeoutMs: number
}

/** What a transport returns: an answer with any status, or why there was none. */
export type HttpOutcome =
  | { kind: 'response'; status: number; body: unknown }
  /** `retryable: false` when the request could not even be made (nothing reached the network). */
  | { kind: 'timeout' | 'network'; message: string; retryable: boolean }

export type Transport = (request: HttpRequest) => Promise<HttpOutcome>

/** Why a call failed, typed so pages can say something precise. */
export type ApiFailure =
  | { kind: 'timeout'; attempts: number }
  | { kind: 'network'; message: string; attempts: number }
  /** The backend answered with an error; `code` is from the contract, or `unknown` for a body that is not one. */
  | { kind: 'http'; status: number; code: ApiErrorCode | 'unknown'; message: string }
  /** A 2xx answer that does not keep the contract. */
  | { kind: 'bad-response'; status: number; message: string }

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiFailure }

export interface ClientOptions {
  /** Absolute origin (+ optional path), no trailing slash: see resolveApiBase. */
  base: string
  transport: Transport
  /** Per attempt; default 8000 ms for reads, 10000 ms for creating an order. */
  readTimeoutMs?: number
  writeTimeoutMs?: number
  /** Waits before the 2nd, 3rd… attempt; its length is the number of retries. Default [300, 1000]. */
  backoffMs?: readonly number[]
  /** A customer waits at the table while a ticket resolves: per attempt, default 3000 ms, and one retry at most. */
  ticketTimeoutMs?: number
  sleep?: (ms: number) => Promise<void>
}

export interface OrderApi {
  /** With `once`, a single attempt: for a caller that asks again itself when it fails (a prefetch). */
  getMenu(store: number, options?: { once?: boolean }): Promise<ApiResult<Menu>>
  /** Safe to repeat with the same key and body: the backend answers with the same order. */
  createOrder(store: number, idempotencyKey: string, body: CreateOrderRequest): Promise<ApiResult<Order>>
  getOrder(id: string): Promise<ApiResult<Order>>
  /** The scene of a service-account ticket url the package does not bundle; 404 `unknown-ticket` if none. */
  resolveTicket(url: string): Promise<ApiResult<TicketScene>>
}

/** Worth another attempt: no answer, or an answer that says "not now" (5xx but 501, 429). */
function transient(outcome: HttpOutcome): boolean {
  if (outcome.kind !== 'response') return outcome.retryable
  return outcome.status === 429 || (outcome.status >= 500 && outcome.status !== 501)
}

function toFailure(outcome: HttpOutcome, attempts: number): ApiFailure {
  if (outcome.kind !== 'response') {
    return outcome.kind === 'timeout'
      ? { kind: 'timeout', attempts }
      : { kind: 'network', message: outcome.message, attempts }
  }
  const error = readApiError(outcome.body)
  return error
    ? { kind: 'http', status: outcome.status, code: error.code, message: error.message }
    : { kind: 'http', status: outcome.status, code: 'unknown', message: `HTTP ${outcome.status}` }
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

export function createOrderApi({
  base,
  transport,
  readTimeoutMs = 8000,
  writeTimeoutMs = 10000,
  backoffMs = [300, 1000],
  ticketTimeoutMs = 3000,
  sleep = wait,
}: ClientOptions): OrderApi {
  /**
   * Sends `request`, repeating it while the outcome is transient. Every caller is safe to repeat: GETs by nature,
   * the one POST by its idempotency key (a request without one would be sent once).
   */
  async function call<T>(
    request: HttpRequest,
    check: (json: unknown) => Checked<T>,
    retries: readonly number[] = backoffMs
  ): Promise<ApiResult<T>> {
    let outcome: HttpOutcome
    let attempt = 0
    for (;;) {
      attempt += 1
      outcome = await transport(request).catch((e: unknown): HttpOutcome => ({
        kind: 'network',
        message: String(e),
        retryable: false,
      }))
      const repeatable = request.method === 'GET' || IDEMPOTENCY_HEADER in request.headers
      if (!transient(outcome) || !repeatable || attempt > retries.length) break
      await sleep(retries[attempt - 1])
    }
    if (outcome.kind !== 'response' || outcome.status < 200 || outcome.status > 299) {
      return { ok: false, error: toFailure(outcome, attempt) }
    }
    const checked = check(outcome.body)
    if (!checked.ok) {
      return {
        ok: false,
        error: { kind: 'bad-response', status: outcome.status, message: checked.error.message },
      }
    }
    return checked
  }

  const get = (path: string): HttpRequest => ({
    method: 'GET',
    url: base + path,
    headers: {},
    timeoutMs: readTimeoutMs,
  })

  return {
    async getMenu(store, { once = false } = {}) {
      const result = await call(get(apiPath.menu(store)), checkMenu, once ? [] : backoffMs)
      if (result.ok && result.value.store.id !== store) {
        return {
          ok: false,
          error: { kind: 'bad-response', status: 200, message: `menu of store ${result.value.store.id}` },
        }
      }
      return result
    },
    createOrder(store, idempotencyKey, body) {
      return call(
        {
          method: 'POST',
          url: base + apiPath.orders(store),
          headers: { 'Content-Type': 'application/json', [IDEMPOTENCY_HEADER]: idempotencyKey },
          body,
          timeoutMs: writeTimeoutMs,
        },
        checkOrder
      )
    },
    getOrder(id) {
      return call(get(apiPath.order(id)), checkOrder)
    },
    resolveTicket(url) {
      return call(
        { ...get(apiPath.ticket(url)), timeoutMs: ticketTimeoutMs },
        checkTicketScene,
        backoffMs.slice(0, 1)
      )
    },
  }
}
