// devtools:conditions in-process through the shell, writing a real project.private.config.json.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { compileRuleTable, ENTRY_PAGE, landInput, landScene, readLaunchQuery } from '../../src/landing'
import { describeLanding } from '../../tools/lib/describe'
import { readRulesJson } from '../unit/fixtures'
import { runInProcess } from './run-tool'

const tmp = mkdtempSync(join(tmpdir(), 'devtools-conditions-test-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** A fresh folder per case: the tests run side by side. */
function folder(name: string): string {
  const dir = join(tmp, name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir)
  return dir
}

const conditions = (args: string[]) => runInProcess('devtools:conditions', args)

interface Condition {
  name: string
  pathName: string
  query: string
  launchMode: string
  scene: number | null
}

function listOf(path: string): Condition[] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { condition: { miniprogram: { list: Condition[] } } })
    .condition.miniprogram.list
}

/** Reads a condition's query as the entry page does (DevTools hands q over still encoded). */
function launchQuery(query: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of query.split('&').filter(Boolean)) {
    const eq = pair.indexOf('=')
    out[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  return out
}

const rulesJson = readRulesJson()
const compiled = compileRuleTable(rulesJson)
if (!compiled.ok) throw new Error('rules.json does not compile')
const ruleTable = compiled.ruleTable
const debugUrls = rulesJson.rules.flatMap((r) => r.debug_url)
const tickets = rulesJson.serviceAccount?.tickets ?? []
const codeScenes = rulesJson.miniProgramCode?.scenes ?? []

describe('devtools:conditions writes one scan condition per debug_url, ticket and mini program code', () => {
  const dir = folder('fresh')
  const config = join(dir, 'project.private.config.json')
  const run = conditions(['--config', config])

  it('creates the file when there is none (exit 0)', async () => {
    const r = await run
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/scan conditions \(replaced 0, kept 0 others\)\.\n$/)
  })

  it('has a debug_url condition, a ticket condition, a mini program code condition, then "no q" and "malformed q"', async () => {
    await run
    const names = listOf(config).map((c) => c.name)
    expect(codeScenes.length).toBeGreaterThan(0)
    expect(names).toHaveLength(debugUrls.length + tickets.length + codeScenes.length + 2)
    expect(names.every((n) => n.startsWith('[scan] '))).toBe(true)
    debugUrls.forEach((url, i) => expect(names[i]).toContain(`[scan] ${url} → `))
    tickets.forEach((t, i) => expect(names[debugUrls.length + i]).toContain(`ticket ${t.url} `))
    codeScenes.forEach((scene, i) =>
      expect(names[debugUrls.length + tickets.length + i]).toBe(
        `[scan] mini program code ${scene} → ${describeLanding(landScene(encodeURIComponent(scene), ruleTable))}`
      )
    )
    expect(names.at(-2)).toMatch(/^\[scan\] no q → /)
    expect(names.at(-1)).toMatch(/^\[scan\] malformed q .* → error page: malformed-q$/)
  })

  it('simulates a scan: entry page, scene 1011, default launch, q encoded once and a fixed scancode_time', async () => {
    await run
    for (const c of listOf(config)) {
      if (c.name.startsWith('[scan] mini program code')) continue
      expect(c).toMatchObject({ pathName: ENTRY_PAGE, scene: 1011, launchMode: 'default' })
      if (c.query === '') continue
      expect(c.query).toMatch(/^q=[^&=]+&scancode_time=1700000000$/)
    }
    const first = launchQuery(listOf(config)[0].query)
    expect(decodeURIComponent(first.q)).toBe(debugUrls[0])
  })

  it('simulates a mini program code: entry page, scene 1047, the scene encoded once and no scancode_time', async () => {
    await run
    const codes = listOf(config).filter((c) => c.name.startsWith('[scan] mini program code'))
    expect(codes.map((c) => c.query)).toEqual(codeScenes.map((s) => `scene=${encodeURIComponent(s)}`))
    for (const c of codes)
      expect(c).toMatchObject({ pathName: ENTRY_PAGE, scene: 1047, launchMode: 'default' })
  })

  it('names where each condition lands, as the entry page would land it', async () => {
    await run
    for (const c of listOf(config)) {
      const launch = readLaunchQuery(launchQuery(c.query))
      const where =
        launch.kind === 'none'
          ? 'home screen (not a scan)'
          : describeLanding(landInput(launch, ruleTable, Math.floor(Date.now() / 1000)))
      expect(c.name.endsWith(`→ ${where}`)).toBe(true)
    }
    expect(listOf(config)[0].name).toBe(
      '[scan] https://shop.example.com/s/12/t/5 → pages/order/index store=12 table=5 mode=dine-in'
    )
  })
})

