// `tickets create`: permanent string-scene codes in bulk, each saved (url → scene), registered as a jump rule,
// published and fetched as an image. Journaled so that a killed run resumes without losing or re-creating a code.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import {
  UnknownOutcomeError,
  WECHAT_LIMITS,
  WechatError,
  type RateSpec,
  type WechatClient,
} from '@scan-to-order/wechat-api'

import { ENTRY_PAGE, type RuleTableFile } from '../../src/landing'
import { InputError, StopError } from '../lib/errors'
import { count } from '../lib/plural'
import type { Io } from '../shell/io'
import { fingerprint } from './desired'
import { isDone, runStep } from './execute'
import { Journal } from './journal'
import { stepKey, type Step } from './plan'
import { Progress, duration } from './progress'
import { createKey, createdCodes, lastRun, unansweredCreates, type RunRecord, type RunState } from './run-log'
import { TicketSaver } from './ticket-table'

const TOOL = 'tickets-create'
/**
 * Codes in flight at once. The rate windows still pace every call; overlapping a few keeps the network's latency
 * (and the journal's fsync) from setting the pace instead.
 */
const PIPELINES = 4

export interface TicketsOptions {
  rulesPath: string
  file: RuleTableFile
  /** Scenes asked for, checked and without duplicates. */
  scenes: string[]
  journalPath: string
  imagesDir?: string
}

/**
 * What a run would do, without credentials or network: counts, skipped scenes and the time WeChat's rates need.
 * `journal`: what the journal remembers (read without its lock), for the codes earlier runs may have wasted.
 */
export function describeDryRun(
  options: TicketsOptions,
  rate: RateSpec,
  journal: readonly RunRecord<Step>[] = []
): string[] {
  const existing = ticketScenes(options.file)
  const todo = options.scenes.filter((s) => !existing.has(s))
  const n = todo.length
  const skipped = options.scenes.length - n
  const tickets = options.file.serviceAccount?.tickets.length ?? 0
  const wasted = unansweredCreates(journal).length
  // Per code: create (5/s budget) + add + publish (also 200/min for service-account rule calls).
  const seconds = Math.max((3 * n) / rate.perSecond, ((2 * n) / rate.perMinute) * 60)
  const lines = [
    `Would create ${count(n, 'permanent code')} (QR_LIMIT_STR_SCENE); ` +
      (skipped === 1
        ? '1 scene already has one and is skipped.'
        : `${skipped} scenes already have one and are skipped.`),
    `Calls: ${n} qrcode/create, ${n} qrcodejumpadd, ${n} qrcodejumppublish` +
      (options.imagesDir ? `, ${n} showqrcode into ${options.imagesDir}` : ' (no --images: no code images)') +
      `; at ${rate.perSecond}/s and ${rate.perMinute}/min that takes at least ${duration(seconds)}.`,
    // Every ticket counts, numeric scene_id codes too: WeChat allows 100 000 permanent codes in all.
    `Ticket table: ${tickets} → ${tickets + n} of WeChat's ${WECHAT_LIMITS.permanentTickets}` +
      (wasted > 0 ? ` (and ${count(wasted, 'code')} earlier runs may have wasted: see the journal).` : '.'),
  ]
  for (const s of todo.slice(0, 10)) lines.push(`  + ${s}`)
  if (n > 10) lines.push(`  … and ${n - 10} more`)
  return lines
}

