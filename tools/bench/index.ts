// `npm run bench [-- --json FILE] [-- --only size,landing,menu,core,tickets,tools,h5]`: one report of speed and size,
// every figure against a baseline measured in the same run (a table on stdout, progress on stderr).
// Exit 0 when every section ran, 1 when one failed (its error is in the report), 2 on a usage error.
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'

import { defineCommand } from '../shell/command'
import { UsageError } from '../shell/errors'
import type { Io } from '../shell/io'
import { buildAll } from './build'
import { formatTable, type BenchContext, type Builds, type Row, type Section } from './report'
import { coreSection } from './sections/core'
import { h5Section } from './sections/h5'
import { landingSection } from './sections/landing'
import { menuSection } from './sections/menu'
import { scaleSection } from './sections/scale'
import { sizeSection } from './sections/size'
import { ticketsSection } from './sections/tickets'

const SECTIONS: readonly Section[] = [
  sizeSection,
  landingSection,
  menuSection,
  coreSection,
  ticketsSection,
  scaleSection,
  h5Section,
]
const ROOT = resolve(__dirname, '..', '..')

const USAGE = `usage: npm run bench [-- --json FILE] [-- --only ${SECTIONS.map((s) => s.id).join(',')}]`

export const command = defineCommand({
  usage: USAGE,
  options: { json: { type: 'string' }, only: { type: 'string' } },
  run({ values }, io) {
    const only = values.only === undefined ? undefined : new Set(values.only.split(','))
    const unknown = [...(only ?? [])].filter((id) => !SECTIONS.some((s) => s.id === id))
    if (unknown.length > 0)
      throw new UsageError(`unknown section: ${unknown.join(', ')}`, { showUsage: true })
    return bench({ json: values.json === undefined ? undefined : io.path(values.json), only }, io)
  },
})

async function bench(args: { json?: string; only?: Set<string> }, io: Io): Promise<number> {
  const log = (message: string) => io.err(`bench: ${message}`)
  // Built once, on first use; a failed build fails every section that needs it without building again.
  let builds: { ok: true; value: Builds & { cleanup(): void } } | { ok: false; error: unknown } | undefined
  const ctx: BenchContext = {
    root: ROOT,
    async builds() {
      if (!builds) {
        try {
          builds = { ok: true, value: buildAll(ROOT, log) }
        } catch (error) {
          builds = { ok: false, error }
        }
      }
      if (!builds.ok) throw builds.error
      return builds.value
    },
    log,
  }
  const rows: Row[] = []
  let failed = 0
  try {
    for (const section of SECTIONS) {
      if (args.only && !args.only.has(section.id)) continue
      log(`— ${section.title}`)
      try {
        rows.push(...(await section.run(ctx)))
      } catch (error) {
        failed++
        const message = error instanceof Error ? error.message : String(error)
        log(`${section.id} failed: ${message}`)
        rows.push({
          section: section.title,
          name: 'section failed',
          value: null,
          unit: 'count',
          note: message.split('\n').slice(0, 3).join(' ').slice(0, 240),
        })
      }
    }
  } finally {
    if (builds?.ok) builds.value.cleanup()
  }
  io.out(formatTable(rows))
  if (args.json) {
    const report = { generatedAt: new Date().toISOString(), node: process.version, rows }
    writeFileSync(args.json, `${JSON.stringify(report, null, 2)}\n`)
    log(`wrote ${args.json}`)
  }
  return failed > 0 ? 1 : 0
}
