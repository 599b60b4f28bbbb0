// TARO_APP_ID reaches WeChat DevTools opened at the project root: the build's appid goes into the root's
// project.private.config.json (DevTools prefers it to project.config.json), keeping every other key, so the
// compile conditions devtools:conditions writes and DevTools' own settings survive, and they keep the appid.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import devtoolsAppid from '../../config/devtools-appid'
import { taroBuild } from '../../tools/bench/build'
import { mergeConditions } from '../../tools/lib/devtools-config'
import { scanConditions } from '../../tools/lib/scan-conditions'
import { compile, readRulesJson, ROOT } from '../unit/fixtures'

const { withAppid, syncAppid } = devtoolsAppid
const APPID = 'wx0123456789abcdef'
const DEVTOOLS_OWN = { setting: { urlCheck: false, compileHotReLoad: true }, libVersion: '3.4.0' }

const tmp = mkdtempSync(join(tmpdir(), 'devtools-appid-test-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>

describe('withAppid', () => {
  it('creates the private config with the appid when there is none', () => {
    expect(withAppid(null, APPID)).toEqual({ ok: true, text: json({ appid: APPID }), changed: true })
  })

  it('sets the appid and keeps every other key, in place', () => {
    const before = json({ ...DEVTOOLS_OWN, appid: 'touristappid', condition: { miniprogram: { list: [] } } })
    const merged = withAppid(before, APPID)
    expect(merged).toMatchObject({ ok: true, changed: true })
    if (!merged.ok) return
    expect(merged.text).toBe(
      json({ ...DEVTOOLS_OWN, appid: APPID, condition: { miniprogram: { list: [] } } })
    )
  })

  it('changes nothing when the appid is already there', () => {
    const before = json({ appid: APPID, ...DEVTOOLS_OWN })
    expect(withAppid(before, APPID)).toEqual({ ok: true, text: before, changed: false })
  })

  it.each([
    ['not JSON', '{ "setting": '],
    ['an array', '[]'],
    ['null', 'null'],
  ])('refuses a file that is %s', (_what, text) => {
    expect(withAppid(text, APPID)).toMatchObject({ ok: false, message: expect.any(String) })
  })
})

describe('syncAppid after a build', () => {
  function project(builtAppid: string, privateText?: string) {
    const dir = mkdtempSync(join(tmp, 'project-'))
    writeFileSync(join(dir, 'project.config.json'), json({ miniprogramRoot: 'dist/', appid: 'touristappid' }))
    mkdirSync(join(dir, 'dist'))
    writeFileSync(
      join(dir, 'dist', 'project.config.json'),
      json({ miniprogramRoot: './', appid: builtAppid })
    )
    if (privateText !== undefined) writeFileSync(join(dir, 'project.private.config.json'), privateText)
    return { dir, dist: join(dir, 'dist'), privateFile: join(dir, 'project.private.config.json') }
  }

  it('writes the appid TARO_APP_ID gave the build into the private config', () => {
    const p = project(APPID, json(DEVTOOLS_OWN))
    expect(syncAppid(p.dir, p.dist)).toContain(
      `${APPID} (TARO_APP_ID) written to project.private.config.json`
    )
    expect(read(p.privateFile)).toEqual({ ...DEVTOOLS_OWN, appid: APPID })
    expect(syncAppid(p.dir, p.dist)).toBeNull()
  })

  it('touches nothing when the build used the tracked appid (TARO_APP_ID unset)', () => {
    const p = project('touristappid')
    expect(syncAppid(p.dir, p.dist)).toBeNull()
    expect(existsSync(p.privateFile)).toBe(false)
  })

  it('leaves a broken private config untouched and says what to do', () => {
    const p = project(APPID, '{ "setting": ')
    expect(syncAppid(p.dir, p.dist)).toMatch(/left untouched because it is not valid JSON.*build again/)
    expect(readFileSync(p.privateFile, 'utf8')).toBe('{ "setting": ')
    expect(readdirSync(p.dir).filter((f) => f.endsWith('.tmp'))).toEqual([])
  })

  it('keeps the compile conditions of devtools:conditions, and devtools:conditions keeps the appid', () => {
    const rules = readRulesJson()
    const { conditions } = scanConditions(rules, compile(rules), 1_700_000_000)
    const withConditions = mergeConditions(json(DEVTOOLS_OWN), conditions)
    if (!withConditions.ok) throw new Error(withConditions.message)
    const p = project(APPID, withConditions.text)
    syncAppid(p.dir, p.dist)
    const after = read(p.privateFile)
    expect(after).toMatchObject({ appid: APPID, condition: { miniprogram: { list: conditions } } })

    const again = mergeConditions(readFileSync(p.privateFile, 'utf8'), conditions)
    expect(again.ok && JSON.parse(again.text)).toEqual(after)
  })
})

// The real thing: `taro build --type weapp` of a snapshot of this project (its config, its plugins), with
// TARO_APP_ID set as a developer would, then the snapshot's root holds what DevTools reads.
describe('a build with TARO_APP_ID', () => {
  const NOT_COPIED = new Set(['node_modules', 'dist', '.git', '.swc', 'coverage', 'out', 'bench', 'test'])
  let snapshot: string
  let before: string | undefined

  beforeAll(() => {
    snapshot = mkdtempSync(join(tmp, 'snapshot-'))
    for (const entry of readdirSync(ROOT)) {
      if (!NOT_COPIED.has(entry) && !entry.startsWith('project.private'))
        cpSync(join(ROOT, entry), join(snapshot, entry), { recursive: true })
    }
    symlinkSync(join(ROOT, 'node_modules'), join(snapshot, 'node_modules'), 'dir')
    // What devtools:conditions and DevTools had written before this build.
    writeFileSync(
      join(snapshot, 'project.private.config.json'),
      json({
        ...DEVTOOLS_OWN,
        condition: {
          miniprogram: {
            list: [
              { name: 'mine', pathName: 'pages/index/index', query: '', launchMode: 'default', scene: null },
            ],
          },
        },
      })
    )
    before = process.env.TARO_APP_ID
    process.env.TARO_APP_ID = APPID
    taroBuild(ROOT, snapshot)
  }, 600_000)

  afterAll(() => {
    if (before === undefined) delete process.env.TARO_APP_ID
    else process.env.TARO_APP_ID = before
  })

  it('gives DevTools at the project root the appid, keeping its settings and conditions', () => {
    expect(read(join(snapshot, 'project.private.config.json'))).toEqual({
      ...DEVTOOLS_OWN,
      condition: { miniprogram: { list: [expect.objectContaining({ name: 'mine' })] } },
      appid: APPID,
    })
    // The tracked file stays as committed; the build's own copy has the appid too.
    expect(read(join(snapshot, 'project.config.json'))).toMatchObject({
      appid: 'touristappid',
      miniprogramRoot: 'dist/',
    })
    expect(read(join(snapshot, 'dist', 'project.config.json'))).toMatchObject({ appid: APPID })
  })
})
