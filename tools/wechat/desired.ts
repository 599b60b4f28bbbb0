import { createHash } from 'node:crypto'

import type { RuleTableFile } from '../../src/landing'
import type { DesiredState } from './plan'

/**
 * What the rule file asks WeChat to hold: its ordinary rules and, with a service account, every ticket url but those
 * of temporary codes whose end is at or before `now` (UNIX seconds), listed apart.
 */
export function desiredState(file: RuleTableFile, now: number = Math.floor(Date.now() / 1000)): DesiredState {
  const rules = file.rules.map((r) => ({
    prefix: r.prefix,
    permit_sub_rule: r.permit_sub_rule,
    open_version: r.open_version,
    debug_url: r.debug_url ?? [],
  }))
  const sa = file.serviceAccount
  if (!sa) return { rules }
  const urls: string[] = []
  const expired: string[] = []
  for (const t of sa.tickets)
    (t.expire_time !== undefined && t.expire_time <= now ? expired : urls).push(t.url)
  return { rules, tickets: { appid: sa.appid, urls, expired } }
}

/** A short stable digest of any JSON value: tells a resumed run whether it still works toward the same state. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16)
}
