// The bench's one output shape: rows of figures, each against a baseline measured in the same run, printed as a
// table (stdout) and optionally written as JSON. Absolute times on a shared machine are noise; ratios are not.

/** A measured quantity and its unit. */
export interface Figure {
  value: number
  unit: Unit
}

export type Unit = 'bytes' | 'ms' | 'us' | 'ns/char' | 'ops/s' | 'calls' | 'count' | 'MB' | 'fraction'

/** One line of the report. `value: null` means the figure could not be measured (with `note` saying why). */
export interface Row {
  section: string
  name: string
  value: number | null
  unit: Unit
  /** What the value is compared against, measured in the same run. */
  baseline?: { name: string } & Figure
  /** value ÷ baseline.value (null when the baseline is 0 or absent). */
  ratio?: number | null
  /** What good looks like, in words: "0", "≤ 0.25", "≥ 10×". */
  good?: string
  note?: string
}

/** A part of the report: runs its measurements and returns its rows. Adding a figure is adding a section or row. */
export interface Section {
  id: string
  title: string
  run(ctx: BenchContext): Promise<Row[]>
}

/** What sections share: the repo root, the builds (made once, on first use), and a progress log on stderr. */
export interface BenchContext {
  root: string
  builds(): Promise<Builds>
  log(message: string): void
}

export interface Builds {
  /** The project's production build (a snapshot of the working tree, built outside dist/). */
  project: BuildOutput
  /** The blank Taro React app of bench/fixtures/blank-app, as `taro init` makes it (the default template's settings). */
  blankDefault: BuildOutput
  /** The same blank app built with the project's own settings (see buildBlankOurs in build.ts). */
  blankOurs: BuildOutput
}

export interface BuildOutput {
  dist: string
  /** Wall time of `taro build --type weapp`. */
  ms: number
}

/** `value / baseline`, or null when there is no meaningful baseline. */
export function ratio(value: number | null, baseline: number | undefined): number | null {
  if (value === null || baseline === undefined || baseline === 0) return null
  return value / baseline
}

/** A row with its ratio filled in from the baseline. */
export function row(r: Omit<Row, 'ratio'>): Row {
  return { ...r, ratio: r.baseline ? ratio(r.value, r.baseline.value) : null }
}

/** A row for a figure that cannot be measured (yet): it stays in the report so the gap is visible. */
export function unavailable(section: string, name: string, unit: Unit, note: string): Row {
  return { section, name, value: null, unit, ratio: null, note }
}

/** Bytes as KB with one decimal: the one way the bench, size budget and where-bytes print a size. */
export function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`
}

export function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return '—'
  switch (unit) {
    case 'bytes':
      return value >= 1024 * 1024 ? `${(value / 1024 / 1024).toFixed(2)} MB` : kb(value)
    case 'ms':
      return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(value < 10 ? 2 : 0)} ms`
    case 'us':
      return `${value.toFixed(2)} µs`
    case 'ns/char':
      return `${value.toFixed(1)} ns/char`
    case 'ops/s':
      return value >= 1e6 ? `${(value / 1e6).toFixed(2)} M/s` : `${(value / 1e3).toFixed(1)} k/s`
    case 'MB':
      return `${value.toFixed(1)} MB`
    case 'fraction':
      return `${(value * 100).toFixed(1)} %`
    case 'calls':
    case 'count':
      return String(Math.round(value))
  }
}

export function formatRatio(r: number | null | undefined): string {
  if (r === null || r === undefined) return ''
  if (r === 0) return '0'
  return r >= 100 ? `${r.toFixed(0)}×` : r >= 10 ? `${r.toFixed(1)}×` : `${r.toFixed(3)}×`
}

/** The report as a plain-text table, one block per section. */
export function formatTable(rows: readonly Row[]): string {
  const header = ['figure', 'value', 'baseline (same run)', 'ratio', 'good', 'note']
  const lines: string[][] = []
  let section = ''
  const blocks: Array<{ title: string; lines: string[][] }> = []
  for (const r of rows) {
    if (r.section !== section) {
      section = r.section
      blocks.push({ title: section, lines: [] })
    }
    const baseline = r.baseline ? `${formatValue(r.baseline.value, r.baseline.unit)} ${r.baseline.name}` : ''
    const line = [
      r.name,
      formatValue(r.value, r.unit),
      baseline,
      formatRatio(r.ratio),
      r.good ?? '',
      r.note ?? '',
    ]
    blocks[blocks.length - 1].lines.push(line)
    lines.push(line)
  }
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i === 1 || i === 3 ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd()
  const out: string[] = []
  for (const block of blocks) {
    out.push('', `## ${block.title}`, fmt(header), fmt(widths.map((w) => '-'.repeat(w))))
    for (const line of block.lines) out.push(fmt(line))
  }
  return out.join('\n').trimStart()
}
