// The one output object of the tools: stdout and stderr with redaction built in, the environment, the paths a user
// typed, and Ctrl-C. Commands and the domain code they call take an `Io`, never `process`, so the tests run them
// in-process (captureIo) exactly as the real process does (processIo).
import { isAbsolute, relative, resolve } from 'node:path'

import { redact } from '@scan-to-order/wechat-api'

export interface Io {
  /** Prints `text` and a newline on stdout, redacted. */
  out(text: string): void
  /** Prints `text` and a newline on stderr, redacted. */
  err(text: string): void
  /** stderr for a progress line that redraws itself: no newline added (still redacted). */
  readonly progress: { write(text: string): void; readonly isTTY: boolean }
  /** The environment the command reads (credentials, WECHAT_API_BASE, …). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** A path the user typed (`--rules`, `--out`…), resolved from where they typed the command. */
  path(arg: string): string
  /** A path as messages show it: relative to the working directory when under it (short, clickable), else absolute. */
  shown(path: string): string
  /**
   * Runs `cleanup` (save what is pending, release a lock) if the user interrupts (Ctrl-C, SIGTERM); the command then
   * ends with 130 or 143. Returns a function that unregisters it.
   */
  onInterrupt(cleanup: () => void): () => void
  /** For the shell: settles with 130/143 once an interrupt has run every cleanup. */
  readonly interrupted: Promise<number>
}

/** Registered cleanups and the promise the shell races the command against. */
class Interrupts {
  private readonly cleanups = new Set<() => void>()
  private fire: (code: number) => void = () => undefined
  readonly happened = new Promise<number>((settle) => (this.fire = settle))

  add(cleanup: () => void): () => void {
    this.cleanups.add(cleanup)
    return () => this.cleanups.delete(cleanup)
  }

  trigger(code: number, say: (text: string) => void): void {
    // Newest first, like a stack of finally blocks; one failing cleanup must not skip the others.
    for (const cleanup of [...this.cleanups].reverse()) {
      try {
        cleanup()
      } catch (e) {
        say(`While stopping: ${(e as Error).message}`)
      }
    }
    this.cleanups.clear()
    this.fire(code)
  }
}

/** `arg` resolved from `from`. */
function resolver(from: string) {
  return (arg: string) => (isAbsolute(arg) ? arg : resolve(from, arg))
}

/** `path` relative to `from` when under it, else as is. */
function shower(from: string) {
  return (path: string) => {
    const rel = relative(from, path)
    return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel
  }
}

/**
 * The real process's Io. `npm run` starts scripts in the project root; INIT_CWD is where the user typed the command,
 * so `npm run scan -- --rules my.json` from a sub-folder finds that folder's file.
 */
export function processIo(): Io {
  const interrupts = new Interrupts()
  const err = (text: string) => void process.stderr.write(`${redact(text)}\n`)
  let listening = false
  return {
    out: (text) => void process.stdout.write(`${redact(text)}\n`),
    err,
    progress: {
      write: (text) => void process.stderr.write(redact(text)),
      isTTY: Boolean(process.stderr.isTTY),
    },
    env: process.env,
    path: resolver(process.env.INIT_CWD ?? process.cwd()),
    shown: shower(process.cwd()),
    onInterrupt: (cleanup) => {
      // Only a command with something to clean up catches the signals; any other dies of them at once, as usual.
      if (!listening) {
        listening = true
        process.once('SIGINT', () => interrupts.trigger(130, err))
        process.once('SIGTERM', () => interrupts.trigger(143, err))
      }
      return interrupts.add(cleanup)
    },
    interrupted: interrupts.happened,
  }
}

/** An Io that keeps what was printed, for running commands in-process (tests). */
export interface CapturedIo extends Io {
  readonly stdout: string
  readonly stderr: string
  /** Acts as Ctrl-C (130) or SIGTERM (143) would. */
  interrupt(code?: 130 | 143): void
}

/** A captured Io: `env` only what is given (never the developer's WECHAT_* variables), paths from `cwd`. */
export function captureIo(
  options: { env?: Record<string, string | undefined>; cwd?: string } = {}
): CapturedIo {
  const interrupts = new Interrupts()
  let stdout = ''
  let stderr = ''
  const err = (text: string) => void (stderr += `${redact(text)}\n`)
  const cwd = options.cwd ?? process.cwd()
  return {
    get stdout() {
      return stdout
    },
    get stderr() {
      return stderr
    },
    out: (text) => void (stdout += `${redact(text)}\n`),
    err,
    progress: { write: (text) => void (stderr += redact(text)), isTTY: false },
    env: { ...options.env },
    path: resolver(cwd),
    shown: shower(cwd),
    onInterrupt: (cleanup) => interrupts.add(cleanup),
    interrupted: interrupts.happened,
    interrupt: (code = 130) => interrupts.trigger(code, err),
  }
}
