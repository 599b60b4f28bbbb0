// The service-account part of rules:check: ticket urls (WeChat's jump-rule prefixes for parameter QR codes), their
// scenes against WeChat's ranges, and where each ticket lands through the core. One pass over the tickets with a Map
// for duplicates: 100 000 tickets take well under a second.
import { landContent, TICKET_PREFIX, type CompiledTable } from '../../src/landing'
import { pointerKey, type Problems } from './check-problem'
import { landingHint } from './describe'
import type { Limits } from './limits'
import { explainError } from '../../src/landing/explain'

const APPID = /^wx[0-9a-f]{16}$/

/** Checks `serviceAccount`; `table` is where tickets land, or null when its routes do not compile (reported). */
export function checkServiceAccount(
  sa: Record<string, unknown>,
  limits: Limits,
  table: CompiledTable | null,
  problems: Problems
): void {
  if (typeof sa.appid !== 'string' || !APPID.test(sa.appid)) {
    problems.error(
      '/serviceAccount/appid',
      `"appid" must be this mini program's appid ("wx" and 16 hex digits), got ${JSON.stringify(sa.appid) ?? 'nothing'}.`,
      "qrcodejumpadd takes the appid of the mini program the codes open: copy it from the mini program's admin console (Development → Development settings)."
    )
  }
  if (isObject(sa.sceneIds)) {
    for (const id of Object.keys(sa.sceneIds)) {
      if (!sceneIdInRange(Number(id), limits) || !/^[1-9][0-9]*$/.test(id)) {
        problems.error(
          `/serviceAccount/sceneIds/${pointerKey(id)}`,
          `"${id}" is not a scene_id (a whole number from ${limits.sceneIdMin} to ${limits.sceneIdTemporaryMax}).`,
          'Key sceneIds by the scene_id the code was created with, e.g. "1001".'
        )
      }
    }
  }
  const tickets = sa.tickets
  if (!Array.isArray(tickets)) return // compileRuleTable reported it.
  if (tickets.length > limits.ticketRules) {
    problems.error(
      '/serviceAccount/tickets',
      `${tickets.length} tickets; WeChat allows ${limits.ticketRules} service-account links per mini program.`,
      'Retire unused codes (qrcodejumpdelete) and remove them here.'
    )
  }
  const firstWithUrl = new Map<string, number>()
  for (let i = 0; i < tickets.length; i++) {
    const t: unknown = tickets[i]
    if (!isObject(t) || typeof t.url !== 'string') continue // compileRuleTable reported it.
    const at = `/serviceAccount/tickets/${i}`
    let ok = checkUrl(t.url, `${at}/url`, firstWithUrl, i, problems)
    ok = checkScene(t.scene, `${at}/scene`, limits, problems) && ok
    if (!ok || !table) continue
    const landed = landContent(t.url, table)
    if (!landed.ok) {
      problems.error(
        `${at}/${landed.code === 'unknown-ticket' ? 'url' : 'scene'}`,
        `Scanning this ticket lands on the error page (${landed.code}): ${explainError(landed).message}`,
        landingHint(landed)
      )
    }
  }
}

function checkUrl(
  url: string,
  at: string,
  firstWithUrl: Map<string, number>,
  i: number,
  problems: Problems
): boolean {
  if (!url.startsWith(TICKET_PREFIX) || url.length === TICKET_PREFIX.length) {
    problems.error(
      at,
      `"${url}" is not a ticket url: qrcodejumpadd takes service-account prefixes under ${TICKET_PREFIX} only.`,
      "Copy url exactly from qrcode/create's answer, e.g. http://weixin.qq.com/q/02ab…"
    )
    return false
  }
  const first = firstWithUrl.get(url)
  if (first !== undefined) {
    problems.error(
      at,
      `"${url}" is already the url of /serviceAccount/tickets/${first}; WeChat answers 85071.`,
      'Keep one entry per url (one code has one scene).'
    )
    return false
  }
  firstWithUrl.set(url, i)
  return true
}

function checkScene(scene: unknown, at: string, limits: Limits, problems: Problems): boolean {
  if (typeof scene === 'string') {
    if (scene.length >= limits.sceneStrMin && scene.length <= limits.sceneStrMax) return true
    problems.error(
      at,
      `scene_str is ${scene.length} characters; WeChat takes ${limits.sceneStrMin} to ${limits.sceneStrMax}.`,
      'Shorten the scene (e.g. store=12&table=5) or give a numeric scene_id mapped in sceneIds.'
    )
    return false
  }
  if (typeof scene !== 'number') return false // compileRuleTable reported it.
  if (!sceneIdInRange(scene, limits)) {
    problems.error(
      at,
      `scene_id ${scene} is not a whole number from ${limits.sceneIdMin} to ${limits.sceneIdTemporaryMax}.`,
      `Use the scene_id the code was created with (permanent codes: ${limits.sceneIdMin}–${limits.sceneIdPermanentMax}).`
    )
    return false
  }
  if (scene > limits.sceneIdPermanentMax) {
    problems.warning(
      at,
      `scene_id ${scene} is above ${limits.sceneIdPermanentMax}: only a temporary code (QR_SCENE) has it, and it expires.`,
      `Print permanent codes (QR_LIMIT_SCENE, scene_id ${limits.sceneIdMin}–${limits.sceneIdPermanentMax}, or a scene_str).`
    )
  }
  return true
}

function sceneIdInRange(id: number, limits: Limits): boolean {
  return Number.isSafeInteger(id) && id >= limits.sceneIdMin && id <= limits.sceneIdTemporaryMax
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
