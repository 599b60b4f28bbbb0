// The scan command in-process through the shell: its stdout JSON, stderr and exit status. (Its real process, as
// `npm run --silent scan`, is in smoke.test.ts.)
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { RuleTableFile } from '../../src/landing'
import { readRulesJson } from '../unit/fixtures'
import { runInProcess } from './run-tool'

interface Run {
  status: number | null
  stdout: string
  stderr: string
  /** stdout parsed, when it is exactly one line of JSON. */
  json: Record<string, unknown> | null
}

async function scan(args: string[], cwd?: string): Promise<Run> {
  const r = await runInProcess('scan', args, { cwd })
  const lines = r.stdout.split('\n')
  const json =
    lines.length === 2 && lines[1] === '' ? (JSON.parse(lines[0]) as Record<string, unknown>) : null
  return { ...r, json }
}

const rulesJson: RuleTableFile = readRulesJson()
const debugUrls = rulesJson.rules.flatMap((r) => r.debug_url.map((url) => ({ url, prefix: r.prefix })))
const tickets = rulesJson.serviceAccount?.tickets ?? []

// Made at load time, not in beforeAll: concurrent tests may start before hooks settle.
const tmp = mkdtempSync(join(tmpdir(), 'scan-test-'))
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true })
})

describe('scan lands on a page (exit 0)', () => {
  it.each(debugUrls)('lands debug_url $url through its rule', async ({ url, prefix }) => {
    const r = await scan([url])
    expect(r.status).toBe(0)
    expect(r.stderr).toBe('')
    expect(r.json).toEqual({ ok: true, rule: prefix, page: 'pages/order/index', params: expect.any(Object) })
  })

  it.each(tickets)('lands ticket $url by its scene', async ({ url }) => {
    const r = await scan([url])
    expect(r.status).toBe(0)
    expect(r.json).toMatchObject({ ok: true, rule: url, page: 'pages/order/index' })
  })

  it('prints exactly the contract fields for a table code', async () => {
    expect((await scan(['https://shop.example.com/s/12/t/5'])).stdout).toBe(
      '{"ok":true,"rule":"https://shop.example.com/s/","page":"pages/order/index",' +
        '"params":{"store":12,"table":"5","mode":"dine-in"}}\n'
    )
  })

  it.each([
    { how: 'once, as WeChat does', times: 1 },
    { how: 'twice, as some printing tools do', times: 2 },
  ])('decodes CONTENT as the q launch option with --q, encoded $how', async ({ times }) => {
    let q = 'https://shop.example.com/s/12?mode=takeaway'
    for (let i = 0; i < times; i++) q = encodeURIComponent(q)
    const r = await scan(['--q', q, '--time', '1605179075'])
    expect(r.status).toBe(0)
    expect(r.json).toEqual({
      ok: true,
      rule: 'https://shop.example.com/s/',
      page: 'pages/order/index',
      params: { store: 12, mode: 'takeaway' },
    })
  })

  it.each([
    { scene: '1011', follow: true },
    { scene: '1012', follow: false },
  ])('adds follow: $follow for --scene $scene', async ({ scene, follow }) => {
    const r = await scan(['--scene', scene, 'https://shop.example.com/s/12'])
    expect(r.status).toBe(0)
    expect(r.json).toMatchObject({ ok: true, follow })
  })

  it('finds the project rules.json from another working directory', async () => {
    const r = await scan(['https://shop.example.com/s/12'], tmp)
    expect(r.status).toBe(0)
    expect(r.json).toMatchObject({ ok: true, rule: 'https://shop.example.com/s/' })
  })
})

