// `rules sync` as users run it: real processes against the fake WeChat, on temp copies of the rule file.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import type { FakeWechat } from '../../fake-wechat/server'
import {
  FAKE_CREDENTIALS,
  cliEnv,
  collect,
  journalLines,
  kill,
  readJson,
  rulesWithTickets,
  runTool,
  spawnTool,
  startFake,
  tempRules,
  waitFor,
} from './helpers'

const SHOP = 'https://shop.example.com/s/'
const CHANGES = ['add', 'edit', 'publish', 'delete'].map((op) => `qrcodejump${op === 'edit' ? 'add' : op}`)

let fake: FakeWechat
let tmp: ReturnType<typeof tempRules>
beforeEach(async () => {
  fake = await startFake()
  tmp = tempRules()
})
afterEach(async () => {
  await fake.close()
  tmp.cleanup()
})

const sync = (args: string[], env = cliEnv(fake)) =>
  runTool('rules-sync', [...args, '--rules', tmp.rules], env)
const changeCalls = () => CHANGES.reduce((n, api) => n + (fake.snapshot().calls[api] ?? 0), 0)

describe('rules sync plan/apply', () => {
  it('plans, applies within WeChat rates, and a second apply is a no-op', async () => {
    fake.setRate({ perSecond: 5, perMinute: 200 }) // WeChat's real limits: the defaults must respect them
    const env = cliEnv(fake, { WECHAT_RATE: '' })
    const plan = await sync(['plan'], env)
    expect(plan.code).toBe(0)
    // WeChat counts calls per account, across processes: let plan's calls leave the 1-second window.
    await new Promise((r) => setTimeout(r, 1100))
    expect(plan.stdout).toContain('Plan: 6 calls — 3 add, 0 edit, 3 publish, 0 delete')
    expect(plan.stdout).toContain(`+ add     rule   ${SHOP}`)
    expect(changeCalls()).toBe(0)

    const apply = await sync(['apply'], env)
    expect(apply.code).toBe(0)
    expect(apply.stdout).toContain('Applied: 6 calls.')
    // Paced: 8 calls (2 reads, 6 changes) at 5/s cannot arrive within one second. (A busy machine may still
    // bunch arrivals into a 44990; the only retries allowed are those.)
    const arrivals = fake.snapshot().arrivals.map((a) => a.at)
    expect(arrivals.length).toBeGreaterThanOrEqual(10)
    expect(arrivals[arrivals.length - 1] - arrivals[arrivals.length - 8]).toBeGreaterThanOrEqual(900)
    for (const line of apply.stderr.split('\n').filter((l) => l.includes('retry')))
      expect(line).toContain('44990')
    const state = fake.snapshot()
    expect(state.rules).toEqual([
      expect.objectContaining({ prefix: SHOP, path: 'pages/index/index', state: 2 }),
    ])
    expect(state.ticketRules).toHaveLength(2)
    expect(state.ticketRules.every((r) => (r as { state: number }).state === 2)).toBe(true)

    // rules:check reads `state` to warn about unpublished specific rules: the file now says they are published.
    expect(apply.stdout).toContain('every rule is published (state 2)')
    const recorded = readFileSync(tmp.rules, 'utf8')
    expect((JSON.parse(recorded) as { rules: Array<{ state?: number }> }).rules.map((r) => r.state)).toEqual([
      2,
    ])

    const before = changeCalls()
    const again = await sync(['apply'], env)
    expect(again.code).toBe(0)
    expect(again.stdout).toContain('In sync: nothing to do')
    expect(changeCalls()).toBe(before)
    expect(readFileSync(tmp.rules, 'utf8')).toBe(recorded)
  }, 30_000)

  it('prints the plan as JSON', async () => {
    const r = await sync(['plan', '--json'])
    expect(r.code).toBe(0)
    const plan = JSON.parse(r.stdout) as { steps: Array<{ op: string; prefix: string }>; pubQuota: number }
    expect(plan.steps.map((s) => s.op)).toEqual(['add', 'add', 'add', 'publish', 'publish', 'publish'])
    expect(plan.pubQuota).toBe(100)
  })

  it('offers --replace-published for a published rule that changed, and replaces it when asked', async () => {
    expect((await sync(['apply'])).code).toBe(0)
    const file = readJson(tmp.rules)
    file.rules[0].open_version = 2
    writeFileSync(tmp.rules, JSON.stringify(file))

    const plan = await sync(['plan'])
    expect(plan.code).toBe(3)
    expect(plan.stdout).toContain('WeChat cannot edit a published rule (40097)')
    expect(plan.stdout).toContain('--replace-published')

    const apply = await sync(['apply', '--replace-published'])
    expect(apply.code).toBe(0)
    expect(fake.snapshot().rules).toEqual([
      expect.objectContaining({ prefix: SHOP, open_version: 2, state: 2 }),
    ])
    expect(fake.snapshot().applied[`delete ${SHOP}`]).toBe(1)
  })

  it('retries busy answers and finishes', async () => {
    fake.inject({ api: 'qrcodejumpadd', code: -1, times: 2 })
    fake.inject({ api: 'qrcodejumppublish', code: 886001 })
    fake.inject({ api: 'qrcodejumppublish', code: 44990 })
    const r = await sync(['apply'])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/WeChat error -1 .*retry 1/)
    expect(r.stderr).toMatch(/886001/)
    expect(fake.snapshot().ticketRules).toHaveLength(2)
  })

  it('refreshes an expired token once (appid + secret) and goes on', async () => {
    fake.inject({ api: 'qrcodejumppublish', code: 42001 })
    const r = await sync(['apply'])
    expect(r.code).toBe(0)
  })

  it('plans only the publishes this month allows, and says so', async () => {
    fake.world.pubQuota = 0
    const r = await sync(['apply'])
    expect(r.code).toBe(3)
    expect(r.stdout).toContain('Not enough publishes left this month (qrcodejump_pub_quota 0, 1 needed)')
    expect(fake.snapshot().rules).toEqual([expect.objectContaining({ prefix: SHOP, state: 1 })])
  })

  it('stops with a clear message when WeChat reports the monthly publish limit (886000)', async () => {
    fake.inject({ api: 'qrcodejumppublish', code: 886000 })
    const r = await sync(['apply'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('WeChat error 886000')
    expect(r.stderr).toContain('No publishes left this month')
    expect(r.stderr).toContain('run apply again to continue')
    expect(journalLines(join(tmp.dir, '.rules-sync.journal'), 'failed')).toHaveLength(1)
  })

  it.each([
    [85072, 'Another mini program owns this prefix'],
    [61007, 'permission set'],
    [85074, 'Publish a release of the mini program first'],
  ])('stops on %i and says what to do', async (code, hint) => {
    fake.inject({ code, after: 2 }) // after the two reads
    const r = await sync(['apply'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(`WeChat error ${code}`)
    expect(r.stderr).toContain(hint)
  })

  it('treats 85071 (already added) as done once WeChat shows the rule', async () => {
    const plan = await sync(['plan'])
    expect(plan.code).toBe(0)
    // Someone adds the same rule between plan and apply: apply's add answers 85071 and is verified, not failed.
    fake.world.ticketRules.set('http://weixin.qq.com/q/02demoStoreTicketS12T8', {
      prefix: 'http://weixin.qq.com/q/02demoStoreTicketS12T8',
      path: 'pages/index/index',
      state: 1,
    })
    const journal = join(tmp.dir, 'j.journal')
    const child = spawnTool('rules-sync', ['apply', '--rules', tmp.rules, '--journal', journal], cliEnv(fake))
    const r = await collect(child)
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Applied: \d+ calls/)
  })

  it('never prints, logs or stores the token or the secret', async () => {
    const token = FAKE_CREDENTIALS.token
    const runs = [
      await sync(['apply'], cliEnv(fake, { WECHAT_ACCESS_TOKEN: token })),
      await sync(['plan'], cliEnv(fake, { WECHAT_ACCESS_TOKEN: 'wrong-token-that-must-not-leak-123' })),
      await sync(['plan'], cliEnv(fake, { WECHAT_SECRET: 'wrong-secret-that-must-not-leak-4' })),
    ]
    expect(runs.map((r) => r.code)).toEqual([0, 1, 1])
    expect(runs[1].stderr).toContain('40001')
    expect(runs[2].stderr).toContain('40125')
    const issued = [...(fake as unknown as { tokens: Map<string, number> }).tokens.keys()]
    const secrets = [
      token,
      FAKE_CREDENTIALS.secret,
      'wrong-token-that-must-not-leak-123',
      'wrong-secret-that-must-not-leak-4',
      ...issued,
    ]
    const files = [tmp.rules, join(tmp.dir, '.rules-sync.journal')]
      .filter(existsSync)
      .map((f) => readFileSync(f, 'utf8'))
    for (const text of [...runs.flatMap((r) => [r.stdout, r.stderr]), ...files]) {
      for (const secret of secrets) expect(text).not.toContain(secret)
    }
  })
})

describe('rules sync apply --prune', () => {
  it('deletes links of codes the ticket table lacks', async () => {
    fake.world.ticketRules.set('http://weixin.qq.com/q/02retired', {
      prefix: 'http://weixin.qq.com/q/02retired',
      path: 'pages/index/index',
      state: 2,
    })
    const r = await sync(['apply', '--prune'])
    expect(r.code).toBe(0)
    expect(fake.world.ticketRules.has('http://weixin.qq.com/q/02retired')).toBe(false)
  })

  it('refuses while tickets create has codes it has not saved into the table', async () => {
    const unsaved = 'http://weixin.qq.com/q/02madeButNotSaved'
    fake.world.ticketRules.set(unsaved, { prefix: unsaved, path: 'pages/index/index', state: 2 })
    writeFileSync(
      join(tmp.dir, '.tickets-create.journal'),
      `${JSON.stringify({ t: 'created', scene: 'store=5&table=5', url: unsaved, ticket: 'gQx' })}\n`
    )
    const r = await sync(['apply', '--prune'])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('--prune would delete their links')
    expect(fake.world.ticketRules.has(unsaved)).toBe(true)
  })
})

describe('rules sync apply, killed midway', () => {
  it('resumes from the journal: every link added and published exactly once', async () => {
    const n = 300
    tmp.cleanup()
    tmp = tempRules(rulesWithTickets(n))
    const journal = join(tmp.dir, '.rules-sync.journal')
    fake.setDelay(8) // slow answers: the kill lands while a call is in flight
    const child = spawnTool('rules-sync', ['apply', '--rules', tmp.rules], cliEnv(fake))
    const first = collect(child)
    await waitFor(() => journalLines(journal, 'done').length >= 120)
    kill(child)
    expect((await first).code).toBeNull()
    const doneBefore = journalLines(journal, 'done').length
    expect(doneBefore).toBeLessThan(2 * n + 2)

    fake.setDelay(0)
    const resumed = await sync(['apply'])
    expect(resumed.stderr).not.toMatch(/Error|Stopped/)
    expect(resumed.code).toBe(0)
    expect(resumed.stdout).toContain('Resuming the apply interrupted')
    const state = fake.snapshot()
    const urls = readJson(tmp.rules).serviceAccount!.tickets.map((t) => t.url)
    for (const url of urls) {
      expect([url, state.applied[`add ${url}`], state.applied[`publish ${url}`]]).toEqual([url, 1, 1])
    }
    expect(state.ticketRules).toHaveLength(n)

    const again = await sync(['apply'])
    expect(again.stdout).toContain('In sync: nothing to do')
  }, 60_000)
})

describe('rules sync verify-file', () => {
  it('writes the verification file at the last sub-directory of the prefix and says where to serve it', async () => {
    const web = join(tmp.dir, 'www')
    const r = await sync(['verify-file', '--web-root', web])
    expect(r.code).toBe(0)
    const { file_name, file_content } = fake.world.options.verifyFile
    expect(readFileSync(join(web, 's', file_name), 'utf8')).toBe(file_content)
    expect(r.stdout).toContain(`serve it as ${SHOP}${file_name}`)
  })
})
