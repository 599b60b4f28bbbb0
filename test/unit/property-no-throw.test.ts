// Property: no input throws — arbitrary strings, arbitrary percent-encodings, launch options of any shape.
// The properties live in property-defs.ts (shared with `npm run fuzz`, which runs each ≥ 100 000 times).
import { assert } from 'fast-check'

import { CI_RUNS, propertiesOf } from './property-defs'

describe('the landing core never throws', () => {
  it.each(propertiesOf('no-throw'))(
    '$name',
    ({ property }) => {
      assert(property(), { numRuns: CI_RUNS })
    },
    60_000
  )
})
