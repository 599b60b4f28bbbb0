// Shared by the WeChat tools' tests: a fake WeChat per test, the environment that points the commands at it (they
// run in-process through run-tool.ts, or as real processes through real-process.ts), temp rule files. Only
// 127.0.0.1; every server and temp dir is closed or removed after its test.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { FAKE_CREDENTIALS, FakeWechat, type FakeOptions } from '@scan-to-order/wechat-api/fake'

import type { RuleTableFile } from '../../../src/landing'
import type { Env } from '../run-tool'

export const ROOT = join(__dirname, '..', '..', '..')

/** Fast rates both sides agree on (WeChat's 5/s would make a 1 000-code batch take minutes). */
export const FAST = { perSecond: 2000, perMinute: 1_000_000 }
export const FAST_RATE = '2000/s,1000000/min'

/** Starts a fake WeChat (fast rates unless given). */
export async function startFake(options: FakeOptions = {}): Promise<FakeWechat> {
  const fake = new FakeWechat({ rate: FAST, ...options })
  await fake.start()
  return fake
}

/** The environment a command gets: the fake's address and credentials, fast rates and retries. */
export function cliEnv(fake: FakeWechat, extra: Env = {}): Env {
  return {
    WECHAT_API_BASE: fake.url,
    WECHAT_APPID: FAKE_CREDENTIALS.appid,
    WECHAT_SECRET: FAKE_CREDENTIALS.secret,
    WECHAT_RATE: FAST_RATE,
    WECHAT_RETRY_BASE_MS: '5',
    ...extra,
  }
}

/** A fake WeChat and a temp copy of the rule file, fresh for each test of the file that calls this. */
export function freshFakeAndRules(): { fake: FakeWechat; tmp: TempRules } {
  const ctx = {} as { fake: FakeWechat; tmp: TempRules }
  beforeEach(async () => {
    ctx.fake = await startFake()
    ctx.tmp = tempRules()
  })
  afterEach(async () => {
    await ctx.fake.close()
    ctx.tmp.cleanup()
  })
  return ctx
}

export type TempRules = ReturnType<typeof tempRules>

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
