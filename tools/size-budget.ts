// The package size budget, checked in CI after `npm test` has left a production dist/:
//   npx tsx tools/size-budget.ts [--dist DIR] [--budget FILE] [--suggest]
// Size is deterministic (unlike time), so a growing package fails CI here instead of creeping towards WeChat's
// 2 MB main-package cap. This file holds the budget's rules; the command is tools/commands/size-budget.ts.
import { totalBytes, type DistFile } from './bench/dist-files'
import { runMain } from './main'

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

if (require.main === module) void runMain(['size-budget', ...process.argv.slice(2)])
