// `rules:sync` against the fake WeChat, on temp copies of the rule file: in-process through the shell, and as a real
// process where a kill needs one.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { STORE_ID_PARAM, TABLE_NAME_PARAM } from '../../../src/landing'
import { PROCESS_TIMEOUT, start, tool } from '../real-process'
import { runInProcess } from '../run-tool'
import {
  FAKE_CREDENTIALS,
  cliEnv,
  journalLines,
  readJson,
  rulesWithTickets,
  tempRules,
  freshFakeAndRules,
  ROOT,
} from './helpers'

const SHOP = 'https://shop.example.com/s/'
const CHANGES = ['add', 'edit', 'publish', 'delete'].map((op) => `qrcodejump${op === 'edit' ? 'add' : op}`)

const ctx = freshFakeAndRules()

const sync = (args: string[], env = cliEnv(ctx.fake)) =>
  runInProcess('rules:sync', [...args, '--rules', ctx.tmp.rules], { env })
const changeCalls = () => CHANGES.reduce((n, api) => n + (ctx.fake.snapshot().calls[api] ?? 0), 0)

describe('rules sync plan/apply', () => {
  it('plans, applies within WeChat rates, and a second apply is a no-op', async () => {
    ctx.fake.setRate({ perSecond: 5, perMinute: 200 }) // WeChat's real limits: the defaults must respect them
    const env = cliEnv(ctx.fake, { WECHAT_RATE: '' })
    const plan = await sync(['plan'], env)
    expect(plan.status).toBe(0)
    // WeChat counts calls per account, across processes: let plan's calls leave the 1-second window.
    await new Promise((r) => setTimeout(r, 1100))
    expect(plan.stdout).toContain('Plan: 6 calls — 3 add, 0 edit, 3 publish, 0 delete')
    expect(plan.stdout).toContain(`+ add     rule   ${SHOP}`)
    expect(changeCalls()).toBe(0)

    const apply = await sync(['apply'], env)
    expect(apply.status).toBe(0)
    expect(apply.stdout).toContain('Applied: 6 calls.')
    // Paced: 8 calls (2 reads, 6 changes) at 5/s cannot arrive within one second. (A busy machine may still
    // bunch arrivals into a 44990; the only retries allowed are those.)
    const arrivals = ctx.fake
      .snapshot()
      .log.filter((c) => c.api !== 'token')
      .map((c) => c.at)
    expect(arrivals.length).toBeGreaterThanOrEqual(10)
    expect(arrivals[arrivals.length - 1] - arrivals[arrivals.length - 8]).toBeGreaterThanOrEqual(900)
    for (const line of apply.stderr.split('\n').filter((l) => l.includes('retry')))
      expect(line).toContain('44990')
    const state = ctx.fake.snapshot()
    expect(state.rules).toEqual([
      expect.objectContaining({ prefix: SHOP, path: 'pages/index/index', state: 2 }),
    ])
    expect(state.ticketRules).toHaveLength(2)
    expect(state.ticketRules.every((r) => (r as { state: number }).state === 2)).toBe(true)

    // rules:check reads `state` to warn about unpublished specific rules: the file now says they are published.
    expect(apply.stdout).toContain('every rule is published (state 2)')
    const recorded = readFileSync(ctx.tmp.rules, 'utf8')
    expect((JSON.parse(recorded) as { rules: Array<{ state?: number }> }).rules.map((r) => r.state)).toEqual([
      2,
    ])

    const before = changeCalls()
    const again = await sync(['apply'], env)
    expect(again.status).toBe(0)
    expect(again.stdout).toContain('In sync: nothing to do')
    expect(changeCalls()).toBe(before)
    expect(readFileSync(ctx.tmp.rules, 'utf8')).toBe(recorded)
  }, 30_000)

  it('prints the plan as JSON', async () => {
    const r = await sync(['plan', '--json'])
    expect(r.status).toBe(0)
    const plan = JSON.parse(r.stdout) as { steps: Array<{ op: string; prefix: string }>; pubQuota: number }
    expect(plan.steps.map((s) => s.op)).toEqual(['add', 'add', 'add', 'publish', 'publish', 'publish'])
    expect(plan.pubQuota).toBe(100)
  })

  it('offers --replace-published for a published rule that changed, and replaces it when asked', async () => {
    expect((await sync(['apply'])).status).toBe(0)
    const file = readJson(ctx.tmp.rules)
    file.rules[0].open_version = 2
    writeFileSync(ctx.tmp.rules, JSON.stringify(file))

    const plan = await sync(['plan'])
    expect(plan.status).toBe(3)
    expect(plan.stdout).toContain('WeChat cannot edit a published rule (40097)')
    expect(plan.stdout).toContain('--replace-published')

    const apply = await sync(['apply', '--replace-published'])
    expect(apply.status).toBe(0)
    expect(ctx.fake.snapshot().rules).toEqual([
      expect.objectContaining({ prefix: SHOP, open_version: 2, state: 2 }),
    ])
    expect(ctx.fake.snapshot().applied[`delete ${SHOP}`]).toBe(1)
  })

  it('retries busy answers and finishes', async () => {
    ctx.fake.inject({ api: 'qrcodejumpadd', code: -1, times: 2 })
    ctx.fake.inject({ api: 'qrcodejumppublish', code: 886001 })
    ctx.fake.inject({ api: 'qrcodejumppublish', code: 44990 })
    const r = await sync(['apply'])
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(/WeChat error -1 .*retry 1/)
    expect(r.stderr).toMatch(/886001/)
    expect(ctx.fake.snapshot().ticketRules).toHaveLength(2)
  })

  it('refreshes an expired token once (appid + secret) and goes on', async () => {
    ctx.fake.inject({ api: 'qrcodejumppublish', code: 42001 })
    const r = await sync(['apply'])
    expect(r.status).toBe(0)
  })

  it('plans only the publishes this month allows, and says so', async () => {
    ctx.fake.world.pubQuota = 0
    const r = await sync(['apply'])
    expect(r.status).toBe(3)
    expect(r.stdout).toContain('Not enough publishes left this month (qrcodejump_pub_quota 0, 1 needed)')
    expect(ctx.fake.snapshot().rules).toEqual([expect.objectContaining({ prefix: SHOP, state: 1 })])
  })

  it.each([
    { code: 85072, api: 'qrcodejumpadd', status: 3, hint: 'Another mini program owns this prefix' },
    { code: 61007, api: undefined, status: 1, hint: 'permission set' },
    { code: 85070, api: 'qrcodejumpadd', status: 3, hint: 'WeChat blacklisted this link' },
  ])('on $code says what to do and exits $status', async ({ code, api, status, hint }) => {
    ctx.fake.inject({ code, api, after: api ? 0 : 2 }) // without an api: after the two reads
    const r = await sync(['apply'])
    expect(r.status).toBe(status)
    expect(r.stderr).toContain(`WeChat error ${code}`)
    expect(r.stderr).toContain(hint)
  })

  it('treats 85071 (already added) as done once WeChat shows the rule', async () => {
    const plan = await sync(['plan'])
    expect(plan.status).toBe(0)
    // Someone adds the same rule between plan and apply: apply's add answers 85071 and is verified, not failed.
    ctx.fake.world.ticketRules.set('http://weixin.qq.com/q/02demoStoreTicketS12T8', {
      prefix: 'http://weixin.qq.com/q/02demoStoreTicketS12T8',
      path: 'pages/index/index',
      state: 1,
    })
    const r = await sync(['apply', '--journal', join(ctx.tmp.dir, 'j.journal')])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/Applied: \d+ calls/)
  })

  it('never prints, logs or stores the token or the secret', async () => {
    const token = FAKE_CREDENTIALS.token
    const runs = [
      await sync(['apply'], cliEnv(ctx.fake, { WECHAT_ACCESS_TOKEN: token })),
      await sync(['plan'], cliEnv(ctx.fake, { WECHAT_ACCESS_TOKEN: 'wrong-token-that-must-not-leak-123' })),
      await sync(['plan'], cliEnv(ctx.fake, { WECHAT_SECRET: 'wrong-secret-that-must-not-leak-4' })),
    ]
    expect(runs.map((r) => r.status)).toEqual([0, 1, 1])
    expect(runs[1].stderr).toContain('40001')
    expect(runs[2].stderr).toContain('40125')
    const issued = [...(ctx.fake as unknown as { tokens: Map<string, number> }).tokens.keys()]
    const secrets = [
      token,
      FAKE_CREDENTIALS.secret,
      'wrong-token-that-must-not-leak-123',
      'wrong-secret-that-must-not-leak-4',
      ...issued,
    ]
    const files = [ctx.tmp.rules, join(ctx.tmp.dir, '.rules-sync.journal')]
      .filter(existsSync)
      .map((f) => readFileSync(f, 'utf8'))
    for (const text of [...runs.flatMap((r) => [r.stdout, r.stderr]), ...files]) {
      for (const secret of secrets) expect(text).not.toContain(secret)
    }
  })
})

