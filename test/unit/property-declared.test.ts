// Property: an ok landing only ever names a declared page with params of the declared types.
import { assert, sample } from 'fast-check'

import { CI_RUNS, declaredInput, landDeclared, propertiesOf, TABLES } from './property-defs'

describe('ok landings are declared', () => {
  it.each(propertiesOf('declared'))(
    '$name',
    ({ property }) => {
      assert(property(), { numRuns: CI_RUNS })
    },
    60_000
  )

  // Guards the property above against passing vacuously: the generator must reach real landings on every table.
  it('lands a good share of the generated links on a page, on every table', () => {
    const inputs = sample(declaredInput, { numRuns: 2000, seed: 6 })
    const landed = inputs.filter((input) => landDeclared(input).ok)
    expect(landed.length / inputs.length).toBeGreaterThan(0.15)
    for (let t = 0; t < TABLES.length; t++) expect(landed.some((input) => input.t === t)).toBe(true)
  })
})
