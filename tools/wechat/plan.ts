// Planning a rule sync: the rule file is the desired state, qrcodejumpget's answer the current one. Pure and linear
// (Maps keyed by prefix, no pairwise comparison): 100 000 service-account links plan in well under a second.
// The file is checked before it gets here, by rules:check's own checks (lib/check-rules): a prefix, debug_url or
// ticket url WeChat would refuse never reaches the plan.
import {
  WECHAT_LIMITS,
  type JumpAddBody,
  type RemoteRule,
  type RemoteTicketRule,
  type TicketJumpAddBody,
} from '@scan-to-order/wechat-api'

import { ENTRY_PAGE } from '../../src/landing'

/** An ordinary link rule as the rule file wants it. */
export interface DesiredRule {
  prefix: string
  permit_sub_rule: 1 | 2
  open_version: 1 | 2 | 3
  debug_url: string[]
}

export interface DesiredState {
  rules: DesiredRule[]
  /**
   * Service-account links: every ticket url, opening the mini program `appid`. Absent: links are left alone.
   * `expired`: temporary codes of the scene map past their end, never added (a link to a dead code spends budget for
   * nothing) and, with --prune, deleted.
   */
  tickets?: { appid: string; urls: string[]; expired?: string[] }
}

export interface RemoteState {
  rules: RemoteRule[]
  /** Publishes left this month (qrcodejump_pub_quota). */
  pubQuota: number
  /** Absent when the rule file has no service account (nothing was read). */
  ticketRules?: RemoteTicketRule[]
  /** qrcodejumpget's total_count of service-account links. */
  ticketTotal?: number
}

/**
 * WeChat's lifetime budget of service-account qrcodejumpadd calls (seed 000), as far as it is known: `spent` is the
 * larger of the local ledger's count and WeChat's `total_count` of live links (each took at least one add). WeChat
 * reports no count of calls, so neither alone is complete: see tools/wechat/jump-ledger.ts.
 */
export interface TicketBudget {
  limit: number
  /** Calls the local ledger counted. */
  ledger: number
  /** qrcodejumpget's total_count of service-account links now (a floor: deletes and edits are not in it). */
  totalCount: number
  spent: number
}

export interface PlanOptions {
  /** Delete remote rules the file does not name. */
  prune?: boolean
  /** Delete and re-add published rules that must change (WeChat refuses to edit them: 40097). */
  replacePublished?: boolean
  limits?: { rules: number; ticketRules: number }
  /** The lifetime budget of service-account adds; absent: not limited (a plan without WeChat's figures). */
  ticketBudget?: TicketBudget
}

/** `rule`: an ordinary link rule; `ticket`: a service-account link (its prefix is a ticket url). */
export type RuleKind = 'rule' | 'ticket'

/** One WeChat call of the plan. `why` says in words why it is needed. */
export type Step =
  | { op: 'add' | 'edit'; kind: 'rule'; prefix: string; body: JumpAddBody; why: string }
  | { op: 'add' | 'edit'; kind: 'ticket'; prefix: string; body: TicketJumpAddBody; why: string }
  | { op: 'publish'; kind: RuleKind; prefix: string; why: string }
  | { op: 'delete'; kind: RuleKind; prefix: string; appid?: string; why: string }

export type ImpossibleReason = 'published-differs' | 'publish-quota' | 'rule-limit' | 'add-budget'

/** What cannot be done as asked, and what to do about it. */
export interface Impossible {
  kind: RuleKind
  prefix: string
  reason: ImpossibleReason
  message: string
  hint: string
}

export interface Plan {
  /** In execution order: deletes, edits, adds, publishes. */
  steps: Step[]
  impossible: Impossible[]
  /** Rules already as wanted and published. */
  unchanged: number
  /** Remote rules the file does not name, kept because --prune is off. */
  untracked: number
  /** Ordinary rule publishes planned, against `pubQuota` left this month. */
  publishes: number
  pubQuota: number
  /** The lifetime budget of service-account adds, and how much of it this plan spends (`planned`). */
  ticketBudget?: TicketBudget & { planned: number; left: number }
  /** Temporary codes of the scene map past their end: not registered. */
  expired: number
}

/** The journal's name for a step: one per op, kind and prefix. */
export function stepKey(step: Pick<Step, 'op' | 'kind' | 'prefix'>): string {
  return `${step.op} ${step.kind} ${step.prefix}`
}

/** Plans the calls that make WeChat match `desired`. Pure: the same inputs always give the same plan. */
export function planSync(desired: DesiredState, remote: RemoteState, options: PlanOptions = {}): Plan {
  const limits = options.limits ?? WECHAT_LIMITS
  const out = new Builder(options.ticketBudget)
  planRules(desired.rules, remote, options, limits, out)
  if (desired.tickets && remote.ticketRules) {
    planTickets(desired.tickets, remote.ticketRules, options, limits.ticketRules, out)
  }
  return out.finish(remote.pubQuota, desired.tickets?.expired?.length ?? 0)
}

