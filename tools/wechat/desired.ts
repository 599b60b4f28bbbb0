import { createHash } from 'node:crypto'

import type { RuleTableFile } from '../../src/landing'
import type { DesiredState } from './plan'

/** What the rule file asks WeChat to hold: its ordinary rules and, with a service account, every ticket url. */
export function desiredState(file: RuleTableFile): DesiredState {
  const rules = file.rules.map((r) => ({
    prefix: r.prefix,
    permit_sub_rule: r.permit_sub_rule,
    open_version: r.open_version,
    debug_url: r.debug_url ?? [],
  }))
  const sa = file.serviceAccount
  return sa ? { rules, tickets: { appid: sa.appid, urls: sa.tickets.map((t) => t.url) } } : { rules }
}

/** A short stable digest of any JSON value: tells a resumed run whether it still works toward the same state. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16)
}
