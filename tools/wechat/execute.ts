// Carries out plan steps against WeChat, one call each, and settles the uncertain ones a killed run left behind.
import {
  UnknownOutcomeError,
  WechatError,
  type RemoteRule,
  type RemoteTicketRule,
  type WechatClient,
} from '@scan-to-order/wechat-api'

import { StopError } from '../lib/errors'
import type { Step } from './plan'

/**
 * How a step ended: `ok` (WeChat did it now), `already` (85071: it was there), `verified` (WeChat shows it done by a
 * call whose answer was lost: a killed run's, or one answered after the timeout).
 */
export type StepOutcome = 'ok' | 'already' | 'verified'

/**
 * Runs one step. 85071 on an add is checked against WeChat rather than treated as a failure. A publish or delete
 * that went out without an answer (the client does not send those twice blindly) is checked too: done if WeChat
 * shows it done, else sent once more — so a late answer never costs a second publish of the month's quota.
 */
export async function runStep(
  client: WechatClient,
  step: Step,
  appid: string | undefined
): Promise<StepOutcome> {
  try {
    await call(client, step)
    return 'ok'
  } catch (error) {
    if (error instanceof WechatError && error.handling === 'already' && step.op === 'add') {
      if (await isDone(client, step, appid)) return 'already'
      throw new StopError(
        `${step.prefix} is already on WeChat but differs from the rule file (someone changed it meanwhile): ` +
          'run `rules sync plan` again.'
      )
    }
    if (error instanceof UnknownOutcomeError) {
      if (await isDone(client, step, appid)) return 'verified'
      await call(client, step)
      return 'ok'
    }
    throw error
  }
}

/**
 * True when WeChat already shows the step's effect: the rule exists as wanted (add, edit), is published
 * (publish), or is gone (delete). Used for steps whose answer was lost when a run was killed.
 */
export async function isDone(client: WechatClient, step: Step, appid: string | undefined): Promise<boolean> {
  const have = await lookUp(client, step, appid)
  switch (step.op) {
    case 'add':
    case 'edit':
      return have !== null && matches(step, have)
    case 'publish':
      return have !== null && have.state === 2
    case 'delete':
      return have === null
  }
}

function call(client: WechatClient, step: Step): Promise<void> {
  switch (step.op) {
    case 'add':
    case 'edit':
      return step.kind === 'rule' ? client.addRule(step.body) : client.addTicketRule(step.body)
    case 'publish':
      return step.kind === 'rule' ? client.publishRule(step.prefix) : client.publishTicketRule(step.prefix)
    case 'delete':
      if (step.kind === 'rule') return client.deleteRule(step.prefix)
      return client.deleteTicketRule(step.prefix, step.appid ?? '')
  }
}

async function lookUp(
  client: WechatClient,
  step: Step,
  appid: string | undefined
): Promise<RemoteRule | RemoteTicketRule | null> {
  if (step.kind === 'rule') {
    const answer = await client.getRules()
    return answer.rule_list.find((r) => r.prefix === step.prefix) ?? null
  }
  const id =
    (step.op === 'add' || step.op === 'edit' ? step.body.appid : step.op === 'delete' ? step.appid : appid) ??
    ''
  const answer = await client.getTicketRulesByPrefix(id, [step.prefix])
  return answer.rule_list.find((r) => r.prefix === step.prefix) ?? null
}

function matches(step: Extract<Step, { op: 'add' | 'edit' }>, have: RemoteRule | RemoteTicketRule): boolean {
  if (have.path !== step.body.path) return false
  if (step.kind === 'ticket') return true
  const r = have as RemoteRule
  const same = (a: string[], b: string[]) => [...a].sort().join('\n') === [...b].sort().join('\n')
  return (
    r.permit_sub_rule === step.body.permit_sub_rule &&
    r.open_version === step.body.open_version &&
    same(r.debug_url ?? [], step.body.debug_url)
  )
}
