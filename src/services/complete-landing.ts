import type { LandingError, LandingResult } from '../landing'
import { redirectToDestination } from './navigation'
import { landThroughBackend, needsTicketLookup } from './ticket-resolver'

/** Where a landing ended: on its page, or on the error state (with what to retry, when retrying can help). */
export type LandingEnd =
  { kind: 'navigated' } | { kind: 'failed'; error: LandingError; retry?: LandingResult }

/**
 * Takes a landing result the rest of the way, for launches and in-app scans alike: a ticket the bundled scene map
 * lacks is asked of the merchant backend (`onResolving` lets the page show it is waiting), then the page opens.
 */
export async function completeLanding(result: LandingResult, onResolving?: () => void): Promise<LandingEnd> {
  let final = result
  if (needsTicketLookup(result)) {
    onResolving?.()
    final = await landThroughBackend(result)
  }
  if (!final.ok)
    return { kind: 'failed', error: final, retry: final.code === 'ticket-lookup-failed' ? result : undefined }
  await redirectToDestination(final)
  return { kind: 'navigated' }
}
