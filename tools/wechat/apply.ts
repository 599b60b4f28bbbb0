import { WechatError, type WechatClient } from '@scan-to-order/wechat-api'

import { isDone, runStep, type Outcome } from './execute'
import type { Journal } from './journal'
import { stepKey, type Step } from './plan'
import type { Progress } from './progress'
import type { RunRecord } from './run-log'

export interface ApplyContext {
  client: WechatClient
  journal: Journal<RunRecord<Step>>
  /** The mini program appid of service-account links (to look them up). */
  appid?: string
  progress?: Progress
}

export type Tally = Record<Outcome, number>

/**
 * Executes `steps` in order, journaling each: an `intent` before the call, a durable `done` after. Steps already
 * `done` are skipped; an `uncertain` one (its run was killed mid-call) is first checked against WeChat, so nothing is
 * done twice. A failure is journaled and rethrown, with the step named, for the caller to stop on.
 */
export async function executeSteps(
  steps: readonly Step[],
  done: ReadonlySet<string>,
  uncertain: ReadonlySet<string>,
  ctx: ApplyContext
): Promise<Tally> {
  const tally: Tally = { ok: 0, already: 0, verified: 0 }
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]
    const key = stepKey(step)
    if (done.has(key)) continue
    let outcome: Outcome | null = null
    if (uncertain.has(key) && (await isDone(ctx.client, step, ctx.appid))) outcome = 'verified'
    if (!outcome) {
      ctx.journal.append({ t: 'intent', key }, false)
      try {
        outcome = await runStep(ctx.client, step, ctx.appid)
      } catch (error) {
        const code = error instanceof WechatError ? error.code : null
        const message = (error as Error).message
        ctx.journal.append({ t: 'failed', key, code, message })
        throw Object.assign(error as Error, {
          message: `step ${i + 1}/${steps.length} (${step.op} ${step.kind} ${step.prefix}): ${message}`,
        })
      }
    }
    ctx.journal.append({ t: 'done', key, outcome })
    tally[outcome]++
    ctx.progress?.tick()
  }
  return tally
}
