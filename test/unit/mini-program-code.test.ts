// Mini program codes (wxacode.getUnlimited): the `scene` launch option decoded once and routed through the rule
// table's `miniProgramCode` routes, and the launch reading and gate that tell a new code from a re-show.
import {
  CODE_RULE,
  compileRuleTable,
  decodeScene,
  landCodePath,
  landInput,
  landScene,
  readLaunchQuery,
  ScanGate,
  type LandingErrorCode,
  type LaunchInput,
  type Params,
  type RuleTableFile,
} from '../../src/landing'
import { compile, FIXTURE, FIXTURE_FILE, readRulesJson } from './fixtures'

const CODES = compile({ ...FIXTURE_FILE, miniProgramCode: readRulesJson().miniProgramCode })
const enc = encodeURIComponent
const NOW = 1_700_000_000

describe('landCodePath (a code of this app scanned inside it: scanCode gives its path)', () => {
  const DINE_IN = {
    ok: true,
    rule: CODE_RULE,
    page: 'pages/order/index',
    params: { store: 12, table: '5', mode: 'dine-in' },
  }

  it.each([
    ['as iOS gives it (the scene URL-encoded)', `pages/index/index?scene=${enc('store=12&table=5')}`],
    ['as Android gives it (the scene as it is)', 'pages/index/index?scene=store=12&table=5'],
    ['with a leading slash', `/pages/index/index?scene=${enc('store=12&table=5')}`],
    ['encoded, with a key after it', `pages/index/index?scene=${enc('store=12&table=5')}&from=x`],
    ['encoded, after another key', `pages/index/index?from=x&scene=${enc('store=12&table=5')}`],
  ])('lands a table code %s, like the launch with the same scene', (_, path) => {
    expect(landCodePath(path, CODES)).toEqual(DINE_IN)
    expect(landCodePath(path, CODES)).toEqual(landScene(enc('store=12&table=5'), CODES))
  })

  it.each<{ name: string; path: unknown; code: LandingErrorCode }>([
    {
      name: 'a code of another page (made with a path, not a scene)',
      path: 'pages/order/index?store=12',
      code: 'no-route',
    },
    { name: 'a code of an undeclared page', path: 'pages/secret/index?scene=store%3D12', code: 'no-route' },
    { name: 'the entry page without a scene', path: 'pages/index/index', code: 'malformed-scene' },
    {
      name: 'a key that only ends in scene',
      path: 'pages/index/index?xscene=store%3D12',
      code: 'malformed-scene',
    },
    { name: 'an empty path', path: '', code: 'no-route' },
    { name: 'no path at all', path: undefined, code: 'no-route' },
    {
      name: 'a scene encoded twice',
      path: `pages/index/index?scene=${enc(enc('store=12&table=5'))}`,
      code: 'malformed-scene',
    },
    {
      name: 'a scene of a megabyte',
      path: `pages/index/index?scene=${'a'.repeat(1_000_000)}`,
      code: 'malformed-scene',
    },
    {
      name: 'a key no route declares',
      path: 'pages/index/index?scene=store=12&table=5&x=1',
      code: 'invalid-param',
    },
  ])('refuses $name with $code', ({ path, code }) => {
    const landed = landCodePath(path, CODES)
    expect(landed).toMatchObject({ ok: false, code })
    if (landed.ok) return
    expect(landed.input?.length).toBeLessThanOrEqual(120)
  })
})

