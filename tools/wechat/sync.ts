// `rules:sync`: plan and apply the rule file against WeChat, and place the verification file.
import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve, sep } from 'node:path'

import type { WechatClient } from '@scan-to-order/wechat-api'

import { parseLink, type RuleTableFile } from '../../src/landing'
import { InputError, StopError } from '../lib/errors'
import type { Limits } from '../lib/limits'
import { count } from '../lib/plural'
import { recordRuleStates } from '../lib/rule-file-writer'
import { EXIT } from '../shell/errors'
import type { Io } from '../shell/io'
import { executeSteps } from './apply'
import { desiredState, fingerprint } from './desired'
import { Journal, journalBeside } from './journal'
import { ticketBudget, type JumpLedger } from './jump-ledger'
import { planSync, stepKey, type Plan, type PlanOptions, type Step } from './plan'
import { describePlan, describeWaiting, planJson } from './plan-report'
import { Progress } from './progress'
import { readRemote } from './remote'
import { lastRun, type RunRecord, type RunState } from './run-log'
import { explainError } from '../../src/landing/explain'

export interface SyncOptions {
  file: RuleTableFile
  /** The rule file's limits, read and checked like rules:check reads them. */
  limits: Limits
  client: WechatClient
  prune: boolean
  replacePublished: boolean
  /** The local count of service-account qrcodejumpadd calls (with a service account): the plan's budget. */
  ledger?: JumpLedger
}

const TOOL = 'rules-sync'

/** Reads WeChat, plans, and prints the plan (text or JSON). Exit 3 when part of the file cannot be applied. */
export async function planCommand(options: SyncOptions & { json: boolean }, io: Io): Promise<number> {
  const plan = await makePlan(options, io)
  if (options.json) io.out(JSON.stringify(planJson(plan), null, 2))
  else for (const line of describePlan(plan, options)) io.out(line)
  return plan.impossible.length > 0 ? EXIT.incomplete : EXIT.ok
}

/**
 * Applies the plan, journaled. An interrupted apply of the same rule file and flags resumes from its journal
 * (without reading all of WeChat again); any other change plans afresh. A second apply finds nothing to do.
 */
export async function applyCommand(
  options: SyncOptions & { journalPath: string; rulesPath: string },
  io: Io
): Promise<number> {
  if (options.prune) guardPrune(options)
  const desired = desiredState(options.file)
  const print = fingerprint({ desired, prune: options.prune, replace: options.replacePublished })
  const journal = Journal.open<RunRecord<Step>>(options.journalPath)
  const stopListening = io.onInterrupt(() => {
    journal.close()
    io.err('Interrupted: run the same command again to continue.')
  })
  try {
    let run: RunState<Step> | null = lastRun(journal.records)
    let plan: Plan | null = null
    if (run && !run.ended && run.tool === TOOL && run.fingerprint === print) {
      const left = run.steps.filter((s) => !run!.done.has(stepKey(s))).length
      io.out(`Resuming the apply interrupted at ${run.at}: ${left} of ${run.steps.length} steps left.`)
    } else {
      if (run && !run.ended) {
        journal.append({ t: 'end', ok: false, note: 'abandoned: the rule file or flags changed' })
        io.err('An interrupted apply of a different rule file (or flags) is in the journal: planning afresh.')
      }
      plan = await makePlan(options, io)
      for (const line of describePlan(plan, options)) io.out(line)
      if (plan.steps.length === 0) {
        if (plan.impossible.length > 0) return EXIT.incomplete
        noteState(options, io)
        return EXIT.ok
      }
      // Finished runs need no memory: start the journal afresh so it does not grow without bound.
      if (lastRun(journal.records)?.ended) journal.reset()
      journal.append([
        { t: 'run', tool: TOOL, fingerprint: print, at: new Date().toISOString() },
        { t: 'plan', steps: plan.steps },
      ])
      run = lastRun(journal.records)!
    }
    const progress = new Progress('apply', run.steps.length, io.progress)
    progress.resume(run.steps.filter((s) => run!.done.has(stepKey(s))).length)
    const { tally, waiting } = await executeSteps(run.steps, run.done, run.uncertain, {
      client: options.client,
      journal,
      appid: desired.tickets?.appid,
      progress,
    })
    progress.finish()
    // Ended even when steps wait: the next apply plans afresh from what WeChat holds then, so it retries exactly
    // what waited instead of resuming into the same refusal.
    journal.append({
      t: 'end',
      ok: waiting.length === 0,
      note: waiting.length ? `${waiting.length} waiting` : undefined,
    })
    io.out(
      `Applied: ${count(tally.ok, 'call')}` +
        (tally.already ? `, ${tally.already} already there (85071, verified)` : '') +
        (tally.verified
          ? `, ${tally.verified} found done on WeChat (an earlier call's answer was lost)`
          : '') +
        '.'
    )
    for (const line of describeWaiting(waiting, run.steps.length)) io.err(line)
    if (plan && plan.impossible.length > 0) {
      io.err(
        `Not applied (${plan.impossible.length}): see the plan above; run \`rules:sync plan\` for details.`
      )
    }
    if (waiting.length > 0 || (plan && plan.impossible.length > 0)) return EXIT.incomplete
    // A resumed run does not know its whole plan: the next apply (a no-op when all went well) records the state.
    if (!plan) io.out('Run `rules:sync apply` again to confirm nothing is left.')
    else noteState(options, io)
    return EXIT.ok
  } catch (error) {
    io.err('The journal keeps what was done: fix the cause and run apply again to continue.')
    throw error
  } finally {
    stopListening()
    journal.close()
  }
}

