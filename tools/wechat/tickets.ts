// `tickets create`: service-account codes in bulk — permanent or temporary, with a scene string or a numeric scene_id
// — each saved (url → scene, and a temporary code's end), registered as a jump rule, published and fetched as an
// image. Journaled so that a killed run resumes without losing or re-creating a code.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import {
  UnknownOutcomeError,
  WECHAT_LIMITS,
  WechatError,
  ticketAction,
  type RateSpec,
  type TicketAction,
  type WechatClient,
} from '@scan-to-order/wechat-api'

import { ENTRY_PAGE, type RuleTableFile, type TicketEntry } from '../../src/landing'
import { InputError, StopError } from '../lib/errors'
import { count } from '../lib/plural'
import type { Io } from '../shell/io'
import { IMAGE_EXTENSIONS, csv, imageBase, imageFile, writeImage } from './code-images'
import { fingerprint } from './desired'
import { StepRunner } from './apply'
import { Journal } from './journal'
import { stepKey, type Step } from './plan'
import { describeWaiting } from './plan-report'
import { Progress, duration } from './progress'
import {
  createKey,
  createdCodes,
  lastRun,
  unansweredCreates,
  type CreatedRecord,
  type RunRecord,
  type RunState,
} from './run-log'
import { TicketSaver } from './ticket-saver'

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
  /** Temporary codes (QR_STR_SCENE, QR_SCENE) living this many seconds; absent: permanent ones. */
  expireSeconds?: number
  /** Numeric codes (QR_LIMIT_SCENE, QR_SCENE): each scene's `scene_id`, already saved in sceneIds. */
  sceneIds?: ReadonlyMap<string, number>
}

