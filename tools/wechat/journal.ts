import {
  closeSync,
  existsSync,
  fsyncSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { dirname, join } from 'node:path'

import { writeFileAtomic } from './atomic-file'
import { StopError } from './errors'
import type { Step } from './plan'
import { redact } from './redact'

/**
 * One line of a journal. A run starts with `run`; each WeChat call is an `intent` then a `done` (or `failed`); a
 * `created` line keeps a new code's url the moment WeChat returns it; `end` closes the run.
 */
export type JournalRecord =
  | { t: 'run'; tool: string; fingerprint: string; at: string; scenes?: string[] }
  | { t: 'plan'; steps: Step[] }
  | { t: 'intent'; key: string }
  | { t: 'done'; key: string; outcome: string }
  | { t: 'failed'; key: string; code: number | null; message: string }
  | { t: 'created'; scene: string; url: string; ticket: string }
  | { t: 'end'; ok: boolean; note?: string }

/** A tool's journal beside its rule file: `.rules-sync.journal`, `.tickets-create.journal` (both gitignored). */
export function journalBeside(rulesPath: string, tool: 'rules-sync' | 'tickets-create'): string {
  return join(dirname(rulesPath), `.${tool}.journal`)
}

/** The last run in a journal, as far as it got. */
export interface RunState {
  tool: string
  fingerprint: string
  at: string
  ended: boolean
  steps: Step[]
  scenes: string[]
  done: Set<string>
  /** Started and never finished: WeChat may or may not have made the change (the process died meanwhile). */
  uncertain: Set<string>
}

/**
 * An append-only JSON-lines journal, one per tool and rule file. Every `done`/`created` line is fsync'd before the
 * next call, so a killed run resumes without repeating a change or losing a code. A lock file keeps two runs apart.
 */
export class Journal {
  private fd: number
  readonly records: JournalRecord[]

  private constructor(
    readonly path: string,
    records: JournalRecord[]
  ) {
    this.records = records
    this.fd = openSync(path, 'a')
  }

  /** Opens (or creates) the journal and takes its lock. Throws with a clear message if another run holds it. */
  static open(path: string): Journal {
    lock(path)
    try {
      return new Journal(path, existsSync(path) ? parse(path, readFileSync(path, 'utf8')) : [])
    } catch (e) {
      unlock(path)
      throw e
    }
  }

  /**
   * Reads a journal another tool owns, without taking its lock: its records, and whether a live run holds it.
   * Used to keep `rules sync --prune` away from codes `tickets create` has made but not saved yet.
   */
  static peek(path: string): { records: JournalRecord[]; busy: boolean } {
    const records = existsSync(path) ? parse(path, readFileSync(path, 'utf8')) : []
    let busy = false
    try {
      const pid = Number(readFileSync(lockPath(path), 'utf8'))
      busy = Number.isSafeInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)
    } catch {
      // No lock: nobody runs.
    }
    return { records, busy }
  }

  /** The last run, or null when the journal is empty. */
  lastRun(): RunState | null {
    let start = -1
    for (let i = this.records.length - 1; i >= 0; i--) {
      if (this.records[i].t === 'run') {
        start = i
        break
      }
    }
    if (start < 0) return null
    const head = this.records[start] as Extract<JournalRecord, { t: 'run' }>
    const state: RunState = {
      tool: head.tool,
      fingerprint: head.fingerprint,
      at: head.at,
      ended: false,
      steps: [],
      scenes: head.scenes ?? [],
      done: new Set(),
      uncertain: new Set(),
    }
    for (const r of this.records.slice(start + 1)) {
      if (r.t === 'plan') state.steps = r.steps
      else if (r.t === 'intent') state.uncertain.add(r.key)
      else if (r.t === 'done') {
        state.done.add(r.key)
        state.uncertain.delete(r.key)
      } else if (r.t === 'failed') state.uncertain.delete(r.key)
      else if (r.t === 'end') state.ended = true
    }
    return state
  }

  /** Every code created in any run this journal remembers. */
  created(): Array<Extract<JournalRecord, { t: 'created' }>> {
    return this.records.filter((r): r is Extract<JournalRecord, { t: 'created' }> => r.t === 'created')
  }

  /**
   * Appends records. `durable` (the default) fsyncs before returning: use it for anything that must survive a
   * crash (`done`, `created`). An `intent` may skip it: losing one only costs a verification on resume.
   */
  append(records: JournalRecord | JournalRecord[], durable = true): void {
    const list = Array.isArray(records) ? records : [records]
    const text = list.map((r) => `${redact(JSON.stringify(r))}\n`).join('')
    writeSync(this.fd, text)
    if (durable) fsyncSync(this.fd)
    this.records.push(...list)
  }

  /** Starts a fresh file (the previous runs are finished and nothing in them is still needed). */
  reset(): void {
    closeSync(this.fd)
    writeFileAtomic(this.path, '')
    this.records.length = 0
    this.fd = openSync(this.path, 'a')
  }

  /** Closes the file and releases the lock; safe to call twice (a signal may arrive while finishing). */
  close(): void {
    if (this.fd < 0) return
    closeSync(this.fd)
    this.fd = -1
    unlock(this.path)
  }
}

function parse(path: string, text: string): JournalRecord[] {
  const lines = text.split('\n')
  const out: JournalRecord[] = []
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    try {
      out.push(JSON.parse(line) as JournalRecord)
    } catch {
      // Only the last line can be torn (the process died mid-write); anywhere else the journal was edited.
      if (i < lines.length - 2 || (i === lines.length - 2 && lines[lines.length - 1] !== '')) {
        throw new Error(
          `${path}:${i + 1}: not a journal line. Do not edit the journal; restore it or delete it.`
        )
      }
    }
  })
  return out
}

function lockPath(path: string) {
  return `${path}.lock`
}

function lock(path: string): void {
  const file = lockPath(path)
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' })
      return
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      const pid = Number(readFileSync(file, 'utf8'))
      if (Number.isSafeInteger(pid) && pid > 0 && alive(pid)) {
        throw new StopError(`Another run (pid ${pid}) is using ${path}. Wait for it, or stop it first.`)
      }
      // The holder died (killed): its lock is stale.
      unlinkSync(file)
    }
  }
  throw new Error(`Cannot lock ${path}.`)
}

function unlock(path: string): void {
  try {
    unlinkSync(lockPath(path))
  } catch {
    // Already gone.
  }
}

function alive(pid: number): boolean {
  // On Linux a killed holder may linger as a zombie until reaped: it answers kill(0) but holds nothing.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3)
    return state !== 'Z' && state !== 'X'
  } catch {
    // No /proc (not Linux), or no such process.
  }
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}
