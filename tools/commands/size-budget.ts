// `npx tsx tools/size-budget.ts [--dist DIR] [--budget FILE] [--suggest]`: the production dist/ against
// size-budget.json (the rules are in tools/size-budget.ts). Exit 0 within budget, 1 over it (each file listed with
// its excess), 2 on a usage error. --suggest prints a budget set from the current dist/ with the budget's margin:
// raising it is a reviewed change.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

import { listDist, MAIN_PACKAGE_CAP, totalBytes } from '../bench/dist-files'
import { kb } from '../bench/report'
import { InputError } from '../lib/errors'
import { defineCommand } from '../shell/command'
import { budgetKey, overBudget, suggest, type SizeBudget } from '../size-budget'

const ROOT = resolve(__dirname, '..', '..')

const USAGE = 'usage: npx tsx tools/size-budget.ts [--dist DIR] [--budget FILE] [--suggest]'

export const command = defineCommand({
  usage: USAGE,
  options: { dist: { type: 'string' }, budget: { type: 'string' }, suggest: { type: 'boolean' } },
  run({ values }, io) {
    const dist = values.dist === undefined ? join(ROOT, 'dist') : io.path(values.dist)
    const budgetPath = values.budget === undefined ? join(ROOT, 'size-budget.json') : io.path(values.budget)
    if (!existsSync(join(dist, 'app.js'))) {
      throw new InputError(`${dist} has no app.js: build first (npm test or npm run build:weapp).`)
    }
    const budget = JSON.parse(readFileSync(budgetPath, 'utf8')) as SizeBudget
    const files = listDist(dist)
    if (values.suggest) {
      io.out(JSON.stringify(suggest(files, budget), null, 2))
      return 0
    }
    const total = totalBytes(files)
    const over = overBudget(files, budget)
    const unbudgeted = files.filter((f) => budgetKey(f.file, budget) === undefined)
    io.out(
      `size budget: ${kb(total)} of ${kb(budget.total)} budgeted (${((total / MAIN_PACKAGE_CAP) * 100).toFixed(1)} % of WeChat's 2 MB main-package cap); ` +
        `${files.length - unbudgeted.length} files with their own budget, ${unbudgeted.length} counted in the total only`
    )
    if (over.length === 0) return 0
    io.err(`\nThe production dist/ is over its size budget (${budgetPath}):`)
    for (const o of over) {
      io.err(
        `  ${o.what}: ${o.bytes} bytes, budget ${o.budget}, over by ${o.bytes - o.budget} bytes (${kb(o.bytes - o.budget)})`
      )
    }
    io.err(
      '\nFirst make it smaller if you can (npm run bench compares every file with a blank Taro app).\n' +
        'If the growth is wanted, raise the budget as a reviewed change: run\n' +
        '  npx tsx tools/size-budget.ts --suggest > size-budget.next.json\n' +
        'copy the figures you need into size-budget.json, and commit that file on its own, saying what grew and why.'
    )
    return 1
  },
})
