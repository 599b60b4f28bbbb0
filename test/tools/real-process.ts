// Real processes for the tests that need one: a command as users start it (the smoke tests), `npm run api`, a
// kill midway, writers racing each other. Every other test runs commands in-process (run-tool.ts).
// Waits are on what a process prints or does, never on a clock: the test's own timeout bounds them, and a process
// that exits first fails the wait with its output. Whatever is still running after its test file is killed.
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

import { ROOT } from '../unit/fixtures'
import type { Env, ToolRun } from './run-tool'

const TSX = require.resolve('tsx/cli')

/**
 * The Jest timeout of a test that starts real processes. tsx compiles on start-up: ~1 s on an idle machine, many
 * seconds on two cores other test files keep busy. Generous on purpose: no test here measures speed.
 */
export const PROCESS_TIMEOUT = 120_000

/** How a process ended: its exit code (null when a signal ended it), that signal, and all it printed. */
export interface ProcessRun extends ToolRun {
  signal: NodeJS.Signals | null
}

/** `npx tsx ARGS…` (a file and its arguments, or `-e CODE`), through this node. */
export const tsx = (...args: string[]): string[] => [process.execPath, TSX, ...args]

/** `tsx tools/main.ts NAME ARGS…`: what `npm run NAME -- ARGS…` runs, without npm's start-up. */
export const tool = (name: string, args: readonly string[] = []): string[] =>
  tsx(join(ROOT, 'tools', 'main.ts'), name, ...args)

/** `tsx server/demo-api.ts`: what `npm run api` runs. */
export const API = tsx(join(ROOT, 'server', 'demo-api.ts'))

/** What the demo backend and the fake WeChat print once they listen. */
export const LISTENING = /listening on (http:\/\/127\.0\.0\.1:\d+)/

const running = new Set<RealProcess>()

/** This one's environment minus INIT_CWD (npm's) and WECHAT_*, plus `env`. */
function processEnv(env: Env): NodeJS.ProcessEnv {
  const out: Env = { npm_config_update_notifier: 'false' }
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('WECHAT_') && k !== 'INIT_CWD') out[k] = v
  }
  return { ...out, ...env } as NodeJS.ProcessEnv
}

/** A started process: what it printed so far, waits on it, signals to it. */
export class RealProcess {
  readonly child: ChildProcess
  /** Settles when the process has exited and its output is read to the end. */
  readonly exited: Promise<ProcessRun>
  private out = ''
  private err = ''
  private both = ''
  private closed = false
  private readonly changed = new Set<() => void>()

  constructor(
    private readonly argv: readonly string[],
    { env = {}, cwd = ROOT }: { env?: Env; cwd?: string } = {}
  ) {
    const [bin, ...args] = argv
    // Its own process group: kill() reaches the script process tsx (or npm) starts too.
    this.child = spawn(bin, args, { cwd, env: processEnv(env), detached: true })
    this.child.stdout?.setEncoding('utf8').on('data', (d: string) => this.print('out', d))
    this.child.stderr?.setEncoding('utf8').on('data', (d: string) => this.print('err', d))
    running.add(this)
    this.exited = new Promise<ProcessRun>((resolve, reject) => {
      const over = () => {
        this.closed = true
        running.delete(this)
        this.notify()
      }
      // It could not be started (no such program): nothing to wait for.
      this.child.on('error', (error) => {
        reject(error)
        over()
      })
      this.child.on('close', (status, signal) => {
        resolve({ status, signal, stdout: this.out, stderr: this.err })
        over()
      })
    })
    // A failed wait or a failed test may leave it unawaited: its rejection is the test's, not an unhandled one.
    this.exited.catch(() => undefined)
  }

  get pid(): number {
    return this.child.pid!
  }

  /** stdout and stderr so far, interleaved as they arrived. */
  output(): string {
    return this.both
  }

  /**
   * Resolves once `check` holds: checked on every chunk of output and every 20 ms (for what the process does to
   * files). Rejects, with the output, when the process exits before it holds.
   */
  until(what: string, check: () => boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      const settle = (error?: Error) => {
        this.changed.delete(test)
        clearInterval(poll)
        if (error) reject(error)
        else resolve()
      }
      const test = () => {
        let held: boolean
        try {
          held = check()
        } catch (error) {
          return settle(error as Error)
        }
        if (held) settle()
        else if (this.closed) settle(new Error(`${this.argv.join(' ')} exited before ${what}:\n${this.both}`))
      }
      const poll = setInterval(test, 20)
      this.changed.add(test)
      test()
    })
  }

  /** Resolves with the first match of `pattern` in the output (see until). */
  async match(pattern: RegExp): Promise<RegExpExecArray> {
    let found: RegExpExecArray | null = null
    await this.until(`printing ${pattern}`, () => (found = pattern.exec(this.both)) !== null)
    return found!
  }

  /** Sends `signal` to the process alone (tsx hands it on to the script; a whole group would get it twice). */
  signal(signal: NodeJS.Signals): Promise<ProcessRun> {
    this.child.kill(signal)
    return this.exited
  }

  /** SIGKILLs the process and everything it started, and resolves once it has exited. */
  kill(): Promise<ProcessRun> {
    if (!this.closed) {
      try {
        process.kill(-this.pid, 'SIGKILL')
      } catch {
        // Already gone.
      }
    }
    return this.exited
  }

  private print(stream: 'out' | 'err', text: string): void {
    if (stream === 'out') this.out += text
    else this.err += text
    this.both += text
    this.notify()
  }

  private notify(): void {
    for (const test of [...this.changed]) test()
  }
}

/** Starts `argv` (as given: `npm …`, or a tsx/tool/API argv from here); relative paths resolve from `cwd`. */
export function start(argv: readonly string[], options: { env?: Env; cwd?: string } = {}): RealProcess {
  return new RealProcess(argv, options)
}

/** Runs `argv` to its exit. */
export function run(argv: readonly string[], options: { env?: Env; cwd?: string } = {}): Promise<ProcessRun> {
  return start(argv, options).exited
}

/** The demo backend as `npm run api` starts it, once it listens; API_PORT is 0 (a free port) unless `env` says. */
export interface ApiProcess extends RealProcess {
  url: string
}

/** Starts `npm run api` (tsx server/demo-api.ts) with `env` and resolves once it listens, with its URL. */
export async function startApi(env: Env = {}): Promise<ApiProcess> {
  const api = start(API, { env: { API_PORT: '0', ...env } })
  const [, url] = await api.match(LISTENING)
  return Object.assign(api, { url })
}

/** Runs `npm run api` with `env` to its exit (for start-up failures); API_PORT is 0 unless `env` says. */
export function runApi(env: Env): Promise<ProcessRun> {
  return run(API, { env: { API_PORT: '0', ...env } })
}

// Teardown: no test file leaves a process behind, whether its test passed, failed or timed out.
if (typeof afterAll === 'function') {
  afterAll(async () => {
    await Promise.all([...running].map((p) => p.kill()))
  })
}