/** After a complete apply every ordinary rule of the file is published: record `state: 2` on each. */
function noteState(options: { file: RuleTableFile; rulesPath: string }, io: Io): void {
  const published = new Map(options.file.rules.map((r) => [r.prefix, 2 as const]))
  if (recordRuleStates(options.rulesPath, published)) {
    io.out(`Recorded in ${io.shown(options.rulesPath)}: every rule is published (state 2).`)
  }
}

/**
 * Fetches the verification file and writes it under `webRoot` where WeChat looks for it: the last sub-directory of
 * the rule's prefix (`https://h/s/` → `/s/`, `https://h/s/12` → `/s/`), else the host root.
 */
export async function verifyFileCommand(
  options: { file: RuleTableFile; client: WechatClient; webRoot: string; prefix?: string },
  io: Io
): Promise<number> {
  const prefixes = options.prefix ? [options.prefix] : options.file.rules.map((r) => r.prefix)
  if (prefixes.length === 0) throw new InputError('The rule file has no rules: give --prefix.')
  const places = new Map<string, string>()
  for (const prefix of prefixes) {
    const link = parseLink(prefix)
    if (!link.ok) throw new InputError(`"${prefix}" is not a link: ${explainError(link).message}`)
    const dir = link.value.path.slice(0, link.value.path.lastIndexOf('/') + 1)
    places.set(`${link.value.scheme}://${link.value.host}${dir}`, dir)
  }
  const hosts = new Set([...places.keys()].map((p) => p.split('/')[2]))
  if (hosts.size > 1) {
    throw new InputError(
      `The rules span ${hosts.size} hosts (${[...hosts].join(', ')}): give --prefix for one of them.`
    )
  }
  const verify = await options.client.downloadVerifyFile()
  if (!/^[A-Za-z0-9._-]+$/.test(verify.file_name) || verify.file_name.startsWith('.')) {
    throw new StopError(`WeChat named the file "${verify.file_name}", which is not a safe file name.`)
  }
  const root = resolve(options.webRoot)
  for (const [url, dir] of places) {
    const target = resolve(root, `.${dir}`, verify.file_name)
    if (!target.startsWith(root + sep)) throw new InputError(`The prefix path ${dir} leaves the web root.`)
    mkdirSync(resolve(root, `.${dir}`), { recursive: true })
    writeFileSync(target, verify.file_content)
    io.out(`Wrote ${io.shown(target)}: serve it as ${url}${verify.file_name}`)
  }
  return EXIT.ok
}

async function makePlan(options: SyncOptions, io: Io): Promise<Plan> {
  const desired = desiredState(options.file)
  const tickets = desired.tickets?.urls.length ?? 0
  const progress = tickets > 1000 ? new Progress('reading service-account links', tickets, io.progress) : null
  let seen = 0
  const remote = await readRemote(options.client, desired, (read) => {
    progress?.tick(read - seen)
    seen = read
  })
  progress?.finish()
  const { limits } = options
  const planOptions: PlanOptions = {
    prune: options.prune,
    replacePublished: options.replacePublished,
    limits: { rules: limits.rules, ticketRules: limits.ticketRules },
    ...(desired.tickets && options.ledger
      ? {
          ticketBudget: ticketBudget(limits.ticketRuleAdds, options.ledger.spent(), remote.ticketTotal ?? 0),
        }
      : {}),
  }
  return planSync(desired, remote, planOptions)
}

/**
 * --prune deletes links the scene map lacks, so it must not run while `tickets:create` has codes it has not
 * saved into the scene map yet (running now, or killed before saving): those links would be deleted.
 */
function guardPrune(options: { file: RuleTableFile; rulesPath: string }): void {
  const tickets = Journal.peek<RunRecord<Step>>(journalBeside(options.rulesPath, 'tickets-create'))
  if (tickets.busy) {
    throw new StopError('`tickets:create` is running on this rule file: wait for it before --prune.')
  }
  const known = new Set(options.file.serviceAccount?.tickets.map((t) => t.url) ?? [])
  const unsaved = tickets.records.filter((r) => r.t === 'created' && !known.has(r.url)).length
  if (unsaved > 0) {
    throw new StopError(
      `${count(unsaved, 'code')} made by an interrupted \`tickets:create\` ${unsaved === 1 ? 'is' : 'are'} not in the scene map yet; --prune would ` +
        'delete their links. Run that tickets:create command again first (it saves them), then prune.'
    )
  }
}