class Builder {
  deletes: Step[] = []
  edits: Step[] = []
  adds: Step[] = []
  /** Ordinary publishes: replacements first (they were live), then in file order; the quota is spent in this order. */
  replacePublishes: Step[] = []
  rulePublishes: Step[] = []
  ticketPublishes: Step[] = []
  impossible: Impossible[] = []
  unchanged = 0
  untracked = 0
  /** Service-account adds (and edits) planned: each spends one call of the lifetime budget. */
  ticketAdds = 0

  constructor(private readonly budget?: TicketBudget) {}

  /** Takes one call of the lifetime budget for a service-account add or edit; false when none is left. */
  spendTicketAdd(): boolean {
    if (this.budget && this.budget.spent + this.ticketAdds >= this.budget.limit) return false
    this.ticketAdds++
    return true
  }

  refuseBudget(prefix: string) {
    const b = this.budget!
    this.refuse(
      'ticket',
      prefix,
      'add-budget',
      `WeChat's lifetime budget of ${b.limit} qrcodejumpadd calls for service-account links is spent ` +
        `(${b.spent} before this plan, ${this.ticketAdds} planned; deleting links gives none back, edits spend it too).`,
      'The code still reaches the mini program through the event push (/wechat/push, README "Service-account codes ' +
        'that are not jump rules"); for new tables print mini program codes (codes:create), which are unlimited.'
    )
  }

  refuse(kind: RuleKind, prefix: string, reason: ImpossibleReason, message: string, hint: string) {
    this.impossible.push({ kind, prefix, reason, message, hint })
  }

  finish(pubQuota: number, expired: number): Plan {
    const publishes = [...this.replacePublishes, ...this.rulePublishes]
    const allowed = Math.max(0, pubQuota)
    const late = publishes.slice(allowed)
    for (const step of late) {
      this.refuse(
        step.kind,
        step.prefix,
        'publish-quota',
        `Not enough publishes left this month (qrcodejump_pub_quota ${pubQuota}, ${publishes.length} needed).`,
        'The rule is added but stays unpublished (debug_url testers can use it): run apply again next month.'
      )
    }
    return {
      steps: [
        ...this.deletes,
        ...this.edits,
        ...this.adds,
        ...publishes.slice(0, allowed),
        ...this.ticketPublishes,
      ],
      impossible: this.impossible,
      unchanged: this.unchanged,
      untracked: this.untracked,
      publishes: Math.min(allowed, publishes.length),
      pubQuota,
      expired,
      ...(this.budget
        ? {
            ticketBudget: {
              ...this.budget,
              planned: this.ticketAdds,
              left: Math.max(0, this.budget.limit - this.budget.spent - this.ticketAdds),
            },
          }
        : {}),
    }
  }
}

function planRules(
  rules: DesiredRule[],
  remote: RemoteState,
  options: PlanOptions,
  limits: NonNullable<PlanOptions['limits']>,
  out: Builder
) {
  const current = byPrefix(remote.rules)
  const wanted = new Set<string>()
  let added = 0
  let pruned = 0
  const adds: Array<{ add: Step; publish: Step }> = []
  // A replacement deletes a live rule: plan it only when its re-publish fits in this month's quota.
  let replaceBudget = Math.max(0, remote.pubQuota)

  for (const rule of rules) {
    const { prefix } = rule
    if (wanted.has(prefix)) continue // rules:check refuses a repeated prefix; never plan it twice
    wanted.add(prefix)
    const body: JumpAddBody = {
      prefix,
      permit_sub_rule: rule.permit_sub_rule,
      path: ENTRY_PAGE,
      open_version: rule.open_version,
      debug_url: rule.debug_url,
      is_edit: 0,
    }
    const have = current.get(prefix)
    if (!have) {
      adds.push({
        add: { op: 'add', kind: 'rule', prefix, body, why: 'new rule' },
        publish: { op: 'publish', kind: 'rule', prefix, why: 'new rule' },
      })
      continue
    }
    const changed = ruleChanges(body, have)
    if (changed.length === 0) {
      if (have.state === 2) out.unchanged++
      else out.rulePublishes.push({ op: 'publish', kind: 'rule', prefix, why: 'added but unpublished' })
    } else if (have.state === 1) {
      const why = `changed: ${changed.join(', ')}`
      out.edits.push({ op: 'edit', kind: 'rule', prefix, body: { ...body, is_edit: 1 }, why })
      out.rulePublishes.push({ op: 'publish', kind: 'rule', prefix, why })
    } else if (options.replacePublished && replaceBudget > 0) {
      replaceBudget--
      const why = `replace published rule, changed: ${changed.join(', ')}`
      out.deletes.push({ op: 'delete', kind: 'rule', prefix, why })
      out.adds.push({ op: 'add', kind: 'rule', prefix, body, why })
      out.replacePublishes.push({ op: 'publish', kind: 'rule', prefix, why })
    } else {
      out.refuse(
        'rule',
        prefix,
        'published-differs',
        `The rule is published and differs (${changed.join(', ')}); WeChat cannot edit a published rule (40097).`,
        options.replacePublished
          ? 'Not enough publishes left this month to re-publish it after replacing: wait for next month.'
          : 'Re-run with --replace-published to delete and re-add it (it stops jumping until re-published).'
      )
    }
  }
  for (const have of remote.rules) {
    if (wanted.has(have.prefix)) continue
    if (options.prune) {
      out.deletes.push({
        op: 'delete',
        kind: 'rule',
        prefix: have.prefix,
        why: 'not in the rule file (--prune)',
      })
      pruned++
    } else {
      out.untracked++
    }
  }
  const room = limits.rules - (current.size - pruned)
  for (const { add, publish } of adds) {
    if (added < room) {
      out.adds.push(add)
      out.rulePublishes.push(publish)
      added++
    } else {
      out.refuse(
        'rule',
        add.prefix,
        'rule-limit',
        `The rule list would exceed ${limits.rules} rules (85073).`,
        'Delete unused rules (--prune) or raise "limits.rules" in the rule file if your account allows more.'
      )
    }
  }
}