describe('a refusal that concerns one step does not block the rest (issue 10 §4)', () => {
  const base = readJson(join(ROOT, 'rules.json'))
  const TAKEN = 'https://taken.example.com/x/' // the fake's world: another mini program owns it (85072)
  const withRules = (prefixes: string[]) =>
    writeFileSync(
      ctx.tmp.rules,
      JSON.stringify(
        {
          ...base,
          rules: prefixes.map((prefix) => ({ prefix, permit_sub_rule: 1, open_version: 3, debug_url: [] })),
        },
        null,
        2
      )
    )
  const rules = () =>
    (ctx.fake.snapshot().rules as Array<{ prefix: string; state: number }>).map((r) => [r.prefix, r.state])
  const ticketsPublished = () =>
    (ctx.fake.snapshot().ticketRules as Array<{ state: number }>).every((r) => r.state === 2)
  const calls = (api: string, prefix: string) =>
    ctx.fake.snapshot().log.filter((c) => c.api === api && c.body?.prefix === prefix).length
  const [S, T, U] = ['s', 't', 'u'].map((p) => `https://shop.example.com/${p}/`)

  it("does every other step when the month's publishes run out mid-apply (886000), exits 3, and publishes the rest when the quota is back", async () => {
    withRules([S, T, U]) // 3 rules + the 2 demo tickets: 5 adds, 5 publishes
    // Another run spent the quota between this apply's plan and its publishes: the second rule publish is refused.
    ctx.fake.inject({ api: 'qrcodejumppublish', code: 886000, after: 1 })
    const r = await sync(['apply'])
    expect(r.status).toBe(3)
    expect(rules()).toEqual([
      [S, 2],
      [T, 1],
      [U, 1],
    ])
    expect(ticketsPublished()).toBe(true) // service-account links need no quota
    expect(calls('qrcodejumppublish', U)).toBe(0) // waits behind T's refusal: not sent into a certain 886000
    expect(r.stderr).toContain('Done except 2 of 10 steps, which wait:')
    expect(r.stderr).toContain(`  ! publish rule ${T}: WeChat error 886000`)
    expect(r.stderr).toContain('No publishes left this month')
    expect(r.stderr).toContain(`      waiting behind it: publish rule ${U}`)
    expect(r.stdout).toContain('Applied: 8 calls.')
    expect(journalLines(join(ctx.tmp.dir, '.rules-sync.journal'), 'end')).toEqual([
      expect.objectContaining({ ok: false }),
    ])

    // Still no quota: the next run plans afresh (it does not resume into the same refusal) and says why.
    ctx.fake.world.pubQuota = 0
    const again = await sync(['apply'])
    expect(again.status).toBe(3)
    expect(again.stdout).toContain('Not enough publishes left this month (qrcodejump_pub_quota 0, 2 needed)')
    expect(calls('qrcodejumppublish', T)).toBe(1)

    // Next month.
    ctx.fake.world.pubQuota = 100
    const later = await sync(['apply'])
    expect(later.status).toBe(0)
    expect(rules()).toEqual([
      [S, 2],
      [T, 2],
      [U, 2],
    ])
    expect(later.stdout).toContain('every rule is published (state 2)')
  })

  it("does 8 of 10 steps when step 2 is refused (85072: another account's prefix), exits 3, and retries it on the next run", async () => {
    withRules([S, TAKEN, U])
    const r = await sync(['apply'])
    expect(r.status).toBe(3)
    expect(r.stderr).toContain('Done except 2 of 10 steps, which wait:')
    expect(r.stderr).toContain(`  ! add rule ${TAKEN}: WeChat error 85072`)
    expect(r.stderr).toContain('Another mini program owns this prefix')
    expect(r.stderr).toContain(`      waiting behind it: publish rule ${TAKEN}`)
    expect(rules()).toEqual([
      [S, 2],
      [U, 2],
    ])
    expect(ticketsPublished()).toBe(true)

    const again = await sync(['apply'])
    expect(again.status).toBe(3)
    expect(calls('qrcodejumpadd', TAKEN)).toBe(2)

    ctx.fake.world.options.ownedByOther = [] // the other account deleted its rule
    const later = await sync(['apply'])
    expect(later.status).toBe(0)
    expect(rules()).toContainEqual([TAKEN, 2])
  })

  it('waits when the rule list fills up mid-apply (85073): no more adds of rules, no publish of a rule not added', async () => {
    withRules([S, T, U])
    ctx.fake.inject({ api: 'qrcodejumpadd', code: 85073, after: 1 }) // someone else's rule took the last place
    const r = await sync(['apply'])
    expect(r.status).toBe(3)
    expect(r.stderr).toContain('Done except 4 of 10 steps, which wait:')
    expect(r.stderr).toContain(`  ! add rule ${T}: WeChat error 85073`)
    expect(r.stderr).toContain(`      waiting behind it: add rule ${U}, publish rule ${T}, publish rule ${U}`)
    expect(rules()).toEqual([[S, 2]])
    expect(ticketsPublished()).toBe(true) // service-account links are a list of their own
    expect(calls('qrcodejumpadd', U) + calls('qrcodejumppublish', T) + calls('qrcodejumppublish', U)).toBe(0)
  })

  it('waits for a release (85074): every add is done, and each account tries one publish, not all', async () => {
    withRules([S, T])
    ctx.fake.world.options.codePublished = false
    const r = await sync(['apply'])
    expect(r.status).toBe(3)
    expect(r.stderr).toContain('Done except 4 of 8 steps, which wait:')
    expect(r.stderr).toContain('Publish a release of the mini program first')
    expect(rules()).toEqual([
      [S, 1],
      [T, 1],
    ])
    expect(ctx.fake.snapshot().ticketRules).toHaveLength(2)
    const publishes = ctx.fake.snapshot().log.filter((c) => c.api === 'qrcodejumppublish')
    expect(publishes.map((c) => c.answer)).toEqual(['errcode 85074', 'errcode 85074'])
  })
})

