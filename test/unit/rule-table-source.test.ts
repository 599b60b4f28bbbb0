// The rule table as the package carries it: compiled at build time by the full core, emitted as JavaScript
// (ruleTableSource), evaluated in the app. It must be the same rule table, down to the prototype-free param records.
import * as fc from 'fast-check'

import { landContent } from '../../src/landing'
import { ruleTableSource, valueSource } from '../../src/landing/rule-table-source'
import { compile, FIXTURE, packaged, readRulesJson } from './fixtures'
import { CI_RUNS } from './property-defs'
import { rulesAndLink, ticketsAndLink } from './property-arbitraries'

const evaluate = (source: string): unknown => new Function(`return ${source}`)()

describe('the compiled rule table as source', () => {
  it.each([
    { name: 'the unit fixture', ruleTable: FIXTURE },
    { name: 'the project rules.json', ruleTable: compile(readRulesJson()) },
  ])('evaluates to $name exactly: Maps, Sets, RegExps and prototype-free params', ({ ruleTable }) => {
    const copy = packaged(ruleTable)
    expect(copy).toStrictEqual(ruleTable)
    const params = copy.rules.flatMap((r) => r.routes).map((r) => r.params)
    expect(params.length).toBeGreaterThan(0)
    for (const p of params) expect(Object.getPrototypeOf(p)).toBeNull()
    expect(copy.tickets).toBeInstanceOf(Map)
  })

  it('lands generated links like the rule table it came from, for generated rules and scene maps', () => {
    fc.assert(
      fc.property(rulesAndLink, ticketsAndLink, ({ rules, link }, t) => {
        const ruleTable = compile({
          rules: rules.map((prefix) => ({ prefix, permit_sub_rule: 1, open_version: 3, debug_url: [] })),
          serviceAccount: {
            appid: 'wx0a1b2c3d4e5f6a7b',
            tickets: t.tickets.map((url, i) => ({ url, scene: `store=${i + 1}` })),
          },
        })
        const copy = packaged(ruleTable)
        expect(copy).toStrictEqual(ruleTable)
        expect(landContent(link, copy)).toEqual(landContent(link, ruleTable))
        expect(landContent(t.link, copy)).toEqual(landContent(t.link, ruleTable))
      }),
      { numRuns: Math.min(CI_RUNS, 500) }
    )
  })

  it('writes an object held twice once, and the copy shares it: mini program codes on the service account routes', () => {
    const ruleTable = compile(readRulesJson())
    expect(ruleTable.codeRoutes).toBe(ruleTable.sceneRoutes) // rules.json: "routes": "serviceAccount"
    const source = ruleTableSource(ruleTable)
    // The scene routes' takeaway const, written once though two fields hold the routes.
    expect(source.split('"kind":"const","value":"takeaway"')).toHaveLength(2)
    const copy = packaged(ruleTable)
    expect(copy).toStrictEqual(ruleTable)
    expect(copy.codeRoutes).toBe(copy.sceneRoutes)

    const inner = { n: 1 }
    const outer = [inner, { inner }]
    const twice = evaluate(valueSource({ a: outer, b: outer, c: inner })) as Record<string, unknown>
    expect(twice).toStrictEqual({ a: [{ n: 1 }, { inner: { n: 1 } }], b: twice.a, c: { n: 1 } })
    expect(twice.b).toBe(twice.a)
    expect(twice.c).toBe((twice.a as unknown[])[0])
  })

  it('refuses a value that holds itself', () => {
    const loop: unknown[] = []
    loop.push({ loop })
    expect(() => valueSource(loop)).toThrow(/holding itself/)
  })

  it('keeps a "__proto__" key an own property and escapes line separators', () => {
    // A computed key: an own property, on an object without prototype (as compiled param records are).
    const value = Object.assign(Object.create(null) as object, {
      ['__proto__']: 'x',
      text: 'a\u2028b\u2029c',
    })
    const source = valueSource(value)
    expect(source).not.toMatch(/[\u2028\u2029]/)
    const copy = evaluate(source) as Record<string, unknown>
    expect(Object.getPrototypeOf(copy)).toBeNull()
    expect(Object.keys(copy)).toEqual(['__proto__', 'text'])
    expect(copy.text).toBe('a\u2028b\u2029c')
    const plain = evaluate(valueSource(JSON.parse('{"__proto__": {"polluted": true}}'))) as object
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype)
    expect(Object.keys(plain)).toEqual(['__proto__'])
  })

  it('refuses values with no source form, naming where they are', () => {
    expect(() => valueSource({ a: [1, () => 1] })).toThrow(/value\.a\[1\]: a function/)
    expect(() => valueSource({ at: new Date(0) })).toThrow(/value\.at: a class instance/)
    expect(() => valueSource({ n: NaN })).toThrow(/value\.n: NaN/)
    expect(ruleTableSource(FIXTURE).startsWith('{')).toBe(true)
  })
})
