// `codes:create` against the fake WeChat, in-process through the shell on temp copies of the rule file: the images
// it saves are read back with jsqr (the fake draws an ordinary QR code naming the page and scene it was asked for).
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { readFakeCodeText } from '@scan-to-order/wechat-api/fake'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'

import { landScene } from '../../../src/landing'
import { imageBase } from '../../../tools/wechat/code-images'
import { compile } from '../../unit/fixtures'
import { runInProcess } from '../run-tool'
import { cliEnv, freshFakeAndRules, readJson } from './helpers'

const ctx = freshFakeAndRules()

const images = () => join(ctx.tmp.dir, 'mp-codes')
const codes = (args: string[]) =>
  runInProcess('codes:create', [...args, '--rules', ctx.tmp.rules], { env: cliEnv(ctx.fake) })
const calls = () => ctx.fake.snapshot().calls.getwxacodeunlimit ?? 0

/** What a saved code opens, read the way a phone camera reads it. */
function readCode(file: string) {
  const png = PNG.sync.read(readFileSync(join(images(), file)))
  const text = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? ''
  return { width: png.width, ...readFakeCodeText(text) }
}

describe('codes:create', () => {
  it('makes one code per table, each opening the entry page with its scene, indexed and recorded', async () => {
    const r = await codes(['--stores', '12', '--tables', '1-3', '--images', images(), '--width', '280'])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('Made 3 mini program codes')

    const files = readdirSync(images()).sort()
    expect(files).toEqual(
      [...[1, 2, 3].map((t) => `${imageBase(`store=12&table=${t}`)}.png`), 'index.csv'].sort()
    )
    const ruleTable = compile(readJson(ctx.tmp.rules))
    for (const t of [1, 2, 3]) {
      const code = readCode(`${imageBase(`store=12&table=${t}`)}.png`)
      expect(code).toMatchObject({
        width: 280,
        page: 'pages/index/index',
        scene: `store=12&table=${t}`,
        env_version: 'release',
      })
      // The scene, as WeChat hands it to the entry page, lands on that table.
      expect(landScene(encodeURIComponent(code.scene!), ruleTable)).toMatchObject({
        ok: true,
        params: { store: 12, table: String(t) },
      })
    }
    expect(readFileSync(join(images(), 'index.csv'), 'utf8').split('\n')).toEqual([
      'file,scene,page,env_version,width',
      `${imageBase('store=12&table=1')}.png,store=12&table=1,pages/index/index,release,280`,
      `${imageBase('store=12&table=2')}.png,store=12&table=2,pages/index/index,release,280`,
      `${imageBase('store=12&table=3')}.png,store=12&table=3,pages/index/index,release,280`,
      '',
    ])
    expect(readJson(ctx.tmp.rules).miniProgramCode!.scenes).toEqual([
      'store=12&table=5',
      'store=12',
      'store=12&table=1',
      'store=12&table=2',
      'store=12&table=3',
    ])

    const again = await codes(['--stores', '12', '--tables', '1-3', '--images', images()])
    expect(again.stdout).toContain('Made 0 mini program codes; 3 in')
    expect(calls()).toBe(3)
  })

  it('names trial codes apart and asks WeChat for that version', async () => {
    const r = await codes(['--stores', '12', '--tables', '4', '--images', images(), '--env-version', 'trial'])
    expect(r.status).toBe(0)
    const file = `${imageBase('store=12&table=4')}.trial.png`
    expect(readCode(file)).toMatchObject({ env_version: 'trial', scene: 'store=12&table=4' })
  })

  it('checks every scene before calling WeChat, and names each refused one', async () => {
    const list = join(ctx.tmp.dir, 'scenes.txt')
    writeFileSync(
      list,
      ['store=12&table=5', 'store=123456789&table=ABCDEFGHIJK', 'store=12 table=5', 'store=12&x=1'].join('\n')
    )
    const r = await codes(['--scenes', list, '--images', images()])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('3 scenes refused; no code was made')
    expect(r.stderr).toContain('33 characters')
    expect(r.stderr).toContain('40129')
    expect(r.stderr).toContain('invalid-param')
    expect(calls()).toBe(0)
    expect(existsSync(images())).toBe(false)
  })

  it('stops on 41030 (page not released) with what to do, and makes the codes with --no-check-path', async () => {
    ctx.fake.world.options.releasedPages = []
    const stopped = await codes(['--stores', '12', '--tables', '1', '--images', images()])
    expect(stopped.status).toBe(1)
    expect(stopped.stderr).toContain('WeChat error 41030')
    expect(stopped.stderr).toContain('--no-check-path')
    expect(calls()).toBe(1)

    const r = await codes(['--stores', '12', '--tables', '1', '--images', images(), '--no-check-path'])
    expect(r.status).toBe(0)
  })

  it('retries a busy WeChat, and a stopped run keeps what it made and continues from there', async () => {
    ctx.fake.inject({ api: 'getwxacodeunlimit', code: -1 })
    ctx.fake.inject({ api: 'getwxacodeunlimit', code: 40129, after: 2 })
    const stopped = await codes(['--stores', '12', '--tables', '1-4', '--images', images()])
    expect(stopped.status).toBe(1)
    expect(stopped.stderr).toContain('retry 1')
    expect(stopped.stderr).toContain('WeChat error 40129')
    expect(stopped.stderr).toContain('Stopped after 2 new code(s)')
    expect(readdirSync(images()).filter((f) => f.endsWith('.png'))).toHaveLength(2)
    expect(readJson(ctx.tmp.rules).miniProgramCode!.scenes).toHaveLength(4)

    const resumed = await codes(['--stores', '12', '--tables', '1-4', '--images', images()])
    expect(resumed.status).toBe(0)
    expect(resumed.stdout).toContain('Made 2 mini program codes; 4 in')
    expect(readFileSync(join(images(), 'index.csv'), 'utf8').trim().split('\n')).toHaveLength(5)
  })

  it('shows what it would do in a dry run, without credentials or calls', async () => {
    const r = await runInProcess(
      'codes:create',
      ['--dry-run', '--stores', '12', '--tables', '1-20', '--images', images(), '--rules', ctx.tmp.rules],
      { env: {} }
    )
    expect(r.status).toBe(0)
    expect(r.stdout).toContain(
      'Would make 20 mini program codes (wxacode.getUnlimited) opening pages/index/index'
    )
    expect(calls()).toBe(0)
  })

  it.each([
    [['--stores', '12', '--tables', '1'], 'Give --images DIR'],
    [['--stores', '12', '--images', 'x'], 'Give either --scenes FILE or both --stores and --tables'],
    [
      ['--stores', '12', '--tables', '1', '--images', 'x', '--width', '100'],
      '--width must be a whole number from 280 to 1280',
    ],
    [
      ['--stores', '12', '--tables', '1', '--images', 'x', '--env-version', 'beta'],
      '--env-version must be one of',
    ],
  ])('refuses %j (exit 2)', async (args, message) => {
    const r = await codes(args)
    expect(r.status).toBe(2)
    expect(r.stderr).toContain(message)
  })

  it('refuses a rule file without a miniProgramCode section (exit 2)', async () => {
    const file = readJson(ctx.tmp.rules)
    delete file.miniProgramCode
    writeFileSync(ctx.tmp.rules, JSON.stringify(file))
    const r = await codes(['--stores', '12', '--tables', '1', '--images', images()])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('has no "miniProgramCode"')
  })
})