describe('scan lands on the error page (exit 1)', () => {
  it('reports a malformed q', async () => {
    const r = await scan(['--q', '%E0%A4%A'])
    expect(r.status).toBe(1)
    expect(r.json).toEqual({
      ok: false,
      code: 'malformed-q',
      message: expect.any(String),
      hint: expect.any(String),
    })
  })

  it('explains a link no rule matches', async () => {
    const r = await scan(['https://shop.example.com/menu'])
    expect(r.status).toBe(1)
    expect(r.json).toMatchObject({
      ok: false,
      code: 'no-matching-rule',
      explain: [{ prefix: 'https://shop.example.com/s/', mismatch: 'path' }],
    })
    expect(r.json).not.toHaveProperty('rule')
  })

  it('names the matched rule for an invalid param', async () => {
    const r = await scan(['https://shop.example.com/s/0/t/5'])
    expect(r.status).toBe(1)
    expect(r.json).toMatchObject({ ok: false, code: 'invalid-param', rule: 'https://shop.example.com/s/' })
    expect(r.json).not.toHaveProperty('explain')
  })

  it('takes CONTENT as printed without --q: an encoded link is not a link', async () => {
    // Without --q the content is taken as printed: an encoded link is not a link.
    const r = await scan([encodeURIComponent('https://shop.example.com/s/12')])
    expect(r.status).toBe(1)
    expect(r.json).toMatchObject({ ok: false, code: 'not-a-link' })
  })

  it('lands with another rule table given by --rules', async () => {
    const file = join(tmp, 'other.json')
    writeFileSync(
      file,
      JSON.stringify({
        rules: [{ prefix: 'https://m.example.com/s/', permit_sub_rule: 1, open_version: 3, debug_url: [] }],
      })
    )
    const r = await scan(['--rules', file, 'https://m.example.com/s/1'])
    expect(r.status).toBe(1)
    expect(r.json).toMatchObject({ ok: false, code: 'no-route', rule: 'https://m.example.com/s/' })
  })
})

describe('scan refuses usage and rule file errors (exit 2)', () => {
  it('names every problem of a broken rule table with its JSON pointer and hint', async () => {
    const file = join(tmp, 'broken.json')
    writeFileSync(
      file,
      JSON.stringify({
        rules: [
          {
            prefix: 'https://m.example.com/s/',
            routes: [{ page: 'pages/admin/index', path: '/s/:store', params: { store: { type: 'string' } } }],
          },
        ],
      })
    )
    const r = await scan(['--rules', file, 'https://m.example.com/s/1'])
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('/rules/0/routes/0/page')
    expect(r.stderr).toContain('/rules/0/routes/0/params/store/pattern')
    expect(r.stderr).toMatch(/hint: /)
  })

  it.each([
    { name: 'a missing file', content: null },
    { name: 'a file that is not JSON', content: '{"rules": [' },
    { name: 'a file that is not an object', content: '[]' },
  ])('refuses $name', async ({ name, content }) => {
    const file = join(tmp, `${name.replace(/\W+/g, '-')}.json`)
    if (content !== null) writeFileSync(file, content)
    const r = await scan(['--rules', file, 'https://shop.example.com/s/12'])
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain(file)
    expect(r.stderr).toMatch(/hint: /)
  })

  it.each([
    { name: 'no CONTENT', args: [] },
    { name: 'an empty CONTENT', args: [''] },
    { name: 'two CONTENTs', args: ['https://a.com/', 'https://b.com/'] },
    { name: 'an unknown option', args: ['--verbose', 'https://shop.example.com/s/12'] },
    { name: '--rules without a file', args: ['https://shop.example.com/s/12', '--rules'] },
    { name: 'a non-numeric --scene', args: ['--scene', '10x1', 'https://shop.example.com/s/12'] },
    { name: 'a negative --scene', args: ['--scene=-1', 'https://shop.example.com/s/12'] },
    { name: 'a fractional --time', args: ['--time', '1605179075.5', 'https://shop.example.com/s/12'] },
    { name: 'a --time in milliseconds', args: ['--time', '1605179075000', 'https://shop.example.com/s/12'] },
  ])('refuses $name with a usage message', async ({ args }) => {
    const r = await scan(args)
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(/^scan: /)
    expect(r.stderr).toContain('usage: npm run --silent scan --')
  })
})

