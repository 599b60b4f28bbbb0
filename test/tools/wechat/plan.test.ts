// The sync planner: table-driven over (desired, remote) pairs, plus its scale.
import type { RemoteRule } from '@scan-to-order/wechat-api'

import { ENTRY_PAGE } from '../../../src/landing'
import {
  planSync,
  stepKey,
  type DesiredRule,
  type DesiredState,
  type PlanOptions,
  type RemoteState,
} from '../../../tools/wechat/plan'

const A = 'https://shop.example.com/a/'
const B = 'https://shop.example.com/b/'
const T1 = 'http://weixin.qq.com/q/02one'
const T2 = 'http://weixin.qq.com/q/02two'

const want = (prefix: string, extra: Partial<DesiredRule> = {}): DesiredRule => ({
  prefix,
  permit_sub_rule: 1,
  open_version: 3,
  debug_url: [],
  ...extra,
})
const have = (prefix: string, state: 1 | 2, extra: Partial<RemoteRule> = {}): RemoteRule => ({
  prefix,
  permit_sub_rule: 1,
  path: ENTRY_PAGE,
  open_version: 3,
  debug_url: [],
  state,
  ...extra,
})

interface Case {
  name: string
  desired: DesiredState
  remote: RemoteState
  options?: PlanOptions
  steps: string[]
  impossible?: string[]
}

const CASES: Case[] = [
  {
    name: 'adds and publishes a new rule',
    desired: { rules: [want(A)] },
    remote: { rules: [], pubQuota: 100 },
    steps: [`add rule ${A}`, `publish rule ${A}`],
  },
  {
    name: 'does nothing for a published rule as wanted',
    desired: { rules: [want(A)] },
    remote: { rules: [have(A, 2)], pubQuota: 100 },
    steps: [],
  },
  {
    name: 'publishes an added but unpublished rule',
    desired: { rules: [want(A)] },
    remote: { rules: [have(A, 1)], pubQuota: 100 },
    steps: [`publish rule ${A}`],
  },
  {
    name: 'edits an unpublished rule that differs, then publishes it',
    desired: { rules: [want(A, { open_version: 2 })] },
    remote: { rules: [have(A, 1)], pubQuota: 100 },
    steps: [`edit rule ${A}`, `publish rule ${A}`],
  },
  {
    name: 'compares debug_url as a set',
    desired: { rules: [want(A, { debug_url: [`${A}1`, `${A}2`] })] },
    remote: { rules: [have(A, 2, { debug_url: [`${A}2`, `${A}1`] })], pubQuota: 100 },
    steps: [],
  },
  {
    name: 'refuses to edit a published rule (40097) and offers --replace-published',
    desired: { rules: [want(A, { permit_sub_rule: 2 })] },
    remote: { rules: [have(A, 2)], pubQuota: 100 },
    steps: [],
    impossible: [`published-differs ${A}`],
  },
  {
    name: 'replaces a published rule with --replace-published: delete, add, publish',
    desired: { rules: [want(A, { permit_sub_rule: 2 })] },
    remote: { rules: [have(A, 2)], pubQuota: 100 },
    options: { replacePublished: true },
    steps: [`delete rule ${A}`, `add rule ${A}`, `publish rule ${A}`],
  },
  {
    name: 'does not replace a live rule when no publish is left to re-publish it',
    desired: { rules: [want(A, { permit_sub_rule: 2 })] },
    remote: { rules: [have(A, 2)], pubQuota: 0 },
    options: { replacePublished: true },
    steps: [],
    impossible: [`published-differs ${A}`],
  },
  {
    name: 'keeps rules the file does not name unless --prune',
    desired: { rules: [] },
    remote: { rules: [have(B, 2)], pubQuota: 100 },
    steps: [],
  },
  {
    name: 'deletes rules the file does not name with --prune, before adding',
    desired: { rules: [want(A)] },
    remote: { rules: [have(B, 2)], pubQuota: 100 },
    options: { prune: true },
    steps: [`delete rule ${B}`, `add rule ${A}`, `publish rule ${A}`],
  },
  {
    name: 'adds but does not publish past the monthly quota',
    desired: { rules: [want(A), want(B)] },
    remote: { rules: [], pubQuota: 1 },
    steps: [`add rule ${A}`, `add rule ${B}`, `publish rule ${A}`],
    impossible: [`publish-quota ${B}`],
  },
  {
    name: 'refuses adds past the rule limit (85073)',
    desired: { rules: [want(A), want(B)] },
    remote: { rules: [], pubQuota: 100 },
    options: { limits: { rules: 1, ticketRules: 100_000 } },
    steps: [`add rule ${A}`, `publish rule ${A}`],
    impossible: [`rule-limit ${B}`],
  },
  {
    name: 'adds and publishes service-account links; publishes need no quota',
    desired: { rules: [], tickets: { appid: 'wxapp', urls: [T1, T2] } },
    remote: { rules: [], pubQuota: 0, ticketRules: [{ prefix: T2, path: ENTRY_PAGE, state: 1 }] },
    steps: [`add ticket ${T1}`, `publish ticket ${T2}`, `publish ticket ${T1}`],
  },
  {
    name: 'prunes links of retired codes with their appid',
    desired: { rules: [], tickets: { appid: 'wxapp', urls: [] } },
    remote: { rules: [], pubQuota: 0, ticketRules: [{ prefix: T1, path: ENTRY_PAGE, state: 2 }] },
    options: { prune: true },
    steps: [`delete ticket ${T1}`],
  },
  {
    name: 'spends the lifetime budget on adds in file order and refuses the rest (seed 000)',
    desired: { rules: [], tickets: { appid: 'wxapp', urls: [T1, T2] } },
    remote: { rules: [], pubQuota: 0, ticketRules: [] },
    options: { ticketBudget: { limit: 100_000, ledger: 99_999, totalCount: 10, spent: 99_999 } },
    steps: [`add ticket ${T1}`, `publish ticket ${T1}`],
    impossible: [`add-budget ${T2}`],
  },
  {
    name: 'counts an edit of an unpublished link against the budget too',
    desired: { rules: [], tickets: { appid: 'wxapp', urls: [T1] } },
    remote: { rules: [], pubQuota: 0, ticketRules: [{ prefix: T1, path: 'pages/old/index', state: 1 }] },
    options: { ticketBudget: { limit: 5, ledger: 5, totalCount: 1, spent: 5 } },
    steps: [],
    impossible: [`add-budget ${T1}`],
  },
  {
    name: 'needs no budget to publish or delete: a budget spent to the last call still publishes and prunes',
    desired: { rules: [], tickets: { appid: 'wxapp', urls: [T1] } },
    remote: {
      rules: [],
      pubQuota: 0,
      ticketRules: [
        { prefix: T1, path: ENTRY_PAGE, state: 1 },
        { prefix: T2, path: ENTRY_PAGE, state: 2 },
      ],
    },
    options: { prune: true, ticketBudget: { limit: 5, ledger: 5, totalCount: 2, spent: 5 } },
    steps: [`delete ticket ${T2}`, `publish ticket ${T1}`],
  },
  {
    name: 'never registers an expired temporary code, and prunes its link',
    desired: { rules: [], tickets: { appid: 'wxapp', urls: [T1], expired: [T2] } },
    remote: { rules: [], pubQuota: 0, ticketRules: [{ prefix: T2, path: ENTRY_PAGE, state: 2 }] },
    options: { prune: true },
    steps: [`delete ticket ${T2}`, `add ticket ${T1}`, `publish ticket ${T1}`],
  },
]

