// `rules sync`: plan and apply the rule file against WeChat, and place the verification file.
import { mkdirSync, writeFileSync } from 'node:fs'
import { relative, resolve, sep } from 'node:path'

import { parseLink, type RuleTableFile } from '../../src/landing'
import { executeSteps } from './apply'
import type { WechatClient } from './client'
import { EXIT, UsageError, onInterrupt, say, warn } from './cli'
import { desiredState, fingerprint } from './desired'
import { StopError } from './errors'
import { Journal, journalBeside, type RunState } from './journal'
import { effectiveLimits } from './limits'
import { planSync, stepKey, type Plan, type PlanOptions } from './plan'
import { describePlan, planJson } from './plan-report'
import { Progress } from './progress'
import { recordPublished } from './rule-state'
import { readRemote } from './remote'

export interface SyncOptions {
  file: RuleTableFile
  client: WechatClient
  prune: boolean
  replacePublished: boolean
}

const TOOL = 'rules-sync'

/** Reads WeChat, plans, and prints the plan (text or JSON). Exit 3 when part of the file cannot be applied. */
export async function planCommand(options: SyncOptions & { json: boolean }): Promise<number> {
  const plan = await makePlan(options)
  if (options.json) say(JSON.stringify(planJson(plan), null, 2))
  else for (const line of describePlan(plan, options)) say(line)
  return plan.impossible.length > 0 ? EXIT.incomplete : EXIT.ok
}

/**
 * Applies the plan, journaled. An interrupted apply of the same rule file and flags resumes from its journal
 * (without reading all of WeChat again); any other change plans afresh. A second apply finds nothing to do.
 */
export async function applyCommand(
  options: SyncOptions & { journalPath: string; rulesPath: string }
): Promise<number> {
  if (options.prune) guardPrune(options)
  const desired = desiredState(options.file)
  const print = fingerprint({ desired, prune: options.prune, replace: options.replacePublished })
  const journal = Journal.open(options.journalPath)
  const release = () => journal.close()
  onInterrupt(release)
  try {
    let run: RunState | null = journal.lastRun()
    let plan: Plan | null = null
    if (run && !run.ended && run.tool === TOOL && run.fingerprint === print) {
      const left = run.steps.filter((s) => !run!.done.has(stepKey(s))).length
      say(`Resuming the apply interrupted at ${run.at}: ${left} of ${run.steps.length} steps left.`)
    } else {
      if (run && !run.ended) {
        journal.append({ t: 'end', ok: false, note: 'abandoned: the rule file or flags changed' })
        warn('An interrupted apply of a different rule file (or flags) is in the journal: planning afresh.')
      }
      plan = await makePlan(options)
      for (const line of describePlan(plan, options)) say(line)
      if (plan.steps.length === 0) {
        if (plan.impossible.length > 0) return EXIT.incomplete
        await noteState(options.rulesPath)
        return EXIT.ok
      }
      // Finished runs need no memory: start the journal afresh so it does not grow without bound.
      if (journal.lastRun()?.ended) journal.reset()
      journal.append([
        { t: 'run', tool: TOOL, fingerprint: print, at: new Date().toISOString() },
        { t: 'plan', steps: plan.steps },
      ])
      run = journal.lastRun()!
    }
    const progress = new Progress('apply', run.steps.length)
    progress.resume(run.steps.filter((s) => run!.done.has(stepKey(s))).length)
    const tally = await executeSteps(run.steps, run.done, run.uncertain, {
      client: options.client,
      journal,
      appid: desired.tickets?.appid,
      progress,
    })
    progress.finish()
    journal.append({ t: 'end', ok: true })
    say(
      `Applied: ${tally.ok} call${tally.ok === 1 ? '' : 's'}` +
        (tally.already ? `, ${tally.already} already there (85071, verified)` : '') +
        (tally.verified ? `, ${tally.verified} found done by the interrupted run` : '') +
        '.'
    )
    if (plan && plan.impossible.length > 0) {
      warn(
        `Not applied (${plan.impossible.length}): see the plan above; run \`rules sync plan\` for details.`
      )
      return EXIT.incomplete
    }
    // A resumed run does not know its whole plan: the next apply (a no-op when all went well) records the state.
    if (!plan) say('Run `rules sync apply` again to confirm nothing is left.')
    else await noteState(options.rulesPath)
    return EXIT.ok
  } catch (error) {
    warn('The journal keeps what was done: fix the cause and run apply again to continue.')
    throw error
  } finally {
    release()
  }
}

