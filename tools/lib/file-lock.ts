// A lock file that keeps two runs apart (a tool's journal, the rule file's writers) and survives a killed holder.
//
// - A lock appears whole: its record is written to a temporary file first and linked into place (link fails if a lock
//   exists), so no reader ever sees an empty or half-written lock from this code.
// - A lock names its holder by pid, host, the process's start time and a random token: a dead holder is told from a
//   live one even after its pid is reused by an unrelated process.
// - A stale lock (its holder gone) is taken over by exactly one contender: the takeover of lock content X runs under
//   a guard lock `<lock>.stale-<X>` (itself such a lock), re-checks that the lock still holds X, and renames the new
//   record over it. A contender that read X too late finds another lock there and backs off.
// Everything is synchronous: a critical section never spans an await, so runs in one process cannot interleave in it.
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs'
import { hostname } from 'node:os'

import { StopError } from './errors'

/** Who holds a lock. */
export interface LockOwner {
  pid: number
  host: string
  /** The holder's start (boot id and start time since boot, from /proc), or null where that cannot be read. */
  start: string | null
  /** Unique per acquisition. */
  token: string
  /** When it was taken (ISO). */
  at: string
}

/** A lock this process holds. */
export interface HeldLock {
  readonly path: string
  readonly owner: LockOwner
  /** Removes the lock if it is still this one; safe to call twice. */
  release(): void
}

/** A live run holds the lock (or is writing it). */
export class LockBusyError extends StopError {
  constructor(
    readonly path: string,
    readonly owner: LockOwner | null,
    what: string
  ) {
    super(
      owner === null
        ? `${what} is locked by a run that is starting (${path}). Wait for it, or stop it first.`
        : `Another run (pid ${owner.pid}${owner.host === hostname() ? '' : ` on ${owner.host}`}, since ${owner.at}) ` +
            `is using ${what}. Wait for it, or stop it first` +
            (owner.host === hostname() ? '.' : `; if no run is going on ${owner.host}, delete ${path}.`)
    )
    this.name = 'LockBusyError'
  }
}

/** A lock without a readable record younger than this is taken to be still being written (older ones are dead). */
const WRITING_GRACE_MS = 10_000

/**
 * Takes the lock at `path` for this process, or throws LockBusyError naming the live holder. `what` says what the
 * lock guards, for the message (e.g. the journal's path).
 */
export function acquireLock(path: string, what: string = path): HeldLock {
  const result = tryAcquire(path)
  if ('busy' in result) throw new LockBusyError(path, result.busy, what)
  return result
}

/**
 * Runs `critical` under the lock at `path`, waiting up to `waitMs` for another holder to finish (for short critical
 * sections, such as one write of the rule file). Throws LockBusyError if the lock stays held.
 */
export function withLock<T>(path: string, what: string, critical: () => T, waitMs = 60_000): T {
  const until = Date.now() + waitMs
  for (let pause = 2; ; pause = Math.min(pause * 2, 100)) {
    const result = tryAcquire(path)
    if (!('busy' in result)) {
      try {
        return critical()
      } finally {
        result.release()
      }
    }
    if (Date.now() >= until) throw new LockBusyError(path, result.busy, what)
    sleepSync(pause)
  }
}

/** The live holder of `path`, or null when it is free or stale (without taking it). */
export function lockHolder(path: string): LockOwner | null {
  const seen = readLock(path)
  if (seen === null) return null
  return isLive(seen) ? seen.owner : null
}

function tryAcquire(path: string, depth = 0): HeldLock | { busy: LockOwner | null } {
  const owner = newOwner()
  const tmp = `${path}.${owner.token}.tmp`
  writeDurably(tmp, `${JSON.stringify(owner)}\n`)
  try {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        linkSync(tmp, path)
        return held(path, owner)
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e
      }
      const seen = readLock(path)
      if (seen === null) continue // released meanwhile: try again
      if (isLive(seen)) return { busy: seen.owner }
      // Stale. Only the holder of the guard for exactly this content may replace it.
      if (depth > 8) return { busy: seen.owner } // guards of guards all left by dead runs: give up, say who
      const guard = tryAcquire(`${path}.stale-${seen.id}`, depth + 1)
      if ('busy' in guard) {
        sleepSync(1 + attempt) // another contender is taking it over: look again when it is done
        continue
      }
      try {
        if (readLock(path)?.id === seen.id) {
          renameSync(tmp, path)
          return held(path, owner)
        }
      } finally {
        guard.release()
      }
    }
    // Out of attempts: a live run holds it, or another contender is still taking a stale one over (a run that is
    // starting): never name the dead run as the holder.
    const last = readLock(path)
    return { busy: last !== null && isLive(last) ? last.owner : null }
  } finally {
    try {
      unlinkSync(tmp)
    } catch {
      // Renamed into place, or already gone.
    }
  }
}

