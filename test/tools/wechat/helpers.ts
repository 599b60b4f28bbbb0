// Shared by the WeChat tools' tests: a fake WeChat per test, the CLIs run as real processes against it, temp rule
// files. Only 127.0.0.1; every server and temp dir is closed or removed after its test.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { RuleTableFile } from '../../../src/landing'
import { FAKE_CREDENTIALS, FakeWechat, type FakeOptions } from '../../fake-wechat/server'

export const ROOT = join(__dirname, '..', '..', '..')
const TSX = require.resolve('tsx/cli')

/** Fast rates both sides agree on (WeChat's 5/s would make a 1 000-code batch take minutes). */
export const FAST = { perSecond: 2000, perMinute: 1_000_000 }
export const FAST_RATE = '2000/s,1000000/min'

/** A child's environment (plain strings; the app's ProcessEnv type requires Taro's keys). */
export type Env = Record<string, string | undefined>

export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Starts a fake WeChat (fast rates unless given) and stops it after the current test file. */
export async function startFake(options: FakeOptions = {}): Promise<FakeWechat> {
  const fake = new FakeWechat({ rate: FAST, ...options })
  await fake.start()
  return fake
}

/** The environment a CLI gets: only what the test gives (no WECHAT_* from the developer's shell). */
export function cliEnv(fake: FakeWechat, extra: Record<string, string> = {}): Env {
  const env: Env = {}
  for (const [k, v] of Object.entries(process.env))
    if (!k.startsWith('WECHAT_') && k !== 'INIT_CWD') env[k] = v
  return {
    ...env,
    WECHAT_API_BASE: fake.url,
    WECHAT_APPID: FAKE_CREDENTIALS.appid,
    WECHAT_SECRET: FAKE_CREDENTIALS.secret,
    WECHAT_RATE: FAST_RATE,
    WECHAT_RETRY_BASE_MS: '5',
    ...extra,
  }
}

/**
 * Starts a tool (`rules-sync`, `tickets-create`, `follow-account`) as a real process, in its own process group:
 * tsx runs the script in a child process, so a kill must reach the whole group (see `kill`).
 */
export function spawnTool(tool: string, args: string[], env: Env): ChildProcess {
  return spawn(process.execPath, [TSX, join(ROOT, 'tools', `${tool}.ts`), ...args], {
    cwd: ROOT,
    env: env as NodeJS.ProcessEnv,
    detached: true,
  })
}

/** SIGKILLs a spawned tool and the script process tsx started for it (its process group, by id). */
export function kill(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null) {
    try {
      process.kill(-child.pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
}

/** Runs a tool to completion (bounded by `timeoutMs`). */
export function runTool(tool: string, args: string[], env: Env, timeoutMs = 30_000): Promise<Run> {
  const child = spawnTool(tool, args, env)
  return collect(child, timeoutMs)
}

export function collect(child: ChildProcess, timeoutMs = 30_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    let stdout = ''
    let stderr = ''
    const timer = setTimeout(() => kill(child), timeoutMs)
    child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

/** Polls `check` every 20 ms until it holds (at most `timeoutMs`). */
export async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out waiting')
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** A temp dir with a copy of the project's rules.json (or `file`); removed by `cleanup`. */
export function tempRules(file?: RuleTableFile): { dir: string; rules: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'wechat-tools-'))
  const rules = join(dir, 'rules.json')
  if (file) writeFileSync(rules, `${JSON.stringify(file, null, 2)}\n`)
  else writeFileSync(rules, readFileSync(join(ROOT, 'rules.json')))
  return { dir, rules, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export function readJson<T = RuleTableFile>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T
}

/** Journal lines of a given type. */
export function journalLines(path: string, type: string): Array<Record<string, unknown>> {
  let text = ''
  try {
    text = readFileSync(path, 'utf8')
  } catch {
    return []
  }
  return text
    .split('\n')
    .filter((l) => l.startsWith(`{"t":"${type}"`))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
}

/** The project's rule file with `n` synthetic ticket urls (store=1&table=i). */
export function rulesWithTickets(n: number): RuleTableFile {
  const base = readJson(join(ROOT, 'rules.json'))
  const tickets = Array.from({ length: n }, (_, i) => ({
    url: `http://weixin.qq.com/q/02test${String(i).padStart(6, '0')}`,
    scene: `store=1&table=${i + 1}`,
  }))
  return { ...base, serviceAccount: { ...base.serviceAccount!, tickets } }
}

export { FAKE_CREDENTIALS }