describe('landScene', () => {
  it.each<{ name: string; scene: string; params: Params }>([
    {
      name: 'a table code (WeChat encodes the scene once)',
      scene: enc('store=12&table=5'),
      params: { store: 12, table: '5', mode: 'dine-in' },
    },
    { name: 'a store code on takeaway', scene: enc('store=12'), params: { store: 12, mode: 'takeaway' } },
    {
      name: 'a scene handed over already decoded (no % in it: decoding changes nothing)',
      scene: 'store=7&table=A-1',
      params: { store: 7, table: 'A-1', mode: 'dine-in' },
    },
    {
      name: 'the longest scene WeChat makes (32 characters)',
      scene: enc('store=123456789&table=ABCDEFGHIJ'),
      params: { store: 123456789, table: 'ABCDEFGHIJ', mode: 'dine-in' },
    },
  ])('lands $name', ({ scene, params }) => {
    expect(landScene(scene, CODES)).toEqual({ ok: true, rule: CODE_RULE, page: 'pages/order/index', params })
  })

  it.each<{ name: string; scene: unknown; code: LandingErrorCode }>([
    { name: 'a scene that is not a string', scene: 12, code: 'malformed-scene' },
    { name: 'an empty scene', scene: enc(''), code: 'malformed-scene' },
    {
      name: 'a scene of 33 characters',
      scene: enc(`store=1&table=${'A'.repeat(19)}`),
      code: 'malformed-scene',
    },
    {
      name: 'a scene encoded twice (a decoded % is never WeChat\u2019s: decoded exactly once)',
      scene: enc(enc('store=12&table=5')),
      code: 'malformed-scene',
    },
    { name: 'escapes that are not UTF-8', scene: '%E0%A4%A', code: 'malformed-scene' },
    { name: 'a character WeChat refuses (a space)', scene: enc('store=12 table=5'), code: 'malformed-scene' },
    {
      name: 'Chinese, which WeChat cannot put in a scene',
      scene: enc('store=十二'),
      code: 'malformed-scene',
    },
    { name: 'a megabyte of scene', scene: 'a'.repeat(1_000_000), code: 'malformed-scene' },
    { name: 'a key no route declares', scene: enc('store=12&table=5&x=1'), code: 'invalid-param' },
    { name: 'a prototype key', scene: enc('store=12&__proto__=1'), code: 'invalid-param' },
    { name: 'a store id out of range', scene: enc('store=0&table=5'), code: 'invalid-param' },
    { name: 'a const param given in the scene', scene: enc('store=12&mode=takeaway'), code: 'invalid-param' },
    { name: 'a scene with no route it fits', scene: enc('table=5'), code: 'no-route' },
  ])('refuses $name with $code', ({ scene, code }) => {
    const landed = landScene(scene, CODES)
    expect(landed).toMatchObject({ ok: false, code })
  })

  it('shows the refused scene back shortened, never more than the error page shows', () => {
    const landed = landScene('a'.repeat(1_000_000), CODES)
    if (landed.ok) throw new Error('a megabyte of scene landed')
    expect(landed.input?.length).toBeLessThanOrEqual(120)
  })

  it('refuses every code of a rule table without a miniProgramCode section with no-route', () => {
    expect(landScene(enc('store=12&table=5'), FIXTURE)).toMatchObject({
      ok: false,
      code: 'no-route',
      rule: CODE_RULE,
    })
  })

  it('decodes a scene exactly once', () => {
    expect(decodeScene(enc('store=12&table=5'))).toEqual({ ok: true, value: 'store=12&table=5' })
    expect(decodeScene(enc(enc('a=1')))).toMatchObject({ ok: false, code: 'malformed-scene' })
  })
})

describe('the miniProgramCode section', () => {
  const withCodes = (miniProgramCode: unknown) =>
    compileRuleTable({ ...FIXTURE_FILE, miniProgramCode } as unknown as RuleTableFile)

  it("compiles the project section, whose routes are the service account's own, compiled once", () => {
    expect(readRulesJson().miniProgramCode?.routes).toBe('serviceAccount')
    expect(CODES.codeRoutes).toHaveLength(2)
    expect(CODES.codeRoutes).toBe(CODES.sceneRoutes)
    expect(FIXTURE.codeRoutes).toBeNull()
  })

  it('compiles routes of its own', () => {
    const own = compile({
      ...FIXTURE_FILE,
      miniProgramCode: {
        page: 'pages/index/index',
        routes: [
          { page: 'pages/order/index', params: { store: { type: 'int' }, mode: { const: 'takeaway' } } },
        ],
      },
    })
    expect(landScene(enc('store=3'), own)).toMatchObject({ ok: true, params: { store: 3, mode: 'takeaway' } })
    expect(landScene(enc('store=3&table=1'), own)).toMatchObject({ ok: false, code: 'invalid-param' })
  })

  it.each([
    { name: 'not an object', section: [], pointer: '/miniProgramCode' },
    { name: 'no page', section: { routes: [] }, pointer: '/miniProgramCode' },
    {
      name: 'a page other than the entry page',
      section: { page: 'pages/order/index', routes: [] },
      pointer: '/miniProgramCode',
    },
    {
      name: 'a scene route with a path',
      section: { page: 'pages/index/index', routes: [{ page: 'pages/order/index', path: '/x', params: {} }] },
      pointer: '/miniProgramCode/routes/0/path',
    },
    {
      name: 'routes shared with a service account the file does not have',
      section: { page: 'pages/index/index', routes: 'serviceAccount' },
      pointer: '/miniProgramCode/routes',
      without: 'serviceAccount',
    },
  ])('refuses $name at $pointer', ({ section, pointer, without }) => {
    const compiled = without
      ? compileRuleTable({ rules: [], miniProgramCode: section } as unknown as RuleTableFile)
      : withCodes(section)
    expect(compiled.ok).toBe(false)
    if (!compiled.ok) expect(compiled.problems.map((p) => p.pointer)).toContain(pointer)
  })
})