/** Creates, saves, registers, publishes and fetches codes for the scenes without a ticket. Returns an exit code. */
export async function createTickets(options: TicketsOptions, client: WechatClient, io: Io): Promise<number> {
  const appid = options.file.serviceAccount?.appid ?? ''
  const journal = Journal.open<RunRecord<Step>>(options.journalPath)
  const saver = new TicketSaver(options.rulesPath, (message) => io.err(message))
  const stop = () => {
    saver.flush()
    journal.close()
  }
  const stopListening = io.onInterrupt(() => {
    stop()
    io.err('Interrupted: run the same command again to continue.')
  })
  try {
    // First, any code a killed run created but never saved: a lost url is a code that can never be mapped.
    const table = ticketScenes(options.file)
    const urls = new Set(options.file.serviceAccount?.tickets.map((t) => t.url) ?? [])
    const orphans = createdCodes(journal.records).filter((c) => !urls.has(c.url))
    for (const c of orphans) saver.add({ url: c.url, scene: c.scene })
    if (orphans.length > 0 && saver.flush())
      io.out(`Saved ${count(orphans.length, 'code')} an interrupted run had created.`)
    for (const c of orphans) table.set(c.scene, c.url)

    const print = fingerprint({ rules: options.rulesPath, appid, scenes: options.scenes })
    let run: RunState<Step> | null = lastRun(journal.records)
    if (run && !run.ended && run.tool === TOOL && run.fingerprint === print) {
      io.out(`Resuming the run interrupted at ${run.at} (${run.scenes.length} scenes).`)
    } else {
      if (run && !run.ended) {
        journal.append({ t: 'end', ok: false, note: 'abandoned: other scenes asked' })
        io.err(
          'An interrupted run for other scenes is in the journal: its codes are saved in the rule file; ' +
            '`rules:sync apply` registers and publishes any it had not.'
        )
      }
      const scenes = options.scenes.filter((s) => !table.has(s))
      // Every ticket counts, scene_id codes too: WeChat allows 100 000 permanent codes in all — and so does every
      // code a create without an answer may have made.
      const wasted = unansweredCreates(journal.records).length
      const total = urls.size + orphans.length + scenes.length + wasted
      if (total > WECHAT_LIMITS.permanentTickets) {
        throw new InputError(
          `${count(scenes.length, 'new code')} would make ${total}, over WeChat's ` +
            `${WECHAT_LIMITS.permanentTickets} permanent codes` +
            (wasted > 0
              ? ` (counting ${wasted} that earlier runs may have made without their url reaching us).`
              : '.')
        )
      }
      if (scenes.length === 0) {
        io.out(
          options.scenes.length === 1
            ? 'Nothing to create: the scene already has a ticket.'
            : `Nothing to create: all ${options.scenes.length} scenes already have a ticket.`
        )
        return 0
      }
      // Finished runs need no memory, except the codes they may have wasted: those still count against the budget.
      if (lastRun(journal.records)?.ended && saver.flush()) journal.reset(unansweredCreates(journal.records))
      journal.append({ t: 'run', tool: TOOL, fingerprint: print, at: new Date().toISOString(), scenes })
      run = lastRun(journal.records)!
    }

    const created = new Map(createdCodes(journal.records).map((c) => [c.scene, c]))
    const progress = new Progress('tickets', run.scenes.length, io.progress)
    const finished = (scene: string) => {
      const c = created.get(scene)
      return (
        c !== undefined &&
        run!.done.has(stepKey(ticketSteps(c.url, appid)[1])) &&
        (!options.imagesDir || hasImage(options.imagesDir, scene))
      )
    }
    progress.resume(run.scenes.filter(finished).length)
    let made = 0
    const current = run
    const one = async (scene: string) => {
      let code = created.get(scene)
      if (!code) {
        const key = createKey(scene)
        if (current.uncertain.has(key)) {
          // Killed mid-call: journal it as unknown now, so the code it may have made counts like a timed-out one.
          if (!current.unknown.has(key)) {
            journal.append({
              t: 'unknown',
              key,
              message: 'the run was interrupted before the answer arrived',
            })
          }
          progress.note(
            `Warning: an earlier run sent qrcode/create for "${scene}" and got no answer; WeChat may have made a ` +
              'code whose url never arrived (it cannot be listed: it is lost, and counts against the ' +
              `${WECHAT_LIMITS.permanentTickets} permanent codes). Creating it again.`
          )
        }
        journal.append({ t: 'intent', key }, false)
        let answer
        try {
          answer = await client.createTicket(scene)
        } catch (error) {
          if (!(error instanceof UnknownOutcomeError)) {
            // Answered with an error, or never sent (a refused token, no connection): no code was made.
            const errcode = error instanceof WechatError ? error.code : null
            journal.append({ t: 'failed', key, code: errcode, message: (error as Error).message })
            throw error
          }
          // Sent, never answered: a second call would be a second code. Journal it; no new create starts.
          journal.append({ t: 'unknown', key, message: error.message })
          throw new StopError(unansweredCreate(scene, error, unansweredCreates(journal.records).length))
        }
        code = { t: 'created', scene, url: answer.url, ticket: answer.ticket }
        journal.append(code) // fsync'd before anything else happens: the url is now safe
        saver.add({ url: code.url, scene })
        made++
      }
      for (const step of ticketSteps(code.url, appid)) {
        const key = stepKey(step)
        if (current.done.has(key)) continue
        if (current.uncertain.has(key) && (await isDone(client, step, appid))) {
          journal.append({ t: 'done', key, outcome: 'verified' })
          continue
        }
        journal.append({ t: 'intent', key }, false)
        const outcome = await runStep(client, step, appid)
        // Not fsync'd on its own: the next code's `created` line syncs it. Were it lost in a machine crash, the
        // step would be checked against WeChat (85071 / published) instead of repeated blindly.
        journal.append({ t: 'done', key, outcome }, false)
      }
      if (options.imagesDir) await saveImage(client, options.imagesDir, scene, code.ticket)
      progress.tick()
    }
    await inParallel(
      run.scenes.filter((scene) => !finished(scene)),
      PIPELINES,
      one
    )
    progress.finish()
    const saved = saver.flush()
    journal.append({ t: 'end', ok: saved })
    if (options.imagesDir && saved) writeIndex(options.imagesDir, options.rulesPath)
    io.out(
      `Created ${count(made, 'code')}; ${run.scenes.length} registered and published` +
        (options.imagesDir ? `; images in ${options.imagesDir}` : '') +
        '.'
    )
    return saved ? 0 : 1
  } catch (error) {
    io.err(
      'Stopped. Every code created so far is saved (or in the journal); run the same command again to continue.'
    )
    throw error
  } finally {
    stopListening()
    stop()
  }
}

