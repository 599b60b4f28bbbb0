import { fetchTransport } from '../services/order-api/fetch-transport'
import type { ApiConnection } from './contracts'

/** The browser build is served by the merchant backend itself: the API is on the page's own origin (no CORS). */
export function apiConnection(): ApiConnection {
  return { ok: true, base: window.location.origin, transport: fetchTransport }
}
