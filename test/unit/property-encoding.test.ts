// Properties: encodeURIComponent → decode round-trips; a link encoded twice (or three times) lands the same.
import { assert } from 'fast-check'

import { CI_RUNS, propertiesOf } from './property-defs'

describe('decoding q', () => {
  it.each(propertiesOf('encoding'))(
    '$name',
    ({ property }) => {
      assert(property(), { numRuns: CI_RUNS })
    },
    60_000
  )
})
