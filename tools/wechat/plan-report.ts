import { count, pluralOf } from '../lib/plural'
import type { Waiting } from './apply'
import { stepKey, type Plan, type Step } from './plan'

const SIGN: Record<Step['op'], string> = { add: '+', edit: '~', publish: '^', delete: '-' }
/** Lines shown per operation before "… and N more": 100 000 links would drown the terminal. */
const SHOWN = 20

/** The plan in words, for a person deciding whether to apply it. */
export function describePlan(plan: Plan, options: { prune: boolean }): string[] {
  const lines: string[] = []
  if (plan.steps.length === 0) {
    lines.push(`In sync: nothing to do (${plan.unchanged} already as wanted).`)
  } else {
    const counts = countBy(plan.steps)
    lines.push(
      `Plan: ${count(plan.steps.length, 'call')} — ` +
        (['add', 'edit', 'publish', 'delete'] as const).map((op) => `${counts[op]} ${op}`).join(', ') +
        `; ${plan.unchanged} unchanged.`
    )
    for (const op of ['delete', 'edit', 'add', 'publish'] as const) {
      const of = plan.steps.filter((s) => s.op === op)
      for (const s of of.slice(0, SHOWN))
        lines.push(`  ${SIGN[op]} ${op.padEnd(7)} ${s.kind.padEnd(6)} ${s.prefix}  (${s.why})`)
      if (of.length > SHOWN)
        lines.push(`  … and ${of.length - SHOWN} more ${pluralOf(op)} (--json lists all)`)
    }
  }
  if (plan.publishes > 0) {
    lines.push(`Publishes: ${plan.publishes} of the ${plan.pubQuota} left this month (qrcodejump_pub_quota).`)
  }
  const budget = plan.ticketBudget
  if (budget) {
    lines.push(
      `Service-account link budget: ${budget.spent} of WeChat's ${budget.limit} lifetime qrcodejumpadd calls spent ` +
        `(ledger ${budget.ledger}, live links ${budget.totalCount}); this plan spends ${budget.planned}, ` +
        `${budget.left} left after it. Deleting links gives none back.`
    )
  }
  if (plan.expired > 0) {
    lines.push(
      `${count(plan.expired, 'temporary code')} in the scene map ${plan.expired === 1 ? 'has' : 'have'} ` +
        'expired: not registered (--prune deletes their links).'
    )
  }
  if (plan.untracked > 0 && !options.prune) {
    lines.push(
      `${count(plan.untracked, 'rule')} on WeChat ${plan.untracked === 1 ? 'is' : 'are'} not in the ` +
        'rule file and kept (--prune deletes them).'
    )
  }
  if (plan.impossible.length > 0) {
    lines.push(`Cannot be done as asked (${plan.impossible.length}):`)
    for (const p of plan.impossible.slice(0, SHOWN * 2)) {
      lines.push(`  ! ${p.kind} ${p.prefix}: ${p.message}`, `      → ${p.hint}`)
    }
    if (plan.impossible.length > SHOWN * 2) lines.push(`  … and ${plan.impossible.length - SHOWN * 2} more`)
  }
  return lines
}

/** The plan as JSON for scripts: every step and every impossible change. */
export function planJson(plan: Plan): unknown {
  return {
    inSync: plan.steps.length === 0 && plan.impossible.length === 0,
    steps: plan.steps.map(({ op, kind, prefix, why }) => ({ op, kind, prefix, why })),
    impossible: plan.impossible,
    unchanged: plan.unchanged,
    untracked: plan.untracked,
    publishes: plan.publishes,
    pubQuota: plan.pubQuota,
    expired: plan.expired,
    ...(plan.ticketBudget ? { ticketBudget: plan.ticketBudget } : {}),
  }
}

function countBy(steps: Step[]): Record<Step['op'], number> {
  const counts = { add: 0, edit: 0, publish: 0, delete: 0 }
  for (const s of steps) counts[s.op]++
  return counts
}

/**
 * What an apply left waiting, for stderr: each refusal with WeChat's words and what to do, and the steps that wait
 * behind it. Empty when nothing waits.
 */
export function describeWaiting(waiting: readonly Waiting[], steps: number): string[] {
  if (waiting.length === 0) return []
  const lines = [`Done except ${waiting.length} of ${count(steps, 'step')}, which wait:`]
  const causes = new Map<string, Waiting[]>()
  for (const w of waiting) {
    const key = stepKey(w.cause)
    causes.set(key, [...(causes.get(key) ?? []), w])
  }
  for (const [cause, group] of causes) {
    const { refusal } = group[0]
    lines.push(`  ! ${cause}: WeChat error ${refusal.code} (${refusal.errmsg})`, `      → ${refusal.action}`)
    const behind = group.filter((w) => stepKey(w.step) !== cause).map((w) => stepKey(w.step))
    if (behind.length > 0) {
      const shown = behind.slice(0, SHOWN).join(', ')
      const more = behind.length > SHOWN ? ` and ${behind.length - SHOWN} more` : ''
      lines.push(`      waiting behind it: ${shown}${more}`)
    }
  }
  lines.push(
    'Run `npm run rules:sync -- apply` again once that is resolved: it reads WeChat afresh and does only what is left.'
  )
  return lines
}
