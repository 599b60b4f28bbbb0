// `npm run fuzz [-- --runs N] [-- --seed S] [-- --only TEXT]`: the landing core's properties
// (test/unit/property-defs.ts, the same ones `npm test` runs a few thousand times) at fuzzing scale, ≥ 100 000
// runs each by default. Prints the runs per property; exits 1 on a counterexample, printed shrunk with the seed
// and path that replay it (`--seed S` with fast-check's `path` in a test), 2 on a usage error.
import * as fc from 'fast-check'

import { PROPERTIES } from '../../test/unit/property-defs'
import { defineCommand } from '../shell/command'
import { UsageError } from '../shell/errors'
import { wholeNumber } from '../shell/options'

const USAGE = 'usage: npm run fuzz [-- --runs N] [-- --seed S] [-- --only TEXT (a group or part of a name)]'

export const command = defineCommand({
  usage: USAGE,
  options: { runs: { type: 'string' }, seed: { type: 'string' }, only: { type: 'string' } },
  run({ values }, io) {
    const runs = wholeNumber('--runs', values.runs, { showUsage: true }) ?? 100_000
    const seed =
      wholeNumber('--seed', values.seed, { negative: true, showUsage: true }) ??
      Date.now() ^ (Math.random() * 0x7fffffff)
    const only = values.only
    const selected = PROPERTIES.filter((p) => !only || p.group === only || p.name.includes(only))
    if (selected.length === 0) throw new UsageError(`no property matches "${only}"`)
    io.out(`fuzz: ${selected.length} properties × ${runs} runs, seed ${seed}`)
    let failures = 0
    let total = 0
    for (const def of selected) {
      const started = Date.now()
      const details = fc.check(def.property(), { numRuns: runs, seed })
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      total += details.numRuns
      const row = `${String(details.numRuns).padStart(7)} runs  ${seconds.padStart(6)} s  [${def.group}] ${def.name}`
      if (!details.failed) {
        io.out(`  ok    ${row}`)
        continue
      }
      failures++
      io.out(`  FAIL  ${row}`)
      const error =
        details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)
      io.out(
        [
          `        counterexample (shrunk ${details.numShrinks}×): ${fc.stringify(details.counterexample)}`,
          `        replay: seed ${details.seed}, path "${details.counterexamplePath}"`,
          ...error.split('\n').map((line) => `        ${line}`),
          '',
        ].join('\n')
      )
    }
    io.out(
      `fuzz: ${total} runs, ${selected.length - failures} properties held, ${failures} failed (seed ${seed})`
    )
    return failures > 0 ? 1 : 0
  },
})