describe('scan --pretty answers for a person, with the same exit status', () => {
  it('names the page, the rule and the params of a table code (exit 0)', async () => {
    const r = await scan(['--pretty', 'https://shop.example.com/s/12/t/5'])
    expect(r.status).toBe(0)
    expect(r.json).toBeNull()
    expect(r.stdout).toBe(
      'https://shop.example.com/s/12/t/5\n' +
        '  lands on  pages/order/index\n' +
        '  rule      https://shop.example.com/s/\n' +
        '  params    store=12 table=5 mode=dine-in\n'
    )
  })

  it.each([
    { why: 'protocol', link: 'http://shop.example.com/s/12', words: /the protocol differs from the rule's/ },
    { why: 'host', link: 'https://other.example.com/s/12', words: /the host differs from the rule's/ },
    {
      why: 'path',
      link: 'https://shop.example.com/menu',
      words: /the path differs: it must equal the rule's path/,
    },
  ])('explains in words why each rule did not match ($why)', async ({ link, words }) => {
    const r = await scan(['--pretty', link])
    expect(r.status).toBe(1)
    expect(r.stdout).toContain('  lands on  the error page: no-matching-rule\n')
    expect(r.stdout).toContain('  rules that did not match:\n')
    const line = r.stdout.split('\n').find((l) => l.startsWith('    https://shop.example.com/s/: '))
    expect(line).toMatch(words)
  })

  it('explains a query mismatch in words', async () => {
    const file = join(tmp, 'query-rule.json')
    writeFileSync(
      file,
      JSON.stringify({
        rules: [
          { prefix: 'https://m.example.com/p?id=123', permit_sub_rule: 1, open_version: 3, debug_url: [] },
        ],
      })
    )
    const r = await scan(['--pretty', '--rules', file, 'https://m.example.com/p?id=132'])
    expect(r.status).toBe(1)
    expect(r.stdout).toContain(
      "    https://m.example.com/p?id=123: the query does not start with the rule's query\n"
    )
  })

  it('names the matched rule and the reason for an invalid param (exit 1)', async () => {
    const r = await scan(['--pretty', 'https://shop.example.com/s/0/t/5'])
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/^ {2}lands on {2}the error page: invalid-param$/m)
    expect(r.stdout).toMatch(/^ {2}why {7}Param "store" must be a whole number/m)
    expect(r.stdout).toMatch(/^ {2}rule {6}https:\/\/shop\.example\.com\/s\/$/m)
    expect(r.stdout).not.toContain('rules that did not match')
  })

  it('says whether the follow banner can show with --scene', async () => {
    const r = await scan(['--pretty', '--scene', '1012', 'https://shop.example.com/s/12'])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('  follow    the Official Account banner cannot show in this scene\n')
  })

  it('keeps JSON the default', async () => {
    const r = await scan(['https://shop.example.com/s/12'])
    expect(r.json).toMatchObject({ ok: true, page: 'pages/order/index' })
  })
})

describe('scan --mp-scene: where a mini program code lands', () => {
  it('lands a code on its table (rule miniProgramCode), and says the banner shows for scene 1047', async () => {
    const r = await scan(['--mp-scene', 'store=12&table=5', '--scene', '1047'])
    expect(r.status).toBe(0)
    expect(r.json).toEqual({
      ok: true,
      rule: 'miniProgramCode',
      page: 'pages/order/index',
      params: { store: 12, table: '5', mode: 'dine-in' },
      follow: true,
    })
  })

  it('says the banner does not show for a long-pressed code (scene 1048)', async () => {
    expect((await scan(['--mp-scene', 'store=12', '--scene', '1048'])).json).toMatchObject({ follow: false })
  })

  it.each([
    ['a scene of 33 characters', `store=1&table=${'A'.repeat(19)}`, 'malformed-scene'],
    ['a character WeChat refuses', 'store=12 table=5', 'malformed-scene'],
    ['a key no route declares', 'store=12&x=1', 'invalid-param'],
  ])('lands %s on the error page (exit 1)', async (_what, scene, code) => {
    const r = await scan(['--mp-scene', scene])
    expect(r.status).toBe(1)
    expect(r.json).toMatchObject({ ok: false, code })
  })

  it('says why in words with --pretty', async () => {
    const r = await scan(['--pretty', '--mp-scene', 'store=12&table=5'])
    expect(r.status).toBe(0)
    expect(r.stdout).toContain('pages/order/index')
  })

  it.each([
    [['--mp-scene', 'store=12', 'https://shop.example.com/s/12'], 'without CONTENT'],
    [['--mp-scene', 'store=12', '--q'], 'without CONTENT, --q or --time'],
    [['--mp-scene', ''], '--mp-scene is empty'],
    [['--mp-scene', 'store=12', '--scene', 'x'], '--scene must be a whole number'],
  ])('refuses %j (exit 2)', async (args, message) => {
    const r = await scan(args)
    expect(r.status).toBe(2)
    expect(r.stderr).toContain(message)
  })
})

describe("scan --mp-path: a mini program code scanned with the app's own scan button", () => {
  const DINE_IN = {
    ok: true,
    rule: 'miniProgramCode',
    page: 'pages/order/index',
    params: { store: 12, table: '5', mode: 'dine-in' },
  }

  it.each([
    ['as iOS gives it', 'pages/index/index?scene=store%3D12%26table%3D5'],
    ['as Android gives it', 'pages/index/index?scene=store=12&table=5'],
  ])('lands the path %s where the launch with its scene lands', async (_, path) => {
    const r = await scan(['--mp-path', path])
    expect(r.status).toBe(0)
    expect(r.json).toEqual(DINE_IN)
    expect((await scan(['--mp-scene', 'store=12&table=5'])).json).toEqual(DINE_IN)
  })

  it('lands a code of another page on the error page (exit 1)', async () => {
    const r = await scan(['--mp-path', 'pages/order/index?store=12'])
    expect(r.status).toBe(1)
    expect(r.json).toMatchObject({ ok: false, code: 'no-route' })
  })

  it.each([
    [['--mp-path', 'pages/index/index?scene=store=12', '--scene', '1047'], 'it has no launch --scene'],
    [
      ['--mp-path', 'pages/index/index?scene=store=12', '--mp-scene', 'store=12'],
      'without CONTENT, --q, --time or --mp-scene',
    ],
  ])('refuses %j (exit 2)', async (args, message) => {
    const r = await scan(args)
    expect(r.status).toBe(2)
    expect(r.stderr).toContain(message)
  })
})

describe('scan and temporary tickets', () => {
  const file = join(tmp, 'temporary.json')
  const TEMP = 'http://weixin.qq.com/q/02temporaryScan'
  writeFileSync(
    file,
    JSON.stringify({
      ...rulesJson,
      serviceAccount: {
        ...rulesJson.serviceAccount!,
        tickets: [{ url: TEMP, scene: 'store=12&table=9', expire_time: 1_700_000_000 }],
      },
    })
  )

  it('lands a temporary ticket scanned before its end (--time), and like an unknown one at or after it', async () => {
    expect((await scan(['--rules', file, '--time', '1699999999', TEMP])).json).toMatchObject({ ok: true })
    const expired = await scan(['--rules', file, '--time', '1700000000', TEMP])
    expect(expired.status).toBe(1)
    expect(expired.json).toMatchObject({ ok: false, code: 'unknown-ticket', rule: TEMP })
    // Without --time, now: long past that end.
    expect((await scan(['--rules', file, TEMP])).json).toMatchObject({ code: 'unknown-ticket' })
  })
})