function held(path: string, owner: LockOwner): HeldLock {
  let released = false
  return {
    path,
    owner,
    release() {
      if (released) return
      released = true
      // Never remove a lock that is not ours any more (taken over because this process was judged dead).
      if (readLock(path)?.owner?.token === owner.token) {
        try {
          unlinkSync(path)
        } catch {
          // Already gone.
        }
      }
    },
  }
}

interface SeenLock {
  /** Identifies this lock file's content: its token, or (an old or unreadable lock) its inode and write time. */
  id: string
  /** Null when the content is not a lock record (empty: maybe still being written by an older tool). */
  owner: LockOwner | null
  ageMs: number
}

function readLock(path: string): SeenLock | null {
  let text: string
  let stat
  try {
    stat = statSync(path, { bigint: true })
    text = readFileSync(path, 'utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw e
  }
  const ageMs = Date.now() - Number(stat.mtimeMs)
  const fileId = `${stat.ino}-${stat.mtimeNs}-${stat.size}`
  const owner = parseOwner(text)
  return { id: owner?.token || `file-${fileId}`, owner, ageMs }
}

function parseOwner(text: string): LockOwner | null {
  // Earlier versions of the tools wrote the bare pid.
  if (/^\s*[1-9][0-9]*\s*$/.test(text)) {
    return { pid: Number(text), host: hostname(), start: null, token: '', at: 'an earlier version' }
  }
  try {
    const o = JSON.parse(text) as Partial<LockOwner>
    if (Number.isSafeInteger(o.pid) && typeof o.host === 'string' && typeof o.token === 'string') {
      return {
        pid: o.pid as number,
        host: o.host,
        start: typeof o.start === 'string' ? o.start : null,
        token: o.token,
        at: String(o.at ?? ''),
      }
    }
  } catch {
    // Not a record.
  }
  return null
}

function isLive(seen: SeenLock): boolean {
  if (seen.owner === null) return seen.ageMs < WRITING_GRACE_MS
  const { pid, host, start } = seen.owner
  if (host !== hostname()) return true // another machine's process cannot be checked from here
  const running = processStart(pid)
  if (running === undefined) return pidExists(pid) // no /proc: the pid is all there is
  if (running === null) return false
  return start === null || start === running
}

function newOwner(): LockOwner {
  return {
    pid: process.pid,
    host: hostname(),
    start: processStart(process.pid) ?? null,
    token: randomBytes(12).toString('hex'),
    at: new Date().toISOString(),
  }
}

let bootId: string | undefined

/**
 * A process's start, `<boot id>:<start time in clock ticks>` from /proc: null when no such process runs (or it is a
 * zombie: killed, not yet reaped, holding nothing); undefined where /proc cannot be read (not Linux).
 */
function processStart(pid: number): string | null | undefined {
  try {
    bootId ??= readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim()
  } catch {
    return undefined
  }
  let stat: string
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  } catch {
    return null
  }
  // Fields after the command name (which may hold spaces and parentheses): state is field 3, starttime field 22.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  if (fields[0] === 'Z' || fields[0] === 'X') return null
  return `${bootId}:${fields[19]}`
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

function writeDurably(path: string, text: string): void {
  const fd = openSync(path, 'wx')
  try {
    writeSync(fd, text)
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}

const pauses = new Int32Array(new SharedArrayBuffer(4))

/** Blocks this thread for `ms`: the lock's waits are synchronous so that no critical section spans an await. */
function sleepSync(ms: number): void {
  Atomics.wait(pauses, 0, 0, ms)
}
