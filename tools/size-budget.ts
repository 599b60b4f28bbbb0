// The package size budget, checked in CI after `npm test` has left a production dist/:
//   npx tsx tools/size-budget.ts [--dist DIR] [--budget FILE] [--suggest]
// Size is deterministic (unlike time), so a growing package fails CI here instead of creeping towards WeChat's
// 2 MB main-package cap. Exit 0 within budget, 1 over it (each file listed with its excess), 2 on a usage error.
// --suggest prints a budget set from the current dist/ with the budget's margin: raising it is a reviewed change.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

import { listDist, MAIN_PACKAGE_CAP, totalBytes, type DistFile } from './bench/dist-files'

const ROOT = resolve(__dirname, '..')

/** size-budget.json. Keys of `files` are dist/ paths; `*` matches any run of characters except `/`. */
export interface SizeBudget {
  note?: string
  /** Headroom --suggest adds over a measurement, e.g. 0.05. */
  margin: number
  /** Every packaged file together, in bytes. */
  total: number
  files: Record<string, number>
}

export interface Excess {
  what: string
  bytes: number
  budget: number
}

/** The budget key a file falls under: its own path, else the first pattern matching it, else none. */
export function budgetKey(file: string, budget: SizeBudget): string | undefined {
  if (file in budget.files) return file
  return Object.keys(budget.files).find((key) => key.includes('*') && patternOf(key).test(file))
}

function patternOf(key: string): RegExp {
  const escaped = key.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
  return new RegExp(`^${escaped.join('[^/]*')}$`)
}

/** Every budget the files exceed: the total, and each file against its own (or its pattern's) budget. */
export function overBudget(files: readonly DistFile[], budget: SizeBudget): Excess[] {
  const out: Excess[] = []
  const total = totalBytes(files)
  if (total > budget.total) out.push({ what: 'total', bytes: total, budget: budget.total })
  for (const f of files) {
    const key = budgetKey(f.file, budget)
    if (key !== undefined && f.bytes > budget.files[key]) {
      out.push({
        what: key === f.file ? f.file : `${f.file} (budget "${key}")`,
        bytes: f.bytes,
        budget: budget.files[key],
      })
    }
  }
  return out
}

/** A budget from `files` with `margin` headroom, keeping `shape`'s keys (patterns take their largest file). */
export function suggest(files: readonly DistFile[], shape: SizeBudget): SizeBudget {
  const up = (bytes: number) => Math.ceil((bytes * (1 + shape.margin)) / 64) * 64
  const largest = new Map<string, number>()
  for (const f of files) {
    const key = budgetKey(f.file, shape)
    if (key !== undefined) largest.set(key, Math.max(largest.get(key) ?? 0, f.bytes))
  }
  const budgetFiles: Record<string, number> = {}
  for (const key of Object.keys(shape.files)) budgetFiles[key] = up(largest.get(key) ?? shape.files[key])
  return { ...shape, total: up(totalBytes(files)), files: budgetFiles }
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

function main(argv: string[]): number {
  let dist = join(ROOT, 'dist')
  let budgetPath = join(ROOT, 'size-budget.json')
  let suggesting = false
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dist' && argv[i + 1]) dist = resolve(argv[++i])
    else if (argv[i] === '--budget' && argv[i + 1]) budgetPath = resolve(argv[++i])
    else if (argv[i] === '--suggest') suggesting = true
    else {
      process.stderr.write(
        `unknown argument: ${argv[i]}\nusage: tsx tools/size-budget.ts [--dist DIR] [--budget FILE] [--suggest]\n`
      )
      return 2
    }
  }
  if (!existsSync(join(dist, 'app.js'))) {
    process.stderr.write(`${dist} has no app.js: build first (npm test or npm run build:weapp).\n`)
    return 2
  }
  const budget = JSON.parse(readFileSync(budgetPath, 'utf8')) as SizeBudget
  const files = listDist(dist)
  if (suggesting) {
    process.stdout.write(`${JSON.stringify(suggest(files, budget), null, 2)}\n`)
    return 0
  }
  const total = totalBytes(files)
  const over = overBudget(files, budget)
  const unbudgeted = files.filter((f) => budgetKey(f.file, budget) === undefined)
  process.stdout.write(
    `size budget: ${kb(total)} of ${kb(budget.total)} budgeted (${((total / MAIN_PACKAGE_CAP) * 100).toFixed(1)} % of WeChat's 2 MB main-package cap); ` +
      `${files.length - unbudgeted.length} files with their own budget, ${unbudgeted.length} counted in the total only\n`
  )
  if (over.length === 0) return 0
  process.stderr.write(`\nThe production dist/ is over its size budget (${budgetPath}):\n`)
  for (const o of over) {
    process.stderr.write(
      `  ${o.what}: ${o.bytes} bytes, budget ${o.budget}, over by ${o.bytes - o.budget} bytes (${kb(o.bytes - o.budget)})\n`
    )
  }
  process.stderr.write(
    '\nFirst make it smaller if you can (npm run bench compares every file with a blank Taro app).\n' +
      'If the growth is wanted, raise the budget as a reviewed change: run\n' +
      '  npx tsx tools/size-budget.ts --suggest > size-budget.next.json\n' +
      'copy the figures you need into size-budget.json, and commit that file on its own, saying what grew and why.\n'
  )
  return 1
}

if (require.main === module) process.exit(main(process.argv.slice(2)))