describe('a call that went out without an answer (issue 10 §3)', () => {
  it('checks a publish answered after the timeout instead of publishing it again', async () => {
    ctx.fake.inject({ api: 'qrcodejumppublish', answer: 'late' })
    const r = await sync(['apply', '--timeout', '3'])
    expect(r.status).toBe(0)
    expect(r.stderr).toMatch(
      /qrcodejumppublish: no answer from WeChat after [\d.]+ s; waiting up to 3 s \(--timeout\)\./
    )
    expect(r.stdout).toContain("1 found done on WeChat (an earlier call's answer was lost)")
    const publishes = ctx.fake.snapshot().log.filter((c) => c.api === 'qrcodejumppublish')
    expect(publishes).toHaveLength(3) // one per rule and link: the late one was checked, not sent again
    expect(new Set(publishes.map((c) => c.body?.prefix)).size).toBe(3)
    expect(ctx.fake.snapshot().applied[`publish ${SHOP}`]).toBe(1)
  }, 30_000)
})

describe('rules sync apply --prune', () => {
  it('deletes links of codes the scene map lacks', async () => {
    ctx.fake.world.ticketRules.set('http://weixin.qq.com/q/02retired', {
      prefix: 'http://weixin.qq.com/q/02retired',
      path: 'pages/index/index',
      state: 2,
    })
    const r = await sync(['apply', '--prune'])
    expect(r.status).toBe(0)
    expect(ctx.fake.world.ticketRules.has('http://weixin.qq.com/q/02retired')).toBe(false)
  })

  it('refuses while tickets create has codes it has not saved into the scene map', async () => {
    const unsaved = 'http://weixin.qq.com/q/02madeButNotSaved'
    ctx.fake.world.ticketRules.set(unsaved, { prefix: unsaved, path: 'pages/index/index', state: 2 })
    writeFileSync(
      join(ctx.tmp.dir, '.tickets-create.journal'),
      `${JSON.stringify({ t: 'created', scene: 'store=5&table=5', url: unsaved, ticket: 'gQx' })}\n`
    )
    const r = await sync(['apply', '--prune'])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('--prune would delete their links')
    expect(ctx.fake.world.ticketRules.has(unsaved)).toBe(true)
  })
})

