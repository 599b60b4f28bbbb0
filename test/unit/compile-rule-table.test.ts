import { compileRuleTable, type RuleProblem } from '../../src/landing'
import { FIXTURE_FILE, readRulesJson, rule } from './fixtures'

const ORDER = 'pages/order/index'

/** A rule table of one rule whose only route has the given page, path and params. */
function withRoute(route: Record<string, unknown>) {
  return { rules: [rule('https://m.example.com/s/', { routes: [route as never] })] }
}
const storeRoute = (params: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  withRoute({
    page: ORDER,
    path: '/s/:store',
    params: { store: { type: 'int', min: 1 }, ...params },
    ...extra,
  })

interface ProblemCase {
  name: string
  file: unknown
  /** Every pointer reported, in order. */
  pointers: string[]
}

const R = '/rules/0/routes/0'

const PROBLEMS: ProblemCase[] = [
  { name: 'a file that is an array', file: [], pointers: [''] },
  { name: 'a file that is a string', file: 'rules', pointers: [''] },
  { name: 'a file that is null', file: null, pointers: [''] },
  { name: 'a missing "rules"', file: {}, pointers: ['/rules'] },
  { name: '"rules" that is an object', file: { rules: {} }, pointers: ['/rules'] },
  { name: 'a rule that is not an object', file: { rules: ['https://a.com/'] }, pointers: ['/rules/0'] },
  { name: 'a rule without prefix', file: { rules: [{ permit_sub_rule: 1 }] }, pointers: ['/rules/0/prefix'] },
  {
    name: 'a prefix that is not a link',
    file: { rules: [rule('m.example.com/s/')] },
    pointers: ['/rules/0/prefix'],
  },
  {
    name: 'a prefix with user info, in the second rule',
    file: { rules: [rule('https://a.com/'), rule('https://u@a.com/')] },
    pointers: ['/rules/1/prefix'],
  },
  {
    name: '"routes" that is not an array',
    file: { rules: [rule('https://a.com/', { routes: {} as never })] },
    pointers: ['/rules/0/routes'],
  },
  { name: 'a route that is not an object', file: withRoute(null as never), pointers: [R] },
  {
    name: 'a route naming an unknown page',
    file: storeRoute({}, { page: 'pages/admin/index' }),
    pointers: [`${R}/page`],
  },
  {
    name: 'a route naming the entry page',
    file: storeRoute({}, { page: 'pages/index/index' }),
    pointers: [`${R}/page`],
  },
  { name: 'a route without page', file: storeRoute({}, { page: undefined }), pointers: [`${R}/page`] },
  { name: 'a link route without path', file: storeRoute({}, { path: undefined }), pointers: [`${R}/path`] },
  {
    name: 'a link route path without leading "/"',
    file: storeRoute({}, { path: 's/:store' }),
    pointers: [`${R}/path`],
  },
  { name: 'a route without params', file: storeRoute({}, { params: undefined }), pointers: [`${R}/params`] },
  {
    name: 'a path capture without a declared param',
    file: withRoute({ page: ORDER, path: '/s/:store/t/:table', params: { store: { type: 'int' } } }),
    pointers: [`${R}/path`],
  },
  {
    name: 'a path capture named like an Object member, undeclared',
    file: withRoute({ page: ORDER, path: '/s/:constructor', params: {} }),
    pointers: [`${R}/path`],
  },
  {
    name: 'a path capture declared as const',
    file: withRoute({ page: ORDER, path: '/s/:store', params: { store: { const: 1 } } }),
    pointers: [`${R}/path`],
  },
  {
    name: 'a param that is not an object',
    file: storeRoute({ table: 'string' }),
    pointers: [`${R}/params/table`],
  },
  {
    name: 'a param of unknown type',
    file: storeRoute({ table: { type: 'text' } }),
    pointers: [`${R}/params/table/type`],
  },
  {
    name: 'a const that is an object',
    file: storeRoute({ mode: { const: {} } }),
    pointers: [`${R}/params/mode/const`],
  },
  {
    name: 'a string param without pattern',
    file: storeRoute({ table: { type: 'string' } }),
    pointers: [`${R}/params/table/pattern`],
  },
  {
    name: 'a pattern that does not compile',
    file: storeRoute({ table: { type: 'string', pattern: '[a-z' } }),
    pointers: [`${R}/params/table/pattern`],
  },
  {
    name: 'a string param with a zero maxLength',
    file: storeRoute({ table: { type: 'string', pattern: '.*', maxLength: 0 } }),
    pointers: [`${R}/params/table/maxLength`],
  },
  {
    name: 'an enum without values',
    file: storeRoute({ mode: { type: 'enum' } }),
    pointers: [`${R}/params/mode/values`],
  },
  {
    name: 'an enum with empty values',
    file: storeRoute({ mode: { type: 'enum', values: [] } }),
    pointers: [`${R}/params/mode/values`],
  },
  {
    name: 'an enum with a number value',
    file: storeRoute({ mode: { type: 'enum', values: [1] } }),
    pointers: [`${R}/params/mode/values`],
  },
  {
    name: 'an int param with min above max',
    file: storeRoute({ n: { type: 'int', min: 5, max: 1 } }),
    pointers: [`${R}/params/n`],
  },
  {
    name: 'an int default outside min..max',
    file: storeRoute({ n: { type: 'int', min: 1, max: 9, default: 10 } }),
    pointers: [`${R}/params/n/default`],
  },
  {
    name: 'an int default that is a string',
    file: storeRoute({ n: { type: 'int', default: '1' } }),
    pointers: [`${R}/params/n/default`],
  },
  {
    name: 'a string default not matching the pattern',
    file: storeRoute({ table: { type: 'string', pattern: '[0-9]+', default: 'A' } }),
    pointers: [`${R}/params/table/default`],
  },
  {
    name: 'an enum default not among the values',
    file: storeRoute({ mode: { type: 'enum', values: ['takeaway'], default: 'delivery' } }),
    pointers: [`${R}/params/mode/default`],
  },
  {
    name: 'an unusable param name with "/" and "~", escaped in the pointer',
    file: storeRoute({ 'a/b~c': { type: 'string' } }),
    pointers: [`${R}/params/a~1b~0c`],
  },
  {
    name: 'a serviceAccount that is an array',
    file: { rules: [], serviceAccount: [] },
    pointers: ['/serviceAccount'],
  },
  {
    name: 'tickets that are missing',
    file: { rules: [], serviceAccount: { appid: 'wx1' } },
    pointers: ['/serviceAccount/tickets'],
  },
  {
    name: 'a ticket without url, and one with a boolean scene',
    file: {
      rules: [],
      serviceAccount: { tickets: [{ scene: 'a=1' }, { url: 'http://weixin.qq.com/q/x', scene: true }] },
    },
    pointers: ['/serviceAccount/tickets/0', '/serviceAccount/tickets/1'],
  },
  {
    name: 'sceneIds that is an array',
    file: { rules: [], serviceAccount: { tickets: [], sceneIds: ['store=1'] } },
    pointers: ['/serviceAccount/sceneIds'],
  },
  {
    name: 'a scene_id mapped to a number',
    file: { rules: [], serviceAccount: { tickets: [], sceneIds: { '1001': 12 } } },
    pointers: ['/serviceAccount/sceneIds/1001'],
  },
  {
    name: 'a scene route with a path',
    file: { rules: [], serviceAccount: { tickets: [], routes: [{ page: ORDER, path: '/s', params: {} }] } },
    pointers: ['/serviceAccount/routes/0/path'],
  },
  {
    name: 'several problems at once, each reported',
    file: {
      rules: [
        rule('not a link'),
        rule('https://m.example.com/s/', {
          routes: [
            {
              page: 'pages/index/index',
              path: '/s/:store/t/:table',
              params: {
                store: { type: 'string' },
                mode: { type: 'enum', values: [], default: 'x' },
              } as never,
            },
          ],
        }),
      ],
      serviceAccount: { tickets: 'none' },
    },
    pointers: [
      '/rules/0/prefix',
      '/rules/1/routes/0/page',
      '/rules/1/routes/0/params/store/pattern',
      '/rules/1/routes/0/params/mode/values',
      '/rules/1/routes/0/path',
      '/rules/1/routes/0/path',
      '/serviceAccount/tickets',
    ],
  },
]

describe('compileRuleTable', () => {
  it.each(PROBLEMS)('reports $name', ({ file, pointers }) => {
    const compiled = compileRuleTable(file)
    expect(compiled.ok).toBe(false)
    const problems: RuleProblem[] = compiled.ok ? [] : compiled.problems
    expect(problems.map((p) => p.pointer)).toEqual(pointers)
    for (const p of problems) {
      expect(p.message).not.toBe('')
      expect(p.hint).not.toBe('')
    }
  })

  it.each([
    { name: 'an empty rule list', file: { rules: [] } },
    { name: 'rules without routes', file: { rules: [rule('https://a.com/')] } },
    { name: 'the test fixture', file: FIXTURE_FILE },
    { name: 'the project rules.json', file: readRulesJson() },
  ])('compiles $name', ({ file }) => {
    expect(compileRuleTable(file)).toMatchObject({ ok: true })
  })

  it('never throws on hostile values anywhere in the file', () => {
    const hostile = [undefined, null, 0, '', [], {}, true, 'x', [null], { length: 1 }]
    for (const v of hostile) {
      for (const file of [
        v,
        { rules: v },
        { rules: [v] },
        { rules: [{ prefix: 'https://a.com/', routes: v }] },
        { rules: [{ prefix: 'https://a.com/', routes: [{ page: ORDER, path: '/:x', params: v }] }] },
        { rules: [{ prefix: 'https://a.com/', routes: [{ page: ORDER, path: '/', params: { x: v } }] }] },
        { rules: [], serviceAccount: v },
        { rules: [], serviceAccount: { tickets: [v], sceneIds: v, routes: v } },
      ]) {
        expect(() => compileRuleTable(file)).not.toThrow()
      }
    }
  })
})

describe('param declarations that could widen what reaches a page', () => {
  const withParams = (params: Record<string, unknown>) => ({
    rules: [
      {
        prefix: 'https://a.example.com/s/',
        routes: [
          { page: 'pages/order/index', path: '/s/:store', params: { store: { type: 'int' }, ...params } },
        ],
      },
    ],
  })

  it.each([
    [
      'a pattern that escapes its anchors',
      { table: { type: 'string', pattern: 'a)|(b' } },
      '/rules/0/routes/0/params/table/pattern',
    ],
    ['a param named __proto__', { __proto__x: { type: 'int' } }, '/rules/0/routes/0/params/__proto__x'],
    ['a param name needing encoding', { 'a b': { type: 'int' } }, '/rules/0/routes/0/params/a b'],
  ])('refuses %s', (_what, params, pointer) => {
    const result = compileRuleTable(withParams(params))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.problems.map((p) => p.pointer)).toContain(pointer)
  })
})
