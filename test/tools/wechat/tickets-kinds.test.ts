// tickets:create's other kinds of service-account code against the fake WeChat: numeric scene_ids mapped through
// sceneIds (QR_LIMIT_SCENE), temporary codes whose end the scene map records (QR_STR_SCENE, QR_SCENE), and the
// lifetime budget of jump rules checked before any code is made.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { landContent } from '../../../src/landing'
import { imageBase } from '../../../tools/wechat/tickets'
import { compile } from '../../unit/fixtures'
import { runInProcess } from '../run-tool'
import { FAKE_CREDENTIALS, cliEnv, freshFakeAndRules, journalLines, readJson } from './helpers'

const ctx = freshFakeAndRules()

const create = (args: string[]) =>
  runInProcess('tickets:create', [...args, '--rules', ctx.tmp.rules], { env: cliEnv(ctx.fake) })
const tickets = () => readJson(ctx.tmp.rules).serviceAccount!.tickets
const now = () => Math.floor(Date.now() / 1000)

describe('tickets:create --numeric', () => {
  it('maps each scene to the next free scene_id, creates QR_LIMIT_SCENE codes, and each lands on its table', async () => {
    const images = join(ctx.tmp.dir, 'codes')
    const r = await create(['--numeric', '--stores', '12', '--tables', '1-3', '--images', images])
    expect(r.stderr).not.toMatch(/Error|Stopped/)
    expect(r.status).toBe(0)

    const file = readJson(ctx.tmp.rules)
    // The project maps 1001 already: new ids follow it.
    expect(file.serviceAccount!.sceneIds).toEqual({
      '1001': 'store=12',
      '1002': 'store=12&table=1',
      '1003': 'store=12&table=2',
      '1004': 'store=12&table=3',
    })
    const made = ctx.fake.snapshot().tickets
    expect(made.map((t) => t.scene).sort()).toEqual([1002, 1003, 1004])
    expect(made.every((t) => t.expire_time === undefined)).toBe(true)
    const ruleTable = compile(file)
    for (const t of tickets().slice(2)) {
      expect(typeof t.scene).toBe('number')
      const landed = landContent(t.url, ruleTable, now())
      expect(landed).toMatchObject({ ok: true, page: 'pages/order/index' })
      expect(landed.ok && landed.params.table).toBe(String(Number(t.scene) - 1001))
    }
    expect(
      readdirSync(images)
        .filter((f) => f.endsWith('.png'))
        .sort()
      // Named by the scene string, as string-scene codes are.
    ).toEqual([1, 2, 3].map((n) => `${imageBase(`store=12&table=${n}`)}.png`))
    expect(readFileSync(join(images, 'index.csv'), 'utf8')).toContain(
      'store=12&table=1,http://weixin.qq.com/q/'
    )
    expect(readFileSync(join(images, 'index.csv'), 'utf8')).toMatch(/,1002,\n/)

    const again = await create(['--numeric', '--stores', '12', '--tables', '1-3'])
    expect(again.stdout).toContain('Nothing to create')
  })
})