describe('rules sync apply, killed midway', () => {
  it(
    'resumes from the journal: every link added and published exactly once',
    async () => {
      const n = 300
      ctx.tmp.cleanup()
      ctx.tmp = tempRules(rulesWithTickets(n))
      const journal = join(ctx.tmp.dir, '.rules-sync.journal')
      ctx.fake.setDelay(8) // slow answers: the kill lands while a call is in flight
      // A real process: only a SIGKILL shows that the journal survives any moment of a run.
      const first = start(tool('rules:sync', ['apply', '--rules', ctx.tmp.rules]), { env: cliEnv(ctx.fake) })
      await first.until('120 calls done', () => journalLines(journal, 'done').length >= 120)
      expect((await first.kill()).status).toBeNull()
      const doneBefore = journalLines(journal, 'done').length
      expect(doneBefore).toBeLessThan(2 * n + 2)

      ctx.fake.setDelay(0)
      const resumed = await sync(['apply'])
      expect(resumed.stderr).not.toMatch(/Error|Stopped/)
      expect(resumed.status).toBe(0)
      expect(resumed.stdout).toContain('Resuming the apply interrupted')
      const state = ctx.fake.snapshot()
      const urls = readJson(ctx.tmp.rules).serviceAccount!.tickets.map((t) => t.url)
      for (const url of urls) {
        expect([url, state.applied[`add ${url}`], state.applied[`publish ${url}`]]).toEqual([url, 1, 1])
      }
      expect(state.ticketRules).toHaveLength(n)

      const again = await sync(['apply'])
      expect(again.stdout).toContain('In sync: nothing to do')
    },
    PROCESS_TIMEOUT
  )
})