/** The action qrcode/create is asked for: the client's own table, so a plan names what the run will send. */
function runAction(options: Pick<TicketsOptions, 'expireSeconds' | 'sceneIds'>): TicketAction {
  return ticketAction({
    numeric: options.sceneIds !== undefined,
    temporary: options.expireSeconds !== undefined,
  })
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
  const existing = scenesWithCode(options.file)
  const todo = options.scenes.filter((s) => !existing.has(s))
  const n = todo.length
  const skipped = options.scenes.length - n
  const permanent = permanentTickets(options.file)
  const wasted = unansweredCreates(journal).length
  // Per code: create (5/s budget) + add + publish (also 200/min for service-account rule calls).
  const seconds = Math.max((3 * n) / rate.perSecond, ((2 * n) / rate.perMinute) * 60)
  const kind = options.expireSeconds === undefined ? 'permanent' : `temporary (${options.expireSeconds} s)`
  const lines = [
    `Would create ${count(n, `${kind} code`)} (${runAction(options)}); ` +
      (skipped === 1
        ? '1 scene already has one and is skipped.'
        : `${skipped} scenes already have one and are skipped.`),
    `Calls: ${n} qrcode/create, ${n} qrcodejumpadd, ${n} qrcodejumppublish` +
      (options.imagesDir ? `, ${n} showqrcode into ${options.imagesDir}` : ' (no --images: no code images)') +
      `; at ${rate.perSecond}/s and ${rate.perMinute}/min that takes at least ${duration(seconds)}.`,
    // Every permanent ticket counts, numeric scene_id codes too: WeChat allows 100 000 permanent codes in all.
    (options.expireSeconds === undefined
      ? `Scene map: ${permanent} → ${permanent + n} of WeChat's ${WECHAT_LIMITS.permanentTickets} permanent codes`
      : `Scene map: ${count(n, 'temporary code')} more, each with its end (expire_time); permanent codes stay ` +
        `${permanent} of WeChat's ${WECHAT_LIMITS.permanentTickets}`) +
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
    const withCode = scenesWithCode(options.file)
    const urls = new Set(options.file.serviceAccount?.tickets.map((t) => t.url) ?? [])
    const orphans = createdCodes(journal.records).filter((c) => !urls.has(c.url))
    for (const c of orphans) saver.add(ticketOf(c))
    if (orphans.length > 0 && saver.flush())
      io.out(`Saved ${count(orphans.length, 'code')} an interrupted run had created.`)
    for (const c of orphans) withCode.set(c.scene, c.url)

    const print = fingerprint({
      rules: options.rulesPath,
      appid,
      scenes: options.scenes,
      action: runAction(options),
      expireSeconds: options.expireSeconds,
    })
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
      const scenes = options.scenes.filter((s) => !withCode.has(s))
      // Every permanent ticket counts, scene_id codes too: WeChat allows 100 000 permanent codes in all — and so
      // does every permanent code a create without an answer may have made. Temporary codes count apart.
      const wasted = unansweredCreates(journal.records).length
      const permanent =
        permanentTickets(options.file) + orphans.filter((c) => c.expire_time === undefined).length
      const total = permanent + scenes.length + wasted
      if (options.expireSeconds === undefined && total > WECHAT_LIMITS.permanentTickets) {
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
        // The codes exist, but the last run may have left their links waiting (exit 3): say whose job they are.
        const end = [...journal.records].reverse().find((r) => r.t === 'end')
        if (end?.t === 'end' && !end.ok && end.note?.endsWith('waiting')) {
          io.err(
            `The last tickets:create run left ${end.note} for WeChat (links not registered or published): ` +
              'unless `npm run rules:sync -- apply` has done them since, it does them once WeChat allows it.'
          )
        }
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
    // A `done` line is not fsync'd on its own: the next code's `created` line syncs it. Were it lost in a machine
    // crash, the step would be checked against WeChat (85071 / published) instead of repeated blindly.
    const links = new StepRunner({ client, journal, appid, progress }, current.uncertain, false)
    const one = async (scene: string) => {
      let code = created.get(scene)
      if (!code) {
        const temporary = options.expireSeconds !== undefined
        const key = createKey(scene, temporary)
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
              'code whose url never arrived (it cannot be listed: it is lost' +
              (temporary
                ? ', and ends on its own'
                : `, and counts against the ${WECHAT_LIMITS.permanentTickets} permanent codes`) +
              '). Creating it again.'
          )
        }
        journal.append({ t: 'intent', key }, false)
        const sceneId = options.sceneIds?.get(scene)
        const { expireSeconds } = options
        const asked = Math.floor(Date.now() / 1000)
        let answer
        try {
          answer = await client.createCode({
            scene: sceneId ?? scene,
            ...(expireSeconds === undefined ? {} : { expire_seconds: expireSeconds }),
          })
        } catch (error) {
          if (!(error instanceof UnknownOutcomeError)) {
            // Answered with an error, or never sent (a refused token, no connection): no code was made.
            const errcode = error instanceof WechatError ? error.code : null
            journal.append({ t: 'failed', key, code: errcode, message: (error as Error).message })
            throw error
          }
          // Sent, never answered: a second call would be a second code. Journal it; no new create starts.
          journal.append({ t: 'unknown', key, message: error.message })
          throw new StopError(
            unansweredCreate(scene, error, temporary, unansweredCreates(journal.records).length)
          )
        }
        code = {
          t: 'created',
          scene,
          url: answer.url,
          ticket: answer.ticket,
          ...(sceneId === undefined ? {} : { sceneId }),
          // The end WeChat granted, counted from before the call: never later than the code's real end.
          ...(expireSeconds === undefined
            ? {}
            : { expire_time: asked + (answer.expire_seconds ?? expireSeconds) }),
        }
        journal.append(code) // fsync'd before anything else happens: the url is now safe
        saver.add(ticketOf(code))
        made++
      }
      // A link WeChat refuses (the app not released yet, the lifetime budget of links spent) waits: the code is
      // saved and works through the event push meanwhile, and the other codes go on.
      for (const step of ticketSteps(code.url, appid)) {
        if (!current.done.has(stepKey(step))) await links.run(step, `code "${scene}"`)
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
    const { waiting } = links
    // Ended even when links wait: `rules:sync apply` registers and publishes what is left once WeChat allows it.
    journal.append({
      t: 'end',
      ok: saved && waiting.length === 0,
      note: waiting.length ? `${waiting.length} waiting` : undefined,
    })
    if (options.imagesDir && saved) writeIndex(options.imagesDir, options.rulesPath)
    const unlinked = new Set(waiting.map((w) => w.step.prefix)).size
    io.out(
      `Created ${count(made, 'code')}; ${run.scenes.length - unlinked} registered and published` +
        (options.imagesDir ? `; images in ${options.imagesDir}` : '') +
        '.'
    )
    if (waiting.length > 0) {
      io.err(
        `${count(unlinked, 'code')} saved but not yet a jump rule: each reaches the mini program through the ` +
          'event push meanwhile (npm run api with WECHAT_PUSH_TOKEN).'
      )
      for (const line of describeWaiting(waiting, 2 * run.scenes.length)) io.err(line)
    }
    if (!saved) return 1
    return waiting.length > 0 ? 3 : 0
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
function unansweredCreate(
  scene: string,
  error: UnknownOutcomeError,
  temporary: boolean,
  wasted: number
): string {
  return (
    `qrcode/create for "${scene}" was sent but no answer came back (${error.cause.detail}): WeChat may have made a ` +
    'code whose url never reached us. It was not sent again — a second call makes a second code — and no new code ' +
    'was started. ' +
    (temporary
      ? 'WeChat cannot list codes, so such a code is lost; being temporary, it ends on its own and does not count ' +
        `against the account's ${WECHAT_LIMITS.permanentTickets} permanent codes. `
      : "WeChat cannot list codes, so such a code is lost, yet it counts against the account's " +
        `${WECHAT_LIMITS.permanentTickets} permanent codes (${count(wasted, 'code')} possibly wasted so far, kept ` +
        'in the journal). ') +
    'Run the same command again to create it anew once WeChat answers in time (on a slow network, raise --timeout).'
  )
}

/** How many permanent codes the scene map holds (numeric ones too): each is one of WeChat's 100 000. */
function permanentTickets(file: RuleTableFile): number {
  return (file.serviceAccount?.tickets ?? []).filter((t) => t.expire_time === undefined).length
}

/**
 * The scenes that already have a code that works (a numeric one through sceneIds; a temporary one until its end),
 * with its url.
 */
export function scenesWithCode(
  file: RuleTableFile,
  now: number = Math.floor(Date.now() / 1000)
): Map<string, string> {
  const map = new Map<string, string>()
  const ids = file.serviceAccount?.sceneIds ?? {}
  for (const t of file.serviceAccount?.tickets ?? []) {
    if (t.expire_time !== undefined && t.expire_time <= now) continue
    const scene = typeof t.scene === 'string' ? t.scene : ids[String(t.scene)]
    if (scene !== undefined) map.set(scene, t.url)
  }
  return map
}

/** The scene map entry (a ticket) of a created code. */
function ticketOf(c: CreatedRecord): TicketEntry {
  return {
    url: c.url,
    scene: c.sceneId ?? c.scene,
    ...(c.expire_time === undefined ? {} : { expire_time: c.expire_time }),
  }
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

export { imageBase }

function hasImage(dir: string, scene: string): boolean {
  return imageFile(dir, imageBase(scene)) !== undefined
}

async function saveImage(client: WechatClient, dir: string, scene: string, ticket: string): Promise<void> {
  if (hasImage(dir, scene)) return
  const { image, contentType } = await client.fetchTicketImage(ticket)
  writeImage(dir, imageBase(scene), image, contentType)
}

/**
 * index.csv beside the images: scene, url, file of every ticket with an image there — for printing — and a numeric
 * code's scene_id, a temporary code's end (ISO).
 */
function writeIndex(dir: string, rulesPath: string): void {
  const files = new Set(existsSync(dir) ? readdirSync(dir) : [])
  const file = JSON.parse(readFileSync(rulesPath, 'utf8')) as RuleTableFile
  const ids = file.serviceAccount?.sceneIds ?? {}
  const rows = ['scene,url,file,scene_id,expires']
  for (const t of file.serviceAccount?.tickets ?? []) {
    const scene = typeof t.scene === 'string' ? t.scene : (ids[String(t.scene)] ?? String(t.scene))
    const name = Object.values(IMAGE_EXTENSIONS)
      .map((ext) => imageBase(scene) + ext)
      .find((f) => files.has(f))
    const sceneId = typeof t.scene === 'number' ? String(t.scene) : ''
    const expires = t.expire_time === undefined ? '' : new Date(t.expire_time * 1000).toISOString()
    if (name) rows.push([scene, t.url, name, sceneId, expires].map(csv).join(','))
  }
  writeFileSync(join(dir, 'index.csv'), `${rows.join('\n')}\n`)
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
