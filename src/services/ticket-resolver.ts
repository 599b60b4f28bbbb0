import { fail, landTicketScene, type LandingError, type LandingResult } from '../landing'
import { orderApi } from './order-api'
import { getRuleTable } from './rule-table'

type UnknownTicket = LandingError & { ticket: string }

/** True when `result` is a ticket the bundled scene map lacks and the merchant backend (TARO_APP_API_BASE) can be asked. */
export function needsTicketLookup(result: LandingResult): result is UnknownTicket {
  return !result.ok && result.code === 'unknown-ticket' && typeof result.ticket === 'string' && orderApi().ok
}

/** Resolves a ticket through the merchant backend and lands its scene; a 404 means the backend does not know it either. */
export async function landThroughBackend(unknown: UnknownTicket): Promise<LandingResult> {
  const setup = orderApi()
  if (!setup.ok) return unknown
  const url = unknown.ticket
  const resolved = await setup.api.resolveTicket(url)
  if (resolved.ok) return landTicketScene(url, resolved.value.scene, getRuleTable())
  const { error } = resolved
  if (error.kind === 'http' && error.code === 'unknown-ticket') return unknown
  const answer =
    error.kind === 'http' || error.kind === 'bad-response'
      ? `HTTP ${error.status}: ${error.message}`
      : error.kind
  return fail('ticket-lookup-failed', { is: 'ticket-service', answer }, { rule: url, input: unknown.input })
}