describe('rules sync verify-file', () => {
  it('writes the verification file at the last sub-directory of the prefix and says where to serve it', async () => {
    const web = join(ctx.tmp.dir, 'www')
    const r = await sync(['verify-file', '--web-root', web])
    expect(r.status).toBe(0)
    const { file_name, file_content } = ctx.fake.world.options.verifyFile
    expect(readFileSync(join(web, 's', file_name), 'utf8')).toBe(file_content)
    expect(r.stdout).toContain(`serve it as ${SHOP}${file_name}`)
  })
})

describe('rules:sync validates through rules:check (one set of checks, one limits reader)', () => {
  const rule = { prefix: SHOP, permit_sub_rule: 1, open_version: 3 }
  const base = readJson(join(ROOT, 'rules.json'))
  const withRule = (extra: object, file: object = {}) => ({
    ...base,
    rules: [{ ...base.rules[0], ...extra }],
    ...file,
  })
  // Each file has one mistake rules:check reports as an error; before, sync either dropped it silently (an unknown
  // limit name) or checked it with a copy of its own that disagreed.
  it.each([
    { name: 'an unknown limit name', file: withRule({}, { limits: { rule: 100 } }), pointer: '/limits/rule' },
    {
      name: 'a limit that is not a number',
      file: withRule({}, { limits: { debugUrls: 'five' } }),
      pointer: '/limits/debugUrls',
    },
    {
      name: 'a debug_url its rule does not match (85068)',
      file: withRule({ debug_url: ['https://shop.example.com/x/1'] }),
      pointer: '/rules/0/debug_url/0',
    },
    {
      name: 'more debug_url than the limits allow',
      file: withRule(
        { debug_url: [1, 2, 3, 4, 5, 6].map((n) => `${SHOP}${n}`) },
        { limits: { debugUrls: 5 } }
      ),
      pointer: '/rules/0/debug_url',
    },
    {
      name: 'a prefix listed twice (85071)',
      file: { ...base, rules: [base.rules[0], { ...rule, debug_url: [] }] },
      pointer: '/rules/1/prefix',
    },
    {
      name: 'a ticket url outside http://weixin.qq.com/q/ (85066)',
      file: {
        ...base,
        serviceAccount: {
          ...base.serviceAccount!,
          tickets: [{ url: 'https://weixin.qq.com/q/02x', scene: 'store=12' }],
        },
      },
      pointer: '/serviceAccount/tickets/0/url',
    },
  ])('refuses $name exactly where rules:check does, before any call', async ({ file, pointer }) => {
    writeFileSync(ctx.tmp.rules, JSON.stringify(file, null, 2))
    const check = await runInProcess('rules:check', ['--rules', ctx.tmp.rules])
    expect(check.status).toBe(1)
    const line = check.stderr.split('\n').find((l) => l.startsWith(`  error ${pointer}: `))
    expect(line).toBeDefined()

    for (const sub of ['plan', 'apply']) {
      const r = await sync([sub])
      expect(r.status).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr).toContain('nothing was sent')
      expect(r.stderr.split('\n')).toContain(line)
    }
    expect(ctx.fake.snapshot().calls).toEqual({})
  })

  it('takes a raised limit from the file the way rules:check does', async () => {
    // 11 rules: over the seed documents' 10, within today's 100 when the file says so (and the account allows it).
    const rules = Array.from({ length: 11 }, (_, i) => ({
      ...rule,
      prefix: `https://shop.example.com/r${i}/`,
      debug_url: [],
    }))
    writeFileSync(ctx.tmp.rules, JSON.stringify({ rules }, null, 2))
    expect((await runInProcess('rules:check', ['--rules', ctx.tmp.rules])).status).toBe(1)
    expect((await sync(['plan'])).status).toBe(2)

    writeFileSync(ctx.tmp.rules, JSON.stringify({ limits: { rules: 11 }, rules }, null, 2))
    expect((await runInProcess('rules:check', ['--rules', ctx.tmp.rules])).status).toBe(0)
    ctx.fake.world.options.ruleLimit = 100
    const r = await sync(['apply'])
    expect(r.stderr).not.toMatch(/Stopped|Error/)
    expect(r.status).toBe(0)
    expect(ctx.fake.snapshot().rules).toHaveLength(11)
  })
})

