// The service-account part of rules:check: ticket urls (WeChat's jump-rule prefixes for parameter QR codes), their
// scenes against WeChat's ranges, and where each ticket lands through the core. One pass over the tickets with a Map
// for duplicates: 100 000 tickets take well under a second.
import { landContent, TICKET_PREFIX, type RuleTable } from '../../src/landing'
import { isAppId, isObject, pointerKey } from '../../src/landing/json-value'
import type { Problems } from './check-problem'
import { landingHint } from './describe'
import type { Limits } from './limits'
import { explainError } from '../../src/landing/explain'

/** Expired codes reported one by one; past it, one line says how many more. */
const EXPIRED_SHOWN = 20

/** What rules:check knows beyond the file: the time, and the jump ledger's count of service-account adds. */
export interface TicketContext {
  /** UNIX seconds: temporary codes whose expire_time is at or before it are reported as expired. */
  now?: number
  /** qrcodejumpadd calls the ledger beside the rule file counted (tools/wechat/jump-ledger.ts). */
  jumpAddsSpent?: number
}

/** Checks `serviceAccount`; `ruleTable` is where tickets land, or null when its routes do not compile (reported). */
export function checkServiceAccount(
  sa: Record<string, unknown>,
  limits: Limits,
  ruleTable: RuleTable | null,
  problems: Problems,
  context: TicketContext = {}
): void {
  if (!isAppId(sa.appid)) {
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
      `They can never all be jump rules: WeChat allows ${limits.ticketRuleAdds} qrcodejumpadd calls for them over ` +
        "the mini program's life and deleting gives none back. Keep the rest out of the scene map: the event push " +
        '(/wechat/push) routes their scenes.'
    )
  }
  checkBudget(limits, context.jumpAddsSpent, problems)
  const expired: number[] = []
  // The compiled ticket table has one entry per distinct url: as many as the file has tickets means none repeats.
  const firstWithUrl = ruleTable?.tickets.size === tickets.length ? null : new Map<string, number>()
  for (let i = 0; i < tickets.length; i++) {
    const t: unknown = tickets[i]
    if (!isObject(t) || typeof t.url !== 'string') continue // compileRuleTable reported it.
    // Pointers are built only for a problem: most tickets have none, and there may be 100 000.
    let ok = checkUrl(t.url, i, firstWithUrl, problems)
    ok = checkScene(t.scene, i, limits, problems, t.expire_time !== undefined) && ok
    if (typeof t.expire_time === 'number' && context.now !== undefined) {
      if (t.expire_time <= context.now) expired.push(i)
      else if (t.expire_time > context.now + limits.ticketExpireSeconds) {
        problems.warning(
          ticketPointer(i, 'expire_time'),
          `This temporary code ends ${isoTime(t.expire_time)}, more than ${limits.ticketExpireSeconds} s ` +
            'from now: no temporary code lives that long (current docs: 30 days).',
          'Write the end qrcode/create gave (its expire_seconds after creation), or remove expire_time for a permanent code.'
        )
      }
    }
    if (!ok || !ruleTable) continue
    const landed = landContent(t.url, ruleTable)
    if (!landed.ok) {
      problems.error(
        ticketPointer(i, landed.code === 'unknown-ticket' ? 'url' : 'scene'),
        `Scanning this ticket lands on the error page (${landed.code}): ${explainError(landed).message}`,
        landingHint(landed)
      )
    }
  }
  reportExpired(tickets, expired, problems)
}

function reportExpired(tickets: unknown[], expired: number[], problems: Problems): void {
  for (const i of expired.slice(0, EXPIRED_SHOWN)) {
    const end = (tickets[i] as { expire_time: number }).expire_time
    problems.warning(
      `/serviceAccount/tickets/${i}/expire_time`,
      `This temporary code expired ${isoTime(end)}: scanning it lands like an unknown ticket.`,
      'Remove it from the scene map (rules:sync apply --prune then deletes its link), or make a new code.'
    )
  }
  if (expired.length > EXPIRED_SHOWN) {
    problems.warning(
      '/serviceAccount/tickets',
      `${expired.length - EXPIRED_SHOWN} more temporary codes have expired (${expired.length} in all).`,
      'Remove expired codes from the scene map (rules:sync apply --prune then deletes their links).'
    )
  }
}

