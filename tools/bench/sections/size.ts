// Package size: the production dist/ against two blank Taro React apps built in the same run — as `taro init` makes
// it (blank-default: what a team starts from) and with the project's own settings (blank-ours: the framework as we
// ship it) — and against WeChat's 2 MB main-package cap. Sizes are deterministic: these figures are exact.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { grouped, listDist, mainPackage, MAIN_PACKAGE_CAP, totalBytes } from '../dist-files'
import { kb, row, type Row, type Section } from '../report'

const SECTION = 'Package size (prod dist/ vs blank Taro React apps)'
const FRAMEWORK_FILES = ['app.js', 'runtime.js', 'taro.js', 'vendors.js', 'common.js', 'base.wxml']

export const sizeSection: Section = {
  id: 'size',
  title: SECTION,
  async run(ctx) {
    const { project, blankDefault, blankOurs } = await ctx.builds()
    const ours = listDist(project.dist)
    const appJson = JSON.parse(readFileSync(join(project.dist, 'app.json'), 'utf8')) as Record<
      string,
      unknown
    >
    const main = totalBytes(mainPackage(ours, appJson))
    const total = totalBytes(ours)
    const defaults = listDist(blankDefault.dist)
    const blank = listDist(blankOurs.dist)
    const defaultTotal = totalBytes(defaults)
    const blankTotal = totalBytes(blank)
    const oursByGroup = grouped(ours)
    const blankByGroup = grouped(blank)
    const defaultByGroup = grouped(defaults)
    const blankPage = blankByGroup.get('pages/index/index') ?? 0
    const rows: Row[] = []

    rows.push(
      row({
        section: SECTION,
        name: 'main package',
        value: main,
        unit: 'bytes',
        baseline: { name: 'blank (taro init)', value: defaultTotal, unit: 'bytes' },
        good: '≤ 1.0×',
        note:
          main === total
            ? `${ours.length} files, no subpackages`
            : `${kb(total - main)} more in subpackages (${kb(total)} in all)`,
      }),
      row({
        section: SECTION,
        name: 'our own code (project − blank with our settings)',
        value: total - blankTotal,
        unit: 'bytes',
        baseline: { name: 'blank (ours)', value: blankTotal, unit: 'bytes' },
        good: '≤ 0.15×',
        note: 'landing core, pages, services, components, strings, rule table, and the framework parts they pull in',
      }),
      row({
        section: SECTION,
        name: 'blank with our settings',
        value: blankTotal,
        unit: 'bytes',
        baseline: { name: 'blank (taro init)', value: defaultTotal, unit: 'bytes' },
        good: '< 1× (what our settings save)',
        note: "the blank page with the project's .browserslistrc, config/, babel and app.json settings",
      }),
      row({
        section: SECTION,
        name: 'main package vs main-package cap',
        value: main,
        unit: 'bytes',
        baseline: { name: 'WeChat cap', value: MAIN_PACKAGE_CAP, unit: 'bytes' },
        good: '≤ 0.25× (room to grow)',
      })
    )
    for (const file of FRAMEWORK_FILES) {
      const mine = oursByGroup.get(file) ?? 0
      const theirs = blankByGroup.get(file)
      const initial = defaultByGroup.get(file)
      rows.push(
        row({
          section: SECTION,
          name: file,
          value: mine,
          unit: 'bytes',
          baseline: theirs === undefined ? undefined : { name: 'blank (ours)', value: theirs, unit: 'bytes' },
          good: theirs === undefined ? '' : '≈ 1× (framework)',
          note:
            theirs === undefined
              ? 'not in the blank app: modules our pages share'
              : initial === undefined
                ? undefined
                : `taro init: ${kb(initial)}`,
        })
      )
    }
    for (const [group, bytes] of oursByGroup) {
      if (!group.startsWith('pages/')) continue
      rows.push(
        row({
          section: SECTION,
          name: `${group}.*`,
          value: bytes,
          unit: 'bytes',
          baseline: { name: 'blank page', value: blankPage, unit: 'bytes' },
          good: '≤ 10 KB each',
        })
      )
    }
    rows.push(
      row({
        section: SECTION,
        name: 'other (styles, json, comp, wxs, licences)',
        value: oursByGroup.get('other') ?? 0,
        unit: 'bytes',
        baseline: { name: 'blank (ours)', value: blankByGroup.get('other') ?? 0, unit: 'bytes' },
      }),
      row({
        section: SECTION,
        name: 'build time (taro build --type weapp)',
        value: project.ms,
        unit: 'ms',
        baseline: { name: 'blank (ours)', value: blankOurs.ms, unit: 'ms' },
        good: '≤ 2×',
      })
    )
    return rows
  },
}
