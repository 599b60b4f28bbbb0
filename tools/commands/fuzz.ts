// `npm run fuzz [-- --runs N] [-- --seed S] [-- --only TEXT]`: the landing core's properties
// (test/unit/property-defs.ts, the same ones `npm test` runs a few thousand times) at fuzzing scale, ≥ 100 000
// runs each by default. Prints the runs per property; exits 1 on a counterexample, printed shrunk with the seed
// and path that replay it (`--seed S` with fast-check's `path` in a test), 2 on a usage error.
import * as fc from 'fast-check'

import { PROPERTIES } from '../test/unit/property-defs'

const USAGE = 'usage: npm run fuzz [-- --runs N] [-- --seed S] [-- --only TEXT (a group or part of a name)]'

function parseArgs(argv: string[]): { runs: number; seed?: number; only?: string } | string {
  const out: { runs: number; seed?: number; only?: string } = { runs: 100_000 }
  for (let i = 0; i < argv.length; i++) {
    const [arg, value] = [argv[i], argv[i + 1]]
    if (arg === '--runs' && value && /^[0-9]+$/.test(value)) out.runs = Number(value)
    else if (arg === '--seed' && value && /^-?[0-9]+$/.test(value)) out.seed = Number(value)
    else if (arg === '--only' && value) out.only = value
    else return `unknown or incomplete argument: ${arg}`
    i++
  }
  return out
}

function main(): number {
  const args = parseArgs(process.argv.slice(2))
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n${USAGE}\n`)
    return 2
  }
  const seed = args.seed ?? Date.now() ^ (Math.random() * 0x7fffffff)
  const selected = PROPERTIES.filter((p) => !args.only || p.group === args.only || p.name.includes(args.only))
  if (selected.length === 0) {
    process.stderr.write(`no property matches "${args.only}"\n`)
    return 2
  }
  process.stdout.write(`fuzz: ${selected.length} properties × ${args.runs} runs, seed ${seed}\n`)
  let failures = 0
  let total = 0
  for (const def of selected) {
    const started = Date.now()
    const details = fc.check(def.property(), { numRuns: args.runs, seed })
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    total += details.numRuns
    if (!details.failed) {
      process.stdout.write(
        `  ok    ${String(details.numRuns).padStart(7)} runs  ${seconds.padStart(6)} s  [${def.group}] ${def.name}\n`
      )
      continue
    }
    failures++
    process.stdout.write(
      `  FAIL  ${String(details.numRuns).padStart(7)} runs  ${seconds.padStart(6)} s  [${def.group}] ${def.name}\n`
    )
    const error =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)
    process.stdout.write(
      [
        `        counterexample (shrunk ${details.numShrinks}×): ${fc.stringify(details.counterexample)}`,
        `        replay: seed ${details.seed}, path "${details.counterexamplePath}"`,
        ...error.split('\n').map((line) => `        ${line}`),
        '',
      ].join('\n')
    )
  }
  process.stdout.write(
    `fuzz: ${total} runs, ${selected.length - failures} properties held, ${failures} failed (seed ${seed})\n`
  )
  return failures > 0 ? 1 : 0
}

process.exit(main())
