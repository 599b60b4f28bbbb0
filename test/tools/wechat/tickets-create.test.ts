// `tickets:create` against the fake WeChat, on temp copies of the rule file: in-process through the shell, and as a
// real process where a kill needs one.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { compileRuleTable, STORE_ID_PARAM } from '../../../src/landing'
import { PROCESS_TIMEOUT, start, tool } from '../real-process'
import { runInProcess } from '../run-tool'
import { FAKE_CREDENTIALS, cliEnv, journalLines, readJson, freshFakeAndRules } from './helpers'

const ctx = freshFakeAndRules()

const create = (args: string[], env = cliEnv(ctx.fake)) =>
  runInProcess('tickets:create', [...args, '--rules', ctx.tmp.rules], { env })

/** Scene → every url the rule file maps it to (string scenes only). */
function ticketsByScene(): Map<string, string[]> {
  const map = new Map<string, string[]>()
  for (const t of readJson(ctx.tmp.rules).serviceAccount!.tickets) {
    if (typeof t.scene === 'string') map.set(t.scene, [...(map.get(t.scene) ?? []), t.url])
  }
  return map
}

describe('tickets create', () => {
  it('creates, saves, registers, publishes and fetches 1 000 codes end to end', async () => {
    const images = join(ctx.tmp.dir, 'codes')
    const r = await create(['--stores', '101-150', '--tables', '1-20', '--images', images])
    expect(r.stderr).not.toMatch(/Error|Stopped/)
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('Created 1000 codes; 1000 registered and published')

    const byScene = ticketsByScene()
    expect(byScene.size).toBe(1001) // + the demo ticket store=12&table=8
    expect([...byScene.values()].every((urls) => urls.length === 1)).toBe(true)
    const state = ctx.fake.snapshot()
    expect(state.tickets).toHaveLength(1000)
    const published = new Set(
      state.ticketRules
        .filter((t) => (t as { state: number }).state === 2)
        .map((t) => (t as { prefix: string }).prefix)
    )
    for (const urls of byScene.values())
      if (urls[0].includes('/q/02') && !urls[0].includes('demo')) expect(published.has(urls[0])).toBe(true)
    expect(readdirSync(images).filter((f) => f.endsWith('.png'))).toHaveLength(1000)
    expect(readFileSync(join(images, 'index.csv'), 'utf8').trim().split('\n')).toHaveLength(1001)
    // The file still compiles for landing, and kept its hand-made formatting above the tickets.
    expect(compileRuleTable(readJson(ctx.tmp.rules)).ok).toBe(true)
    expect(readFileSync(ctx.tmp.rules, 'utf8')).toContain(
      `"store": { "type": "int", "min": 1, "max": ${STORE_ID_PARAM.max} },`
    )

    // Nothing secret in what the run printed or wrote.
    const issued = [...(ctx.fake as unknown as { tokens: Map<string, number> }).tokens.keys()]
    const written = [
      ctx.tmp.rules,
      join(ctx.tmp.dir, '.tickets-create.journal'),
      join(images, 'index.csv'),
    ].map((f) => readFileSync(f, 'utf8'))
    for (const text of [r.stdout, r.stderr, ...written]) {
      for (const secret of [FAKE_CREDENTIALS.secret, ...issued]) expect(text).not.toContain(secret)
    }

    const again = await create(['--stores', '101-150', '--tables', '1-20'])
    expect(again.status).toBe(0)
    expect(again.stdout).toContain('Nothing to create: all 1000 scenes already have a ticket.')
    expect(ctx.fake.snapshot().tickets).toHaveLength(1000)
  }, 60_000)

  it(
    'resumes after a kill: no url lost, no scene created twice, every link added and published once',
    async () => {
      const journal = join(ctx.tmp.dir, '.tickets-create.journal')
      ctx.fake.setDelay(40)
      // A real process: only a SIGKILL shows that no url is lost at any moment of a run.
      const args = ['--stores', '7', '--tables', '1-60', '--rules', ctx.tmp.rules]
      const first = start(tool('tickets:create', args), { env: cliEnv(ctx.fake) })
      await first.until('8 codes created', () => journalLines(journal, 'created').length >= 8)
      await first.kill()
      const createdBeforeKill = journalLines(journal, 'created').length
      expect(createdBeforeKill).toBeLessThan(60)

      ctx.fake.setDelay(0)
      const r = await create(['--stores', '7', '--tables', '1-60'])
      expect(r.status).toBe(0)
      expect(r.stdout).toContain('Resuming the run interrupted')

      const byScene = ticketsByScene()
      const scenes = Array.from({ length: 60 }, (_, i) => `store=7&table=${i + 1}`)
      for (const scene of scenes) expect([scene, byScene.get(scene)?.length]).toEqual([scene, 1])
      const state = ctx.fake.snapshot()
      // At most the codes whose answers the kill cut off (4 in flight) were made twice: WeChat cannot list codes.
      expect(state.tickets.length).toBeLessThanOrEqual(64)
      for (const scene of scenes) {
        const url = byScene.get(scene)![0]
        expect([url, state.applied[`add ${url}`], state.applied[`publish ${url}`]]).toEqual([url, 1, 1])
      }
    },
    PROCESS_TIMEOUT
  )

  it('saves codes a killed run created but never wrote to the rule file', async () => {
    // A journal as a run killed right after qrcode/create answered leaves it: created, not yet saved.
    const url = 'http://weixin.qq.com/q/02createdButNotSaved'
    writeFileSync(
      join(ctx.tmp.dir, '.tickets-create.journal'),
      `${JSON.stringify({ t: 'run', tool: 'tickets-create', fingerprint: 'other', at: 'then', scenes: ['store=9&table=9'] })}\n` +
        `${JSON.stringify({ t: 'created', scene: 'store=9&table=9', url, ticket: 'gQ-unknown' })}\n`
    )
    const r = await create(['--stores', '9', '--tables', '9', '--dry-run'])
    expect(r.status).toBe(0)
    const real = await create(['--stores', '9', '--tables', '9'])
    expect(real.status).toBe(0)
    expect(real.stdout).toContain('Saved 1 code an interrupted run had created.')
    expect(ticketsByScene().get('store=9&table=9')).toEqual([url])
    expect(ctx.fake.snapshot().tickets).toHaveLength(0) // not created again
  })

  it('shows a dry run without calling WeChat', async () => {
    const r = await create(['--stores', '12-14', '--tables', '1-20', '--dry-run'], {
      ...cliEnv(ctx.fake),
      WECHAT_RATE: '',
    })
    expect(r.status).toBe(0)
    expect(r.stdout).toContain(
      'Would create 59 permanent codes (QR_LIMIT_STR_SCENE); 1 scene already has one'
    )
    expect(r.stdout).toContain('at 5/s and 200/min that takes at least 35s')
    // Both demo tickets count, the numeric scene_id one too (issue 10 §6).
    expect(r.stdout).toContain("Scene map: 2 → 61 of WeChat's 100000 permanent codes.")
    expect(Object.keys(ctx.fake.snapshot().calls)).toHaveLength(0)
    expect(existsSync(join(ctx.tmp.dir, '.tickets-create.journal'))).toBe(false)
  })

  it('refuses scenes that are too long or would land on the error page, before creating anything', async () => {
    const scenes = join(ctx.tmp.dir, 'scenes.txt')
    writeFileSync(
      scenes,
      ['store=12&table=1', 'store=abc&table=1', `store=1&table=${'x'.repeat(60)}`].join('\n')
    )
    const r = await create(['--scenes', scenes])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('2 scenes refused; nothing was created')
    expect(r.stderr).toContain('invalid-param')
    expect(r.stderr).toContain('scene_str takes 1–64')
    expect(ctx.fake.snapshot().tickets).toHaveLength(0)
  })

  it('stops with a clear message when WeChat refuses a code, keeping what was created', async () => {
    ctx.fake.inject({ api: 'qrcode/create', code: 45009, after: 2 })
    const r = await create(['--stores', '3', '--tables', '1-5'])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('WeChat error 45009')
    expect(r.stderr).toContain('run the same command again to continue')
    expect(ticketsByScene().get('store=3&table=2')).toHaveLength(1)
  })
})

