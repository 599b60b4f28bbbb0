import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'

import { redact } from '@scan-to-order/wechat-api'

import { writeFileAtomic } from '../lib/atomic-file'
import { StopError } from '../lib/errors'
import { acquireLock, lockHolder, type HeldLock } from '../lib/file-lock'

/** A journal's lines: JSON objects told apart by `t`. */
export interface JournalLine {
  t: string
}

/** A tool's journal beside its rule file: `.rules-sync.journal`, `.tickets-create.journal` (both gitignored). */
export function journalBeside(rulesPath: string, tool: 'rules-sync' | 'tickets-create'): string {
  return join(dirname(rulesPath), `.${tool}.journal`)
}

/**
 * An append-only JSON-lines journal of records `R`. Every durable line is fsync'd before `append` returns, so a killed
 * run resumes without repeating a change or losing a code. Its lock (`<journal>.lock`) keeps two runs apart. The
 * file is created by the first line written: a run that stops before it has anything to remember leaves none.
 */
export class Journal<R extends JournalLine> {
  /** The open file, or -1 before the first line (and after close). */
  private fd = -1
  private closed = false
  readonly records: R[]

  private constructor(
    readonly path: string,
    private readonly lock: HeldLock,
    records: R[]
  ) {
    this.records = records
  }

  /** Opens (or creates) the journal and takes its lock. Throws LockBusyError if a live run holds it. */
  static open<R extends JournalLine>(path: string): Journal<R> {
    const lock = acquireLock(lockPath(path), path)
    try {
      return new Journal<R>(path, lock, existsSync(path) ? parse<R>(path, readFileSync(path, 'utf8')) : [])
    } catch (e) {
      lock.release()
      throw e
    }
  }

  /**
   * Reads a journal another tool owns, without taking its lock: its records, and whether a live run holds it.
   * Used to keep `rules:sync apply --prune` away from codes `tickets:create` has made but not saved yet.
   */
  static peek<R extends JournalLine>(path: string): { records: R[]; busy: boolean } {
    const records = existsSync(path) ? parse<R>(path, readFileSync(path, 'utf8')) : []
    return { records, busy: lockHolder(lockPath(path)) !== null }
  }

  /**
   * Appends records. `durable` (the default) fsyncs before returning: use it for anything that must survive a
   * crash. A line that may be lost (an `intent`) may skip it: losing one only costs a verification on resume.
   */
  append(records: R | R[], durable = true): void {
    const list = Array.isArray(records) ? records : [records]
    if (list.length === 0) return
    if (this.closed) throw new Error(`${this.path} is closed`)
    if (this.fd < 0) this.fd = openSync(this.path, 'a')
    writeSync(this.fd, asLines(list))
    if (durable) fsyncSync(this.fd)
    this.records.push(...list)
  }

  /**
   * Starts a fresh file (the previous runs are finished), keeping only `keep`: records that must outlive their run
   * (codes that may be wasted still count against the account's budget).
   */
  reset(keep: R[] = []): void {
    if (this.fd >= 0) closeSync(this.fd)
    this.fd = -1
    writeFileAtomic(this.path, asLines(keep))
    this.records.length = 0
    this.records.push(...keep)
  }

  /** Closes the file and releases the lock; safe to call twice (a signal may arrive while finishing). */
  close(): void {
    if (this.closed) return
    this.closed = true
    if (this.fd >= 0) closeSync(this.fd)
    this.fd = -1
    this.lock.release()
  }
}

/** Records as journal lines, each redacted: no token or secret reaches the file. */
function asLines(records: readonly JournalLine[]): string {
  return records.map((r) => `${redact(JSON.stringify(r))}\n`).join('')
}

function parse<R>(path: string, text: string): R[] {
  const lines = text.split('\n')
  const out: R[] = []
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    const record = parseLine(line)
    if (record) {
      out.push(record as R)
      return
    }
    // Only the last line can be torn (the process died mid-write); anywhere else the journal was edited.
    if (i < lines.length - 2 || (i === lines.length - 2 && lines[lines.length - 1] !== '')) {
      // A stop, not a crash: the person needs the file and line, not a stack trace.
      throw new StopError(
        `${path}:${i + 1}: not a journal line, so this run cannot tell what an earlier run did. ` +
          'Restore it as the tool wrote it, or move it aside to start afresh (a code it recorded but no rule file holds yet is then lost).'
      )
    }
  })
  return out
}

/** A line as the tool writes it (a JSON object with its kind in `t`), or null. */
function parseLine(line: string): JournalLine | null {
  try {
    const value: unknown = JSON.parse(line)
    return typeof value === 'object' && value !== null && typeof (value as JournalLine).t === 'string'
      ? (value as JournalLine)
      : null
  } catch {
    return null
  }
}

function lockPath(path: string): string {
  return `${path}.lock`
}
