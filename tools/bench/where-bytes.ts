// `npx tsx tools/bench/where-bytes.ts [--top N]`: where the production package's bytes are (a command of the tools'
// shell, like every tool: --help, exit 2 with the usage on a bad option). Builds the project with source maps in a
// temporary snapshot (dist/ is left alone) and gives every minified byte of every script to the
// source module it came from, as source-map-explorer does: our modules by path (src/…), libraries by package,
// Taro's prebuilt packages as "framework"; templates, styles and json as whole files. A module without a source map
// (the rule table config/rule-table-loader.js emits) counts toward the module mapped just before it.
import { existsSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'

import { SourceMapConsumer } from 'source-map'

import { runMain } from '../main'
import { defineCommand } from '../shell/command'
import type { Io } from '../shell/io'
import { wholeNumber } from '../shell/options'
import { buildProjectWithSourceMaps } from './build'
import { listDist, totalBytes } from './dist-files'
import { formatTable, kb, row, type Row } from './report'

/** One mapping of a source map: a generated position and the source it came from (null: none). */
export interface Mapping {
  generatedLine: number
  generatedColumn: number
  source: string | null
}

const UNMAPPED = '(unmapped: webpack glue)'

/**
 * Bytes of `code` per source: each mapping owns the generated text up to the next mapping on its line (or the end
 * of the line); whatever no mapping owns (newlines, chunk wrappers) is UNMAPPED. Columns count UTF-16 units, as
 * source maps do; the result counts UTF-8 bytes, as the package does.
 */
export function attributeBytes(code: string, mappings: readonly Mapping[]): Map<string, number> {
  const lines = code.split('\n')
  const sorted = [...mappings].sort(
    (a, b) => a.generatedLine - b.generatedLine || a.generatedColumn - b.generatedColumn
  )
  const out = new Map<string, number>()
  let mapped = 0
  sorted.forEach((m, i) => {
    const text = lines[m.generatedLine - 1] ?? ''
    const next = sorted[i + 1]
    const end = next && next.generatedLine === m.generatedLine ? next.generatedColumn : text.length
    const bytes = Buffer.byteLength(text.slice(m.generatedColumn, end))
    if (bytes === 0) return
    const source = m.source ?? UNMAPPED
    out.set(source, (out.get(source) ?? 0) + bytes)
    mapped += bytes
  })
  const rest = Buffer.byteLength(code) - mapped
  if (rest > 0) out.set(UNMAPPED, (out.get(UNMAPPED) ?? 0) + rest)
  return out
}

/** Who a source belongs to: our own module (path in the project), a library (package name), or the framework. */
export function ownerOf(source: string, projectDir: string): { own: boolean; name: string } {
  if (source === UNMAPPED) return { own: false, name: source }
  const packages = source.split(/[\\/]node_modules[\\/]/)
  if (packages.length > 1) {
    const parts = packages[packages.length - 1].split(/[\\/]/)
    return { own: false, name: parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0] }
  }
  if (source.startsWith('webpack/')) return { own: false, name: 'webpack runtime' }
  const path = relative(projectDir, source.split('?')[0])
  if (path && !path.startsWith('..') && !path.startsWith(sep))
    return { own: true, name: path.split(sep).join('/') }
  // @tarojs/* ship prebuilt with their own maps, whose sources lose the package's path.
  return { own: false, name: 'framework (Taro, prebuilt)' }
}

const SECTION = 'Where the bytes are (production build, minified bytes per source)'

const USAGE = 'usage: npx tsx tools/bench/where-bytes.ts [--top N]'

export const command = defineCommand({
  usage: USAGE,
  options: { top: { type: 'string' } },
  run({ values }, io) {
    return whereBytes(wholeNumber('--top', values.top, { showUsage: true }) ?? 12, io)
  },
})

function whereBytes(top: number, io: Io): number {
  const root = join(__dirname, '..', '..')
  io.err('where-bytes: building the project with source maps (in a temporary snapshot)…')
  const build = buildProjectWithSourceMaps(root)
  try {
    const files = listDist(build.dist).filter((f) => !f.file.endsWith('.map'))
    const rows: Row[] = []
    const wholeFiles: Row[] = []
    const ours = new Map<string, number>()
    let packaged = 0
    for (const f of files) {
      const mapFile = join(build.dist, `${f.file}.map`)
      if (!f.file.endsWith('.js') || !existsSync(mapFile)) {
        packaged += f.bytes
        wholeFiles.push(
          row({ section: 'Templates, styles, json', name: f.file, value: f.bytes, unit: 'bytes' })
        )
        continue
      }
      // The sourceMappingURL comment exists only in this build: leave it out, so files weigh what they ship at.
      const code = readFileSync(join(build.dist, f.file), 'utf8').replace(
        /\n\/\/# sourceMappingURL=.*\s*$/,
        ''
      )
      const bytes = Buffer.byteLength(code)
      packaged += bytes
      const mappings: Mapping[] = []
      const map = new SourceMapConsumer(JSON.parse(readFileSync(mapFile, 'utf8')))
      map.eachMapping((m) => mappings.push(m))
      const byOwner = new Map<string, number>()
      for (const [source, n] of attributeBytes(code, mappings)) {
        const owner = ownerOf(source, build.dir)
        byOwner.set(owner.name, (byOwner.get(owner.name) ?? 0) + n)
        if (owner.own) ours.set(owner.name, (ours.get(owner.name) ?? 0) + n)
      }
      const sorted = [...byOwner].sort((a, b) => b[1] - a[1])
      const shown = sorted.slice(0, top)
      const restBytes = sorted.slice(top).reduce((sum, [, n]) => sum + n, 0)
      if (restBytes > 0) shown.push([`${sorted.length - top} more`, restBytes])
      for (const [name, n] of shown) {
        rows.push(
          row({
            section: `${SECTION}: ${f.file}`,
            name,
            value: n,
            unit: 'bytes',
            baseline: { name: f.file, value: bytes, unit: 'bytes' },
          })
        )
      }
    }
    rows.push(...wholeFiles)
    const ourTotal = [...ours.values()].reduce((a, b) => a + b, 0)
    for (const [name, n] of [...ours].sort((a, b) => b[1] - a[1])) {
      rows.push(
        row({
          section: 'Our own modules, all scripts together',
          name,
          value: n,
          unit: 'bytes',
          baseline: { name: 'our modules', value: ourTotal, unit: 'bytes' },
        })
      )
    }
    io.out(
      `${formatTable(rows)}\n\npackage: ${kb(packaged)} in ${files.length} files ` +
        `(${kb(totalBytes(files))} in this build with its sourceMappingURL comments)`
    )
    return 0
  } finally {
    build.cleanup()
  }
}

// Run directly (the documented command), it goes through the tools' one shell like `tsx tools/main.ts where-bytes`.
if (require.main === module) void runMain(['where-bytes', ...process.argv.slice(2)])