describe('a link WeChat refuses does not stop the other codes (issue 10 §4)', () => {
  const links = () => ctx.fake.snapshot().ticketRules as Array<{ prefix: string; state: number }>
  const scenes = ['1', '2', '3', '4', '5'].map((t) => `store=3&table=${t}`)

  const sent = (api: string) => ctx.fake.snapshot().log.filter((c) => c.api === api).length

  it('creates every code when the lifetime budget of links runs out (85073), exits 3, and says what waits', async () => {
    ctx.fake.world.options.ticketRuleAddLimit = 2 // two qrcodejumpadd calls left in the mini program's life
    const r = await create(['--stores', '3', '--tables', '1-5'])
    expect(r.status).toBe(3)
    // Every code is made and saved: each works through the event push.
    for (const scene of scenes) expect(ticketsByScene().get(scene)).toHaveLength(1)
    expect(ctx.fake.snapshot().tickets).toHaveLength(5)
    expect(links().map((l) => l.state)).toEqual([2, 2])
    // After the first refusal no add is sent into a certain 85073; only those already on their way (4 codes are
    // in flight at once) may meet it too.
    expect(sent('qrcodejumpadd')).toBeGreaterThanOrEqual(3)
    expect(sent('qrcodejumpadd')).toBeLessThanOrEqual(2 + 4)
    expect(r.stdout).toContain('Created 5 codes; 2 registered and published.')
    expect(r.stderr).toContain('3 codes saved but not yet a jump rule')
    expect(r.stderr).toContain('Done except 6 of 10 steps, which wait:')
    expect(r.stderr).toMatch(/ {2}! add ticket \S+: WeChat error 85073/)
    expect(r.stderr).toContain('npm run rules:sync -- apply')
    expect(journalLines(join(ctx.tmp.dir, '.tickets-create.journal'), 'end')).toEqual([
      expect.objectContaining({ ok: false, note: '6 waiting' }),
    ])
  })

  it('adds every link but publishes none while the mini program is unreleased (85074); rules:sync apply publishes them later', async () => {
    ctx.fake.world.options.codePublished = false
    const r = await create(['--stores', '3', '--tables', '1-5'])
    expect(r.status).toBe(3)
    for (const scene of scenes) expect(ticketsByScene().get(scene)).toHaveLength(1)
    expect(links()).toHaveLength(5)
    expect(links().every((l) => l.state === 1)).toBe(true)
    // The fifth code starts only once a publish was refused: its publish waits instead of being sent.
    expect(sent('qrcodejumppublish')).toBeLessThanOrEqual(4)
    expect(r.stdout).toContain('Created 5 codes; 0 registered and published.')
    expect(r.stderr).toContain('Publish a release of the mini program first')

    // The same command again has no code to make, and says where the waiting links went.
    const again = await create(['--stores', '3', '--tables', '1-5'])
    expect(again.status).toBe(0)
    expect(again.stdout).toContain('Nothing to create: all 5 scenes already have a ticket.')
    expect(again.stderr).toContain('The last tickets:create run left 5 waiting for WeChat')
    expect(again.stderr).toContain('npm run rules:sync -- apply')

    // Released: apply does exactly what was left.
    ctx.fake.world.options.codePublished = true
    const sync = await runInProcess('rules:sync', ['apply', '--rules', ctx.tmp.rules], {
      env: cliEnv(ctx.fake),
    })
    expect(sync.status).toBe(0)
    const urls = scenes.map((scene) => ticketsByScene().get(scene)![0])
    const states = new Map(links().map((l) => [l.prefix, l.state]))
    expect(urls.map((url) => states.get(url))).toEqual([2, 2, 2, 2, 2])
  })
})

