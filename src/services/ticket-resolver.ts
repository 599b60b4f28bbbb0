import Taro from '@tarojs/taro'
import { fail, landTicketScene, readResolvedScene, type LandingResult } from '../landing'
import { getRuleTable } from './rule-table'

// Inlined at build time from .env files (Taro's TARO_APP_* convention).
const ENDPOINT = process.env.TARO_APP_TICKET_API ?? ''
/** A customer is standing at the table: give up quickly and offer a retry rather than a long spinner. */
const TIMEOUT_MS = 3000

/** True when landing `result` needs the merchant backend: a ticket the bundled table lacks, and a backend to ask. */
export function needsTicketLookup(
  result: LandingResult
): result is Extract<LandingResult, { ok: false }> & { ticket: string } {
  return (
    !result.ok && result.code === 'unknown-ticket' && typeof result.ticket === 'string' && ENDPOINT !== ''
  )
}

/** Resolves a ticket through the merchant backend and lands its scene; 404 means the backend does not know it either. */
export async function landThroughBackend(
  unknown: Extract<LandingResult, { ok: false }> & { ticket: string }
): Promise<LandingResult> {
  const url = unknown.ticket
  let res: Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject | ArrayBuffer>
  try {
    res = await Taro.request({
      url: ENDPOINT,
      data: { url },
      method: 'GET',
      timeout: TIMEOUT_MS,
      dataType: 'json',
    })
  } catch (e) {
    return lookupFailed(
      url,
      `The ticket service did not answer (${String((e as { errMsg?: string })?.errMsg ?? e)}).`
    )
  }
  if (res.statusCode === 404) return unknown
  if (res.statusCode !== 200) return lookupFailed(url, `The ticket service answered HTTP ${res.statusCode}.`)
  const scene = readResolvedScene(res.data, url)
  return scene.ok ? landTicketScene(url, scene.scene, getRuleTable()) : { ...scene, input: unknown.input }
}

function lookupFailed(url: string, message: string): LandingResult {
  return fail('ticket-lookup-failed', message, 'Try again in a moment.', { rule: url, input: url })
}