/** What to say when `qrcode/create` for `scene` went out and no answer came back. */
function unansweredCreate(scene: string, error: UnknownOutcomeError, wasted: number): string {
  return (
    `qrcode/create for "${scene}" was sent but no answer came back (${error.cause.detail}): WeChat may have made a ` +
    'code whose url never reached us. It was not sent again — a second call makes a second code — and no new code ' +
    "was started. WeChat cannot list codes, so such a code is lost, yet it counts against the account's " +
    `${WECHAT_LIMITS.permanentTickets} permanent codes (${count(wasted, 'code')} possibly wasted so far, kept in the ` +
    'journal). Run the same command again to create it anew once WeChat answers in time (on a slow network, raise ' +
    '--timeout).'
  )
}

/** The scenes (string scenes) that already have a ticket, with their url. */
function ticketScenes(file: RuleTableFile): Map<string, string> {
  const map = new Map<string, string>()
  for (const t of file.serviceAccount?.tickets ?? []) if (typeof t.scene === 'string') map.set(t.scene, t.url)
  return map
}

function ticketSteps(url: string, appid: string): Step[] {
  return [
    {
      op: 'add',
      kind: 'ticket',
      prefix: url,
      body: { prefix: url, appid, path: ENTRY_PAGE, is_edit: 0 },
      why: 'new code',
    },
    { op: 'publish', kind: 'ticket', prefix: url, why: 'new code' },
  ]
}

/** A file name for a scene's image: the scene itself when safe, else a readable form plus a short hash (unique). */
export function imageBase(scene: string): string {
  const safe = scene.replace(/[^A-Za-z0-9._-]+/g, '_')
  return safe === scene ? safe : `${safe}-${createHash('sha256').update(scene).digest('hex').slice(0, 8)}`
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': '.jpg', 'image/jpg': '.jpg', 'image/png': '.png' }

function hasImage(dir: string, scene: string): boolean {
  const base = join(dir, imageBase(scene))
  return Object.values(EXTENSIONS).some((ext) => existsSync(base + ext))
}

async function saveImage(client: WechatClient, dir: string, scene: string, ticket: string): Promise<void> {
  if (hasImage(dir, scene)) return
  const base = join(dir, imageBase(scene))
  const { image, contentType } = await client.fetchTicketImage(ticket)
  mkdirSync(dir, { recursive: true })
  const ext = EXTENSIONS[contentType.split(';')[0].trim()] ?? '.jpg'
  // Write then rename: a killed run never leaves a half image that a resume would take as done.
  const tmp = `${base}.part`
  writeFileSync(tmp, image)
  renameSync(tmp, base + ext)
}

/** index.csv beside the images: scene, url, file of every ticket with an image there — for printing. */
function writeIndex(dir: string, rulesPath: string): void {
  const files = new Set(existsSync(dir) ? readdirSync(dir) : [])
  const file = JSON.parse(readFileSync(rulesPath, 'utf8')) as RuleTableFile
  const rows = ['scene,url,file']
  for (const t of file.serviceAccount?.tickets ?? []) {
    const name = Object.values(EXTENSIONS)
      .map((ext) => imageBase(String(t.scene)) + ext)
      .find((f) => files.has(f))
    if (name) rows.push([String(t.scene), t.url, name].map(csv).join(','))
  }
  writeFileSync(join(dir, 'index.csv'), `${rows.join('\n')}\n`)
}

function csv(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}

/**
 * Runs `work` over `items` with at most `width` at a time. On the first failure no new item starts; the ones in
 * flight finish (their journal lines must land before the journal closes), then the failure is thrown.
 */
async function inParallel<T>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<void>
): Promise<void> {
  let next = 0
  let failure: { error: unknown } | null = null
  const lane = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]
      try {
        await work(item)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, lane))
  if (failure) throw (failure as { error: unknown }).error
}
