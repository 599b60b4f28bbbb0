// Property: an ok landing only ever names a declared page with params of the declared types.
import { assert, sample } from 'fast-check'

import { landScene } from '../../src/landing'
import { sceneValue } from './property-arbitraries'
import { CI_RUNS, declaredInput, landDeclared, propertiesOf, RULE_TABLES } from './property-defs'

describe('ok landings are declared', () => {
  it.each(propertiesOf('declared'))(
    '$name',
    ({ property }) => {
      assert(property(), { numRuns: CI_RUNS })
    },
    60_000
  )

  // Guards the property above against passing vacuously: on a fixed sample, the generator must reach real
  // landings (links and tickets) on every rule table. A share under 10 % means the generator needs attention.
  it('lands a good share of the generated links on a page, links and tickets, on every table', () => {
    const inputs = sample(declaredInput, { numRuns: 2000, seed: 6 })
    const landed = inputs.flatMap((input) => {
      const result = landDeclared(input)
      return result.ok ? [{ t: input.t, ticket: result.rule.startsWith('http://weixin.qq.com/q/') }] : []
    })
    expect(landed.length / inputs.length).toBeGreaterThan(0.1)
    for (let t = 0; t < RULE_TABLES.length; t++) {
      expect(landed.some((l) => l.t === t && l.ticket)).toBe(true)
      expect(landed.some((l) => l.t === t && !l.ticket)).toBe(true)
    }
  })

  it('lands a share of the generated mini program code scenes on a page (the project rule table routes them)', () => {
    const scenes = sample(sceneValue, { numRuns: 2000, seed: 6 })
    const landed = scenes.filter((scene) => landScene(scene, RULE_TABLES[0].ruleTable).ok)
    expect(landed.length / scenes.length).toBeGreaterThan(0.3)
  })
})