describe('planSync', () => {
  it.each(CASES)('$name', ({ desired, remote, options, steps, impossible }) => {
    const plan = planSync(desired, remote, options)
    expect(plan.steps.map(stepKey)).toEqual(steps)
    expect(plan.impossible.map((p) => `${p.reason} ${p.prefix}`)).toEqual(impossible ?? [])
    for (const p of plan.impossible) expect(p.hint).not.toBe('')
  })

  it('reports the budget: spent before, planned, left after', () => {
    const plan = planSync(
      { rules: [], tickets: { appid: 'wxapp', urls: [T1, T2] } },
      { rules: [], pubQuota: 0, ticketRules: [] },
      { ticketBudget: { limit: 10, ledger: 3, totalCount: 7, spent: 7 } }
    )
    expect(plan.ticketBudget).toEqual({ limit: 10, ledger: 3, totalCount: 7, spent: 7, planned: 2, left: 1 })
  })

  it('says why an expired code is pruned', () => {
    const plan = planSync(
      { rules: [], tickets: { appid: 'wxapp', urls: [], expired: [T1] } },
      { rules: [], pubQuota: 0, ticketRules: [{ prefix: T1, path: ENTRY_PAGE, state: 2 }] },
      { prune: true }
    )
    expect(plan.steps[0].why).toBe('expired temporary code (--prune)')
    expect(plan.expired).toBe(1)
  })

  it('fills in the entry page as every rule path and the appid on links', () => {
    const plan = planSync(
      { rules: [want(A)], tickets: { appid: 'wxapp', urls: [T1] } },
      { rules: [], pubQuota: 9, ticketRules: [] }
    )
    const adds = plan.steps.filter((s) => s.op === 'add')
    expect(adds.map((s) => (s.op === 'add' ? s.body : null))).toEqual([
      { prefix: A, permit_sub_rule: 1, path: ENTRY_PAGE, open_version: 3, debug_url: [], is_edit: 0 },
      { prefix: T1, appid: 'wxapp', path: ENTRY_PAGE, is_edit: 0 },
    ])
  })

  it('plans 100 000 service-account links: adds and publishes the missing, publishes the unpublished', () => {
    const urls: string[] = JSON.parse(
      JSON.stringify(
        Array.from(
          { length: 100_000 },
          (_, i) => `http://weixin.qq.com/q/02t${i.toString(36).padStart(8, '0')}`
        )
      )
    )
    const ticketRules = urls
      .filter((_, i) => i % 3 > 0)
      .map((prefix, i) => ({ prefix, path: ENTRY_PAGE, state: (i % 2 ? 2 : 1) as 1 | 2 }))
    const desired = { rules: [], tickets: { appid: 'wxapp', urls } }
    const remote = { rules: [], pubQuota: 100, ticketRules }
    const plan = planSync(desired, remote, { prune: true })
    // Its speed is a bench figure (npm run bench, "Tools at scale"), not a timed test.
    expect(plan.steps).toHaveLength(33_334 * 2 + 33_333)
  })
})