function planTickets(
  tickets: NonNullable<DesiredState['tickets']>,
  remote: RemoteTicketRule[],
  options: PlanOptions,
  limit: number,
  out: Builder
) {
  const { appid } = tickets
  const current = byPrefix(remote)
  const wanted = new Set<string>()
  const missing: string[] = []
  let pruned = 0
  for (const prefix of tickets.urls) {
    if (wanted.has(prefix)) continue // the same code listed twice needs one link
    wanted.add(prefix)
    const have = current.get(prefix)
    if (!have) {
      missing.push(prefix)
    } else if (have.path !== ENTRY_PAGE) {
      const why = `changed: path ${have.path} → ${ENTRY_PAGE}`
      const body: TicketJumpAddBody = { prefix, appid, path: ENTRY_PAGE, is_edit: 0 }
      if (have.state === 1 || options.replacePublished) {
        // An edit and a re-add each spend one call of the lifetime budget.
        if (!out.spendTicketAdd()) {
          out.refuseBudget(prefix)
          continue
        }
      }
      if (have.state === 1) {
        out.edits.push({ op: 'edit', kind: 'ticket', prefix, body: { ...body, is_edit: 1 }, why })
        out.ticketPublishes.push({ op: 'publish', kind: 'ticket', prefix, why })
      } else if (options.replacePublished) {
        out.deletes.push({
          op: 'delete',
          kind: 'ticket',
          prefix,
          appid,
          why: `replace published link, ${why}`,
        })
        out.adds.push({ op: 'add', kind: 'ticket', prefix, body, why: `replace published link, ${why}` })
        out.ticketPublishes.push({
          op: 'publish',
          kind: 'ticket',
          prefix,
          why: `replace published link, ${why}`,
        })
      } else {
        out.refuse(
          'ticket',
          prefix,
          'published-differs',
          `The link is published with path ${have.path}; WeChat cannot edit a published rule (40097).`,
          'Re-run with --replace-published to delete and re-add it.'
        )
      }
    } else if (have.state === 1) {
      out.ticketPublishes.push({ op: 'publish', kind: 'ticket', prefix, why: 'added but unpublished' })
    } else {
      out.unchanged++
    }
  }
  const expired = new Set(tickets.expired)
  for (const have of remote) {
    if (wanted.has(have.prefix)) continue
    if (options.prune) {
      out.deletes.push({
        op: 'delete',
        kind: 'ticket',
        prefix: have.prefix,
        appid,
        why: expired.has(have.prefix) ? 'expired temporary code (--prune)' : 'not in the scene map (--prune)',
      })
      pruned++
    } else {
      out.untracked++
    }
  }
  const room = limit - (current.size - pruned)
  missing.forEach((prefix, i) => {
    if (i < room && !out.spendTicketAdd()) {
      out.refuseBudget(prefix)
    } else if (i < room) {
      out.adds.push({
        op: 'add',
        kind: 'ticket',
        prefix,
        body: { prefix, appid, path: ENTRY_PAGE, is_edit: 0 },
        why: 'new link',
      })
      out.ticketPublishes.push({ op: 'publish', kind: 'ticket', prefix, why: 'new link' })
    } else {
      out.refuse(
        'ticket',
        prefix,
        'rule-limit',
        `The mini program would exceed ${limit} service-account links (85073).`,
        'Delete links of retired codes (--prune) before adding more.'
      )
    }
  })
}

/** The fields that differ between the wanted body and the remote rule. debug_url compares as a set. */
function ruleChanges(body: JumpAddBody, have: RemoteRule): string[] {
  const changed: string[] = []
  if (have.path !== body.path) changed.push('path')
  if (have.permit_sub_rule !== body.permit_sub_rule) changed.push('permit_sub_rule')
  if (have.open_version !== body.open_version) changed.push('open_version')
  const a = [...(have.debug_url ?? [])].sort().join('\n')
  const b = [...body.debug_url].sort().join('\n')
  if (a !== b) changed.push('debug_url')
  return changed
}

// A plain loop: `new Map(list.map(…))` allocates a tuple per rule and is several times slower at 100 000 rules.
function byPrefix<R extends { prefix: string }>(list: readonly R[]): Map<string, R> {
  const map = new Map<string, R>()
  for (const r of list) map.set(r.prefix, r)
  return map
}