describe('reading a launch with a mini program code', () => {
  it.each<{ name: string; query: unknown; input: LaunchInput }>([
    {
      name: 'scene alone (launch scene 1047)',
      query: { scene: 'store%3D12' },
      input: { kind: 'code', scene: 'store%3D12' },
    },
    { name: 'an empty scene', query: { scene: '' }, input: { kind: 'none' } },
    { name: 'a scene that is not a string', query: { scene: 5 }, input: { kind: 'code', scene: 5 } },
    {
      name: 'q and scene together: the link wins',
      query: { q: 'https%3A%2F%2Fa.example.com%2F', scene: 'x' },
      input: { kind: 'scan', q: 'https%3A%2F%2Fa.example.com%2F', scancodeTime: null },
    },
    { name: 'an empty q beside a scene', query: { q: '', scene: 'x' }, input: { kind: 'code', scene: 'x' } },
  ])('reads $name', ({ query, input }) => {
    expect(readLaunchQuery(query)).toEqual(input)
  })

  it('lands either kind through landInput', () => {
    expect(landInput({ kind: 'code', scene: enc('store=12') }, CODES, NOW)).toMatchObject({
      ok: true,
      params: { store: 12, mode: 'takeaway' },
    })
    expect(
      landInput({ kind: 'scan', q: enc('https://shop.example.com/s/12'), scancodeTime: null }, CODES, NOW)
    ).toMatchObject({ ok: true, rule: 'https://shop.example.com/s/' })
  })
})

describe('ScanGate with mini program codes', () => {
  const code = (scene: string): LaunchInput => ({ kind: 'code', scene })
  const link = (q: string, t: number): LaunchInput => ({ kind: 'scan', q, scancodeTime: t })

  it.each<{
    name: string
    seen: Array<[LaunchInput, boolean]>
    next: [LaunchInput, boolean]
    admitted: boolean
  }>([
    { name: 'the first code, opened with it', seen: [], next: [code('a'), true], admitted: true },
    { name: 'the first code, on a re-show', seen: [], next: [code('a'), false], admitted: true },
    {
      name: 'the same code on a re-show (background → foreground with the old query)',
      seen: [[code('a'), true]],
      next: [code('a'), false],
      admitted: false,
    },
    {
      name: 'the same code scanned again (WeChat reLaunches the entry page: opened)',
      seen: [[code('a'), true]],
      next: [code('a'), true],
      admitted: true,
    },
    {
      name: 'another code on a re-show',
      seen: [[code('a'), true]],
      next: [code('b'), false],
      admitted: true,
    },
    {
      name: 'a code after a link scan',
      seen: [[link('q', 100), true]],
      next: [code('a'), false],
      admitted: true,
    },
    {
      name: 'a link scan after a code',
      seen: [[code('a'), true]],
      next: [link('q', 100), false],
      admitted: true,
    },
    {
      name: 'the first code again after another one, on a re-show',
      seen: [
        [code('a'), true],
        [code('b'), true],
      ],
      next: [code('a'), false],
      admitted: true,
    },
  ])('admits $name: $admitted', ({ seen, next, admitted }) => {
    const gate = new ScanGate()
    for (const [input, opened] of seen) gate.admit(input, opened)
    expect(gate.admit(next[0], next[1])).toBe(admitted)
  })

  it('keeps the link rules unchanged when opened: a link scan needs a newer scancode_time', () => {
    const gate = new ScanGate()
    expect(gate.admit(link('q', 100), true)).toBe(true)
    expect(gate.admit(link('q', 100), true)).toBe(false)
  })
})