describe('tickets:create --expire-seconds', () => {
  it('records the end WeChat granted, and the code lands until then and like an unknown one after', async () => {
    const before = now()
    const r = await create(['--expire-seconds', '600', '--stores', '12', '--tables', '1-2'])
    expect(r.status).toBe(0)

    const temporary = tickets().slice(2)
    expect(temporary).toHaveLength(2)
    for (const t of temporary) {
      expect(t.expire_time).toBeGreaterThanOrEqual(before + 600)
      expect(t.expire_time).toBeLessThanOrEqual(now() + 600)
    }
    expect(ctx.fake.snapshot().tickets.every((t) => t.expire_time !== undefined)).toBe(true)
    const ruleTable = compile(readJson(ctx.tmp.rules))
    const end = temporary[0].expire_time!
    expect(landContent(temporary[0].url, ruleTable, end - 1)).toMatchObject({ ok: true })
    expect(landContent(temporary[0].url, ruleTable, end)).toMatchObject({ ok: false, code: 'unknown-ticket' })
    // Each got its jump rule, published: a temporary code spends the lifetime budget like a permanent one.
    expect(ctx.fake.snapshot().ticketRuleAdds).toBe(2)
  })

  it('makes numeric temporary codes (QR_SCENE) and a new one once the old one has expired', async () => {
    expect(
      (await create(['--numeric', '--expire-seconds', '60', '--stores', '12', '--tables', '7'])).status
    ).toBe(0)
    const [code] = tickets().slice(2)
    expect(code).toMatchObject({ scene: 1002, expire_time: expect.any(Number) })

    // Its end passes (the scene map says so): the scene has no working code any more, so a run makes a new one.
    const text = readFileSync(ctx.tmp.rules, 'utf8').replace(
      `"expire_time": ${code.expire_time}`,
      '"expire_time": 1'
    )
    writeFileSync(ctx.tmp.rules, text)
    const again = await create(['--numeric', '--expire-seconds', '60', '--stores', '12', '--tables', '7'])
    expect(again.stdout).toContain('Created 1 code')
    expect(
      tickets()
        .slice(2)
        .map((t) => t.scene)
    ).toEqual([1002, 1002])
  })

  it('journals a temporary create without an answer apart: it ends on its own and counts for no permanent code', async () => {
    ctx.fake.inject({ api: 'qrcode/create', answer: 'late' })
    const r = await create(['--expire-seconds', '600', '--stores', '3', '--tables', '1', '--timeout', '3'])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('It was not sent again')
    expect(r.stderr).toContain(
      "being temporary, it ends on its own and does not count against the account's 100000"
    )
    expect(r.stderr).not.toContain('possibly wasted')
    expect(journalLines(join(ctx.tmp.dir, '.tickets-create.journal'), 'unknown')).toEqual([
      expect.objectContaining({ key: 'create-temporary store=3&table=1' }),
    ])
    // A permanent run's budget does not count it.
    const dry = await create(['--stores', '3', '--tables', '1', '--dry-run'])
    expect(dry.stdout).toContain("Scene map: 2 → 3 of WeChat's 100000 permanent codes.")

    const again = await create(['--expire-seconds', '600', '--stores', '3', '--tables', '1'])
    expect(again.status).toBe(0)
    expect(again.stderr).toContain('got no answer; WeChat may have made a code whose url never arrived')
    expect(again.stderr).toContain('and ends on its own). Creating it again.')
  }, 30_000)

  it.each(['0', '2592001', '1.5', 'soon'])(
    'refuses --expire-seconds %s (exit 2), creating nothing',
    async (value) => {
      const r = await create(['--expire-seconds', value, '--stores', '12', '--tables', '1'])
      expect(r.status).toBe(2)
      expect(r.stderr).toContain('2 592 000')
      expect(ctx.fake.snapshot().tickets).toHaveLength(0)
    }
  )
})

describe('tickets:create and the lifetime budget of jump rules', () => {
  const ledger = () => join(ctx.tmp.dir, 'rules.jump-ledger.json')
  const key = () => `${FAKE_CREDENTIALS.appid} at ${ctx.fake.url}`

  it('counts each code\u2019s jump rule in the ledger', async () => {
    expect((await create(['--stores', '12', '--tables', '1-3'])).status).toBe(0)
    expect(readJson<{ spent: Record<string, number> }>(ledger()).spent[key()]).toBe(3)
  })

  it('refuses a run that needs more calls than are left, before making any code', async () => {
    writeFileSync(ledger(), JSON.stringify({ about: '', spent: { [key()]: 99_998 } }))
    const r = await create(['--stores', '12', '--tables', '1-3'])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('3 new codes need 3 qrcodejumpadd calls; 99998 of WeChat')
    expect(r.stderr).toContain('2 left')
    expect(ctx.fake.snapshot().tickets).toHaveLength(0)
  })

  it('says in a dry run what kind of code it would make, which scene_ids, and the budget', async () => {
    const r = await create(['--dry-run', '--numeric', '--stores', '12', '--tables', '1-2'])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('Would create 2 permanent codes (QR_LIMIT_SCENE)')
    expect(r.stdout).toContain('New scene_ids 1002–1003')
    expect(r.stdout).toContain("the ledger counts 0 of WeChat's 100000 lifetime qrcodejumpadd calls")
    expect(readJson(ctx.tmp.rules).serviceAccount!.sceneIds).toEqual({ '1001': 'store=12' })
  })
})