describe("rules:sync apply keeps the user's rule file as they wrote it", () => {
  it('adds only the state lines: indentation, one-line arrays, key order and spacing survive', async () => {
    // Four-space indent, keys in an order of the user's, arrays and objects kept on one line, a one-line rule.
    const mine = [
      '{',
      '    "serviceAccount": {',
      '        "tickets": [ { "scene": "store=12&table=8", "url": "http://weixin.qq.com/q/02demoStoreTicketS12T8" } ],',
      '        "appid": "wx0a1b2c3d4e5f6a7b",',
      '        "routes": [',
      `            { "page": "pages/order/index", "params": { "store": { "type": "int", "min": 1, "max": ${STORE_ID_PARAM.max} }, "table": { "type": "string", "pattern": "${TABLE_NAME_PARAM.pattern}" }, "mode": { "const": "dine-in" } } }`,
      '        ]',
      '    },',
      '    "rules": [',
      '        {',
      `            "routes": [ { "page": "pages/order/index", "path": "/s/:store", "params": { "store": { "type": "int", "min": 1, "max": ${STORE_ID_PARAM.max} }, "mode": { "const": "takeaway" } } } ],`,
      '            "debug_url": [ "https://shop.example.com/s/12",   "https://shop.example.com/s/13" ],',
      '            "open_version": 3,',
      '            "permit_sub_rule": 1,',
      '            "prefix":   "https://shop.example.com/s/"',
      '        },',
      '        { "prefix": "https://shop.example.com/t/", "permit_sub_rule": 1, "open_version": 3, "debug_url": [] }',
      '    ]',
      '}',
      '',
    ].join('\n')
    writeFileSync(ctx.tmp.rules, mine)
    const r = await sync(['apply'])
    expect(r.stderr).not.toMatch(/Stopped|Error/)
    expect(r.status).toBe(0)
    const lines = mine.split('\n')
    lines[14] = '            "prefix":   "https://shop.example.com/s/",\n            "state": 2'
    lines[16] =
      '        { "prefix": "https://shop.example.com/t/", "permit_sub_rule": 1, "open_version": 3, "debug_url": [], "state": 2 }'
    expect(readFileSync(ctx.tmp.rules, 'utf8')).toBe(lines.join('\n'))
  })
})
