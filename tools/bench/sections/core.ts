// Core throughput: decode + match + route (landQ) per second on a realistic mix of q values, against the least any
// landing must do on the same inputs: decodeURIComponent once and split the link.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import {
  compileRuleTable,
  LANDING_LIMITS,
  landQ,
  type RuleTable,
  type RuleTableFile,
} from '../../../src/landing'
import { LONG_LINKS } from '../../../test/unit/long-links'
import { coreMix, MIX_WEIGHTS } from '../core-mix'
import { compareThroughput, compareTime } from '../measure'
import { row, type Section } from '../report'

const SECTION = 'Core throughput (pure landing core, node)'

/** The naive landing many mini programs ship: decode once (it throws on a stray %) and split by hand. */
export function naiveLanding(q: string): unknown {
  try {
    return decodeURIComponent(q).split(/[/?#&=]/)
  } catch {
    return null
  }
}

export function projectRuleTable(root: string): { file: RuleTableFile; ruleTable: RuleTable } {
  const file = JSON.parse(readFileSync(join(root, 'rules.json'), 'utf8')) as RuleTableFile
  const compiled = compileRuleTable(file)
  if (!compiled.ok) throw new Error(`rules.json does not compile: ${JSON.stringify(compiled.problems)}`)
  return { file, ruleTable: compiled.ruleTable }
}

export const coreSection: Section = {
  id: 'core',
  title: SECTION,
  async run(ctx) {
    const { file, ruleTable } = projectRuleTable(ctx.root)
    const mix = coreMix(file)
    const inputs = mix.map((m) => m.q)
    ctx.log(`measuring landQ on a mix of ${inputs.length} q values…`)
    const { ops, baselineOps } = compareThroughput((q: string) => landQ(q, ruleTable), naiveLanding, inputs)
    const shares = Object.entries(MIX_WEIGHTS)
      .map(([kind, w]) => `${Math.round(w * 100)} % ${kind}`)
      .join(', ')
    // Backtracking shows as cost per character far above ordinary links'; linear matching keeps it alike.
    const long = LONG_LINKS.map((l) => encodeURIComponent(l.content))
    ctx.log(`measuring landQ on ${long.length} longest links shaped for backtracking…`)
    const chars = (qs: readonly string[]) => qs.reduce((n, q) => n + q.length, 0)
    const pass = (qs: readonly string[]) => () => qs.map((q) => landQ(q, ruleTable))
    const { ms, baselineMs } = compareTime(pass(long), pass(inputs), 9)
    const nsPerChar = (ms * 1e6) / chars(long)
    const baselineNsPerChar = (baselineMs * 1e6) / chars(inputs)
    return [
      row({
        section: SECTION,
        name: 'landQ: decode + match + route',
        value: ops,
        unit: 'ops/s',
        baseline: { name: 'decodeURIComponent + split', value: baselineOps, unit: 'ops/s' },
        good: '≥ 0.05× and ≥ 100 k/s (a scan lands once)',
        note: `${(1e6 / ops).toFixed(2)} µs per scan; mix: ${shares}`,
      }),
      row({
        section: SECTION,
        name: `landQ on the longest links shaped for backtracking (${long.length}, ≤ ${LANDING_LIMITS.maxLinkLength} chars)`,
        value: nsPerChar,
        unit: 'ns/char',
        baseline: { name: 'landQ on the realistic mix', value: baselineNsPerChar, unit: 'ns/char' },
        good: '≤ 10× (linear: no catastrophic backtracking)',
        note: 'test/unit/long-links.ts; hostile-links tests pin where each lands',
      }),
    ]
  },
}
