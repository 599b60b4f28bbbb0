import { UnknownOutcomeError, WechatError, type WechatClient } from '@scan-to-order/wechat-api'

import { isDone, runStep, type StepOutcome } from './execute'
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

export type Tally = Record<StepOutcome, number>

/** A step not done because WeChat refused it, or refused one it depends on; it waits for a later run. */
export interface Waiting {
  step: Step
  /** WeChat's refusal: of this step, or of `cause`. */
  refusal: WechatError
  /** The step WeChat refused (this one, or one this one waits behind: the same prefix, or the same call). */
  cause: Step
}

export interface Applied {
  tally: Tally
  /** In step order; empty when every step was done. */
  waiting: Waiting[]
}

/**
 * Executes `steps` in order, journaling each: an `intent` before the call, a durable `done` after. Steps already
 * `done` are skipped; an `uncertain` one (its run was killed mid-call, or its answer was lost) is first checked
 * against WeChat, so nothing is done twice. Refusals wait as StepRunner says; any other failure is rethrown with
 * the step named, for the caller to stop on.
 */
export async function executeSteps(
  steps: readonly Step[],
  done: ReadonlySet<string>,
  uncertain: ReadonlySet<string>,
  ctx: ApplyContext
): Promise<Applied> {
  const runner = new StepRunner(ctx, uncertain)
  for (let i = 0; i < steps.length; i++) {
    if (done.has(stepKey(steps[i]))) continue
    if (await runner.run(steps[i], `step ${i + 1}/${steps.length}`)) ctx.progress?.tick()
  }
  return { tally: runner.tally, waiting: runner.waiting }
}

/**
 * Runs steps one at a time for a run (rules:sync apply, tickets:create), keeping what waits.
 *
 * A refusal that concerns one prefix or one call (WeChat's error table says which: a prefix another account owns,
 * the month's publishes used up, an app not yet released) does not stop the run: that step waits, and so do the
 * later steps of its prefix (a publish cannot follow an add that was refused) and, for a refused call, the later
 * calls like it on the same account; every other step is done. Any other failure (a token, a permission, the
 * network) is journaled and rethrown, with the step named, for the caller to stop on.
 */
export class StepRunner {
  readonly tally: Tally = { ok: 0, already: 0, verified: 0 }
  /** In the order the steps came; empty when every step was done. */
  readonly waiting: Waiting[] = []
  // What the steps of a prefix wait for, once one of them waits: a publish cannot follow an add that did not happen.
  private readonly byPrefix = new Map<string, Waiting>()
  // Refusals of a whole call on one account (the month's publishes, a full list): later calls like it wait too.
  private readonly byCall: Waiting[] = []

  constructor(
    private readonly ctx: ApplyContext,
    private readonly uncertain: ReadonlySet<string>,
    /** False: a `done` line is left for the caller's next durable line to sync (tickets:create's next code). */
    private readonly durableDone = true
  ) {}

  /** Runs `step` (named `where` in a rethrown error); false when it waits behind a refusal instead. */
  async run(step: Step, where: string): Promise<boolean> {
    const { ctx } = this
    const key = stepKey(step)
    const behind =
      this.byPrefix.get(step.prefix) ??
      this.byCall.find((w) => w.cause.op === step.op && w.cause.kind === step.kind)
    if (behind) {
      this.wait({ step, refusal: behind.refusal, cause: behind.cause })
      return false
    }
    let outcome: StepOutcome | null = null
    if (this.uncertain.has(key) && (await isDone(ctx.client, step, ctx.appid))) outcome = 'verified'
    if (!outcome) {
      ctx.journal.append({ t: 'intent', key }, false)
      try {
        outcome = await runStep(ctx.client, step, ctx.appid)
      } catch (error) {
        const message = (error as Error).message
        if (error instanceof UnknownOutcomeError) {
          // Still uncertain: the next run checks WeChat before calling again.
          ctx.journal.append({ t: 'unknown', key, message })
        } else {
          const code = error instanceof WechatError ? error.code : null
          ctx.journal.append({ t: 'failed', key, code, message })
        }
        if (error instanceof WechatError && error.refuses) {
          const refusal: Waiting = { step, refusal: error, cause: step }
          this.wait(refusal)
          if (error.refuses === 'api') this.byCall.push(refusal)
          ctx.progress?.note(`Waiting: ${key}: ${message} The steps that do not need it go on.`)
          return false
        }
        throw Object.assign(error as Error, { message: `${where} (${key}): ${message}` })
      }
    }
    ctx.journal.append({ t: 'done', key, outcome }, this.durableDone)
    this.tally[outcome]++
    return true
  }

  private wait(w: Waiting): void {
    this.waiting.push(w)
    if (!this.byPrefix.has(w.step.prefix)) this.byPrefix.set(w.step.prefix, w)
  }
}