describe('a qrcode/create without an answer (issue 10 §3)', () => {
  const journal = () => join(ctx.tmp.dir, '.tickets-create.journal')
  const creates = () =>
    ctx.fake
      .snapshot()
      .log.filter((c) => c.api === 'qrcode/create')
      .map((c) => (c.body?.action_info as { scene: { scene_str: string } }).scene.scene_str)

  it('is never sent again: journaled as unknown, a warning that a code may be wasted, counted, and a re-run creates it anew', async () => {
    ctx.fake.inject({ api: 'qrcode/create', answer: 'late' })
    const r = await create(['--stores', '3', '--tables', '1', '--timeout', '3'])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain(
      'qrcode/create for "store=3&table=1" was sent but no answer came back (no answer within 3 s): WeChat may ' +
        'have made a code whose url never reached us. It was not sent again'
    )
    expect(r.stderr).toContain('(1 code possibly wasted so far, kept in the journal)')
    expect(r.stderr).toContain('Run the same command again to create it anew')
    expect(creates()).toEqual(['store=3&table=1'])
    expect(ctx.fake.snapshot().tickets).toHaveLength(1) // made at WeChat; its url never arrived
    expect(ticketsByScene().get('store=3&table=1')).toBeUndefined()
    expect(journalLines(journal(), 'unknown')).toEqual([
      expect.objectContaining({ key: 'create store=3&table=1' }),
    ])

    // The budget counts it: a dry run says so.
    const dry = await create(['--stores', '3', '--tables', '1', '--dry-run'])
    expect(dry.stdout).toContain(
      "Scene map: 2 → 3 of WeChat's 100000 permanent codes (and 1 code earlier runs may have wasted: see the journal)."
    )

    const again = await create(['--stores', '3', '--tables', '1'])
    expect(again.status).toBe(0)
    expect(again.stderr).toContain(
      'Warning: an earlier run sent qrcode/create for "store=3&table=1" and got no answer'
    )
    expect(ticketsByScene().get('store=3&table=1')).toHaveLength(1)
    expect(creates()).toEqual(['store=3&table=1', 'store=3&table=1'])
    expect(journalLines(journal(), 'unknown')).toHaveLength(1) // the same lost code, counted once

    // A later run for other scenes starts the journal afresh, yet still counts the code that may be wasted.
    expect((await create(['--stores', '4', '--tables', '1'])).status).toBe(0)
    expect(journalLines(journal(), 'unknown')).toHaveLength(1)
    const later = await create(['--stores', '5', '--tables', '1', '--dry-run'])
    expect(later.stdout).toContain('(and 1 code earlier runs may have wasted: see the journal)')
  }, 30_000)

  it("refuses a run whose new codes, with the ones earlier runs may have wasted, exceed WeChat's 100 000", async () => {
    const lost = Array.from(
      { length: 99_998 },
      (_, i) => `${JSON.stringify({ t: 'unknown', key: `create store=1&table=${i}`, message: 'lost' })}\n`
    )
    writeFileSync(journal(), lost.join(''))
    const r = await create(['--stores', '3', '--tables', '1'])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain(
      "1 new code would make 100001, over WeChat's 100000 permanent codes (counting 99998 that earlier runs may " +
        'have made without their url reaching us).'
    )
    expect(creates()).toEqual([])
  })
})
