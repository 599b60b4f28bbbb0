// Runs the tools' commands for the tests: in-process through the shell (fast, the default), or as the real process
// users start (the smoke tests, and what needs a process: a kill, concurrent runs).
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

import { captureIo } from '../../tools/shell/io'
import { runCommand } from '../../tools/shell/run'
import { ROOT } from '../unit/fixtures'

const TSX = require.resolve('tsx/cli')

/**
 * How long a real process may take. tsx compiles the tools on start-up: ~1 s on an idle machine, many seconds on two
 * cores other test files keep busy. Generous on purpose: no test here measures speed.
 */
export const PROCESS_TIMEOUT = 120_000

/** What a run printed and how it exited (null: killed). */
export interface ToolRun {
  status: number | null
  stdout: string
  stderr: string
}

/** An environment for a command: only what the test gives, never the developer's WECHAT_* variables. */
export type Env = Record<string, string | undefined>

/**
 * Runs `npm run <name> -- args` in this process, through the same shell, parser, Io and exit codes as the real
 * process. `env` is all the command sees; relative paths resolve from `cwd` (default: the project root).
 */
export async function runInProcess(
  name: string,
  args: readonly string[],
  options: { env?: Env; cwd?: string } = {}
): Promise<ToolRun> {
  const io = captureIo({ env: options.env, cwd: options.cwd ?? ROOT })
  const status = await runCommand(name, args, io)
  return { status, stdout: io.stdout, stderr: io.stderr }
}

/** The environment of a real process: this one's, minus INIT_CWD (npm's) and WECHAT_*, plus `env`. */
function processEnv(env: Env): NodeJS.ProcessEnv {
  const out: Env = { npm_config_update_notifier: 'false' }
  for (const [k, v] of Object.entries(process.env)) {
    if (!k.startsWith('WECHAT_') && k !== 'INIT_CWD') out[k] = v
  }
  return { ...out, ...env } as NodeJS.ProcessEnv
}

/**
 * Starts `tsx tools/main.ts <name> …` (or another entry file of tools/ with `entry`) as its own process group, so
 * `kill` reaches the script process tsx starts too.
 */
export function spawnCommand(name: string, args: readonly string[], env: Env = {}): ChildProcess {
  return spawn(process.execPath, [TSX, join(ROOT, 'tools', 'main.ts'), name, ...args], {
    cwd: ROOT,
    env: processEnv(env),
    detached: true,
  })
}

/** Starts a documented command line as users type it: `npm run --silent <script> -- …` or `npx tsx tools/….ts …`. */
export function spawnDocumented(argv: readonly string[], env: Env = {}): ChildProcess {
  const [bin, ...rest] = argv
  return spawn(bin, rest, { cwd: ROOT, env: processEnv(env), detached: true })
}

/** Collects a process's output until it exits; kills it (and its group) after `timeoutMs`. */
export function collect(child: ChildProcess, timeoutMs = PROCESS_TIMEOUT): Promise<ToolRun> {
  return new Promise((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => kill(child), timeoutMs)
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (status) => {
      clearTimeout(timer)
      resolve({ status, stdout, stderr })
    })
  })
}

/** Sends `signal` to a spawned command and the script process tsx started for it (its process group, by id). */
export function kill(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, signal)
    } catch {
      // Already gone.
    }
  }
}