describe('devtools:conditions keeps what it did not write', () => {
  const dir = folder('existing')
  const config = join(dir, 'project.private.config.json')
  const mine = {
    name: 'my order page',
    pathName: 'pages/order/index',
    query: 'store=1',
    launchMode: 'default',
    scene: null,
  }
  const original = {
    description: 'DevTools settings',
    setting: { compileHotReLoad: true, urlCheck: false },
    condition: {
      plugin: { list: [] },
      miniprogram: {
        current: 1,
        list: [
          mine,
          {
            name: '[scan] https://old.example.com/gone → pages/order/index',
            pathName: ENTRY_PAGE,
            query: 'q=x',
          },
          { ...mine, name: 'another of mine' },
        ],
      },
    },
    libVersion: '3.4.0',
  }
  writeFileSync(config, JSON.stringify(original, null, 2))
  const first = conditions(['--config', config])

  it('replaces only its own conditions, keeping the others in order and every other key', async () => {
    const r = await first
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/\(replaced 1, kept 2 others\)\./)
    const written = JSON.parse(readFileSync(config, 'utf8'))
    const list = written.condition.miniprogram.list as Condition[]
    expect(list.slice(0, 2)).toEqual([mine, { ...mine, name: 'another of mine' }])
    expect(list.some((c) => c.name.includes('old.example.com'))).toBe(false)
    expect(list.filter((c) => c.name.startsWith('[scan] '))).toHaveLength(
      debugUrls.length + tickets.length + codeScenes.length + 2
    )
    expect({ ...written, condition: { ...written.condition, miniprogram: { current: 1 } } }).toEqual({
      ...original,
      condition: { ...original.condition, miniprogram: { current: 1 } },
    })
    expect(Object.keys(written)).toEqual(Object.keys(original))
  })

  it('changes nothing on a second run (byte-identical file) and says so', async () => {
    await first
    const before = readFileSync(config)
    const r = await conditions(['--config', config])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/already up to date\.\n$/)
    expect(readFileSync(config).equals(before)).toBe(true)
    // Atomic writes leave no temporary file behind.
    expect(readdirSync(dir)).toEqual(['project.private.config.json'])
  })
})

describe('devtools:conditions refuses a config file it cannot edit safely, leaving it untouched', () => {
  it.each([
    {
      what: 'invalid JSON',
      text: '{"condition": {"miniprogram": {"list": [',
      message: /it is not valid JSON/,
    },
    { what: 'a JSON array', text: '[]', message: /it is not a JSON object/ },
    {
      what: 'a "condition" that is not an object',
      text: '{"condition": []}',
      message: /"condition" is not an object/,
    },
    {
      what: 'a list that is not an array',
      text: '{"condition": {"miniprogram": {"list": {}}}}',
      message: /"condition\.miniprogram\.list" is not an array/,
    },
  ])('refuses $what (exit 2)', async ({ what, text, message }) => {
    const dir = folder(`broken-${what.replace(/\W+/g, '-')}`)
    const config = join(dir, 'project.private.config.json')
    writeFileSync(config, text)
    const r = await conditions(['--config', config])
    expect(r.status).toBe(2)
    expect(r.stdout).toBe('')
    expect(r.stderr).toMatch(message)
    expect(r.stderr).toMatch(/nothing was written/)
    expect(r.stderr).toMatch(/hint: /)
    expect(readFileSync(config, 'utf8')).toBe(text)
    expect(readdirSync(dir)).toEqual(['project.private.config.json'])
  })

  it('refuses a rule table that does not compile, creating no file (exit 2)', async () => {
    const dir = folder('bad-rules')
    const rules = join(dir, 'rules.json')
    writeFileSync(rules, JSON.stringify({ rules: [{ prefix: 'nope' }] }))
    const config = join(dir, 'project.private.config.json')
    const r = await conditions(['--config', config, '--rules', rules])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/\/rules\/0\/prefix: The prefix "nope" is not a link/)
    expect(readdirSync(dir)).toEqual(['rules.json'])
  })
})

describe('devtools:conditions caps tickets', () => {
  it('writes the first 50 of 120 tickets and prints a note saying so', async () => {
    const dir = folder('cap')
    const many = Array.from({ length: 120 }, (_, i) => ({
      url: `http://weixin.qq.com/q/02cap${i}`,
      scene: `store=${i + 1}&table=1`,
    }))
    const rules = join(dir, 'rules.json')
    writeFileSync(
      rules,
      JSON.stringify({ ...rulesJson, serviceAccount: { ...rulesJson.serviceAccount, tickets: many } })
    )
    const config = join(dir, 'conditions.json')
    const r = await conditions(['--config', config, '--rules', rules])
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/first 50 of 120 tickets only/)
    const ticketNames = listOf(config).filter((c) => c.name.startsWith('[scan] ticket '))
    expect(ticketNames.map((c) => c.name.split(' ')[2])).toEqual(many.slice(0, 50).map((t) => t.url))
  })
})
