import type { ApiConnection } from './contracts'
import { fetchTransport } from './fetch-transport'

/** The browser build is served by the merchant backend itself: the API is on the page's own origin (no CORS). */
export function apiConnection(): ApiConnection {
  return { ok: true, base: window.location.origin, transport: fetchTransport }
}