async function noteState(rulesPath: string): Promise<void> {
  if (await recordPublished(rulesPath)) say(`Recorded in ${rulesPath}: every rule is published (state 2).`)
}

/**
 * Fetches the verification file and writes it under `webRoot` where WeChat looks for it: the last sub-directory of
 * the rule's prefix (`https://h/s/` → `/s/`, `https://h/s/12` → `/s/`), else the host root.
 */
export async function verifyFileCommand(options: {
  file: RuleTableFile
  client: WechatClient
  webRoot: string
  prefix?: string
}): Promise<number> {
  const prefixes = options.prefix ? [options.prefix] : options.file.rules.map((r) => r.prefix)
  if (prefixes.length === 0) throw new UsageError('The rule file has no rules: give --prefix.')
  const places = new Map<string, string>()
  for (const prefix of prefixes) {
    const link = parseLink(prefix)
    if (!link.ok) throw new UsageError(`"${prefix}" is not a link: ${link.message}`)
    const dir = link.value.path.slice(0, link.value.path.lastIndexOf('/') + 1)
    places.set(`${link.value.scheme}://${link.value.host}${dir}`, dir)
  }
  const hosts = new Set([...places.keys()].map((p) => p.split('/')[2]))
  if (hosts.size > 1) {
    throw new UsageError(
      `The rules span ${hosts.size} hosts (${[...hosts].join(', ')}): give --prefix for one of them.`
    )
  }
  const verify = await options.client.downloadVerifyFile()
  if (!/^[A-Za-z0-9._-]+$/.test(verify.file_name) || verify.file_name.startsWith('.')) {
    throw new UsageError(`WeChat named the file "${verify.file_name}", which is not a safe file name.`)
  }
  const root = resolve(options.webRoot)
  for (const [url, dir] of places) {
    const target = resolve(root, `.${dir}`, verify.file_name)
    if (!target.startsWith(root + sep)) throw new UsageError(`The prefix path ${dir} leaves the web root.`)
    mkdirSync(resolve(root, `.${dir}`), { recursive: true })
    writeFileSync(target, verify.file_content)
    say(`Wrote ${shown(target)}: serve it as ${url}${verify.file_name}`)
  }
  return EXIT.ok
}

async function makePlan(options: SyncOptions): Promise<Plan> {
  const desired = desiredState(options.file)
  const tickets = desired.tickets?.urls.length ?? 0
  const progress = tickets > 1000 ? new Progress('reading service-account links', tickets) : null
  let seen = 0
  const remote = await readRemote(options.client, desired, (read) => {
    progress?.tick(read - seen)
    seen = read
  })
  progress?.finish()
  const { limits } = effectiveLimits(options.file.limits)
  const planOptions: PlanOptions = {
    prune: options.prune,
    replacePublished: options.replacePublished,
    limits: { rules: limits.rules, ticketRules: limits.ticketRules, debugUrls: limits.debugUrls },
  }
  return planSync(desired, remote, planOptions)
}

/**
 * --prune deletes links the ticket table lacks, so it must not run while `tickets create` has codes it has not
 * saved into the table yet (running now, or killed before saving): those links would be deleted.
 */
function guardPrune(options: { file: RuleTableFile; rulesPath: string }): void {
  const tickets = Journal.peek(journalBeside(options.rulesPath, 'tickets-create'))
  if (tickets.busy) {
    throw new StopError('`tickets create` is running on this rule file: wait for it before --prune.')
  }
  const known = new Set(options.file.serviceAccount?.tickets.map((t) => t.url) ?? [])
  const unsaved = tickets.records.filter((r) => r.t === 'created' && !known.has(r.url)).length
  if (unsaved > 0) {
    throw new StopError(
      `${unsaved} code(s) made by an interrupted \`tickets create\` are not in the ticket table yet; --prune would ` +
        'delete their links. Run that tickets create command again first (it saves them), then prune.'
    )
  }
}

/** A path relative to the working directory when under it (short), else absolute. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path)
  return rel === '' || rel.startsWith('..') ? path : rel
}