/** Warns when the ledger says WeChat's lifetime budget of service-account adds is nearly or wholly spent. */
function checkBudget(limits: Limits, spent: number | undefined, problems: Problems): void {
  if (spent === undefined) return
  const left = limits.ticketRuleAdds - spent
  const about = `The jump ledger counts ${spent} of WeChat's ${limits.ticketRuleAdds} lifetime qrcodejumpadd calls for service-account links`
  const way =
    'Deleting links gives none back. Codes that cannot become jump rules still reach the mini program through the ' +
    'event push (/wechat/push); print mini program codes (codes:create) for new tables.'
  if (left <= 0) {
    problems.warning('/serviceAccount/tickets', `${about}: none is left, no new code can be registered.`, way)
  } else if (left < limits.ticketRuleAdds / 10) {
    problems.warning('/serviceAccount/tickets', `${about}: ${left} left.`, way)
  }
}

function isoTime(seconds: number): string {
  return `at ${new Date(seconds * 1000).toISOString()}`
}

function ticketPointer(i: number, field: string): string {
  return `/serviceAccount/tickets/${i}/${field}`
}

function checkUrl(
  url: string,
  i: number,
  firstWithUrl: Map<string, number> | null,
  problems: Problems
): boolean {
  if (!url.startsWith(TICKET_PREFIX) || url.length === TICKET_PREFIX.length) {
    problems.error(
      ticketPointer(i, 'url'),
      `"${url}" is not a ticket url: qrcodejumpadd takes service-account prefixes under ${TICKET_PREFIX} only.`,
      "Copy url exactly from qrcode/create's answer, e.g. http://weixin.qq.com/q/02ab…"
    )
    return false
  }
  if (!firstWithUrl) return true
  const first = firstWithUrl.get(url)
  if (first !== undefined) {
    problems.error(
      ticketPointer(i, 'url'),
      `"${url}" is already the url of /serviceAccount/tickets/${first}; WeChat answers 85071.`,
      'Keep one entry per url (one code has one scene).'
    )
    return false
  }
  firstWithUrl.set(url, i)
  return true
}

function checkScene(
  scene: unknown,
  i: number,
  limits: Limits,
  problems: Problems,
  temporary: boolean
): boolean {
  if (typeof scene === 'string') {
    if (scene.length >= limits.sceneStrMin && scene.length <= limits.sceneStrMax) return true
    problems.error(
      ticketPointer(i, 'scene'),
      `scene_str is ${scene.length} characters; WeChat takes ${limits.sceneStrMin} to ${limits.sceneStrMax}.`,
      'Shorten the scene (e.g. store=12&table=5) or give a numeric scene_id mapped in sceneIds.'
    )
    return false
  }
  if (typeof scene !== 'number') return false // compileRuleTable reported it.
  if (!sceneIdInRange(scene, limits)) {
    problems.error(
      ticketPointer(i, 'scene'),
      `scene_id ${scene} is not a whole number from ${limits.sceneIdMin} to ${limits.sceneIdTemporaryMax}.`,
      `Use the scene_id the code was created with (permanent codes: ${limits.sceneIdMin}–${limits.sceneIdPermanentMax}).`
    )
    return false
  }
  if (scene > limits.sceneIdPermanentMax && !temporary) {
    problems.warning(
      ticketPointer(i, 'scene'),
      `scene_id ${scene} is above ${limits.sceneIdPermanentMax}: only a temporary code (QR_SCENE) has it, and it expires.`,
      `Print permanent codes (QR_LIMIT_SCENE, scene_id ${limits.sceneIdMin}–${limits.sceneIdPermanentMax}, or a scene_str).`
    )
  }
  return true
}

function sceneIdInRange(id: number, limits: Limits): boolean {
  return Number.isSafeInteger(id) && id >= limits.sceneIdMin && id <= limits.sceneIdTemporaryMax
}
