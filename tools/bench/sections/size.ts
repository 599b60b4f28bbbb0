// Package size: the production dist/ against the blank Taro React app built in the same run, and against WeChat's
// 2 MB main-package cap. Sizes are deterministic, so this section's figures are exact, not sampled.
import { grouped, listDist, MAIN_PACKAGE_CAP, totalBytes } from '../dist-files'
import { row, type Row, type Section } from '../report'

const SECTION = 'Package size (prod dist/ vs blank Taro React app)'
const FRAMEWORK_FILES = ['app.js', 'runtime.js', 'taro.js', 'vendors.js', 'common.js', 'base.wxml']

export const sizeSection: Section = {
  id: 'size',
  title: SECTION,
  async run(ctx) {
    const { project, blank } = await ctx.builds()
    const ours = listDist(project.dist)
    const base = listDist(blank.dist)
    const total = totalBytes(ours)
    const blankTotal = totalBytes(base)
    const oursByGroup = grouped(ours)
    const blankByGroup = grouped(base)
    const blankPage = blankByGroup.get('pages/index/index') ?? 0
    const rows: Row[] = []

    rows.push(
      row({
        section: SECTION,
        name: 'total',
        value: total,
        unit: 'bytes',
        baseline: { name: 'blank app', value: blankTotal, unit: 'bytes' },
        good: '≤ 1.5× blank',
        note: `${ours.length} files`,
      }),
      row({
        section: SECTION,
        name: 'total vs main-package cap',
        value: total,
        unit: 'bytes',
        baseline: { name: 'WeChat cap', value: MAIN_PACKAGE_CAP, unit: 'bytes' },
        good: '≤ 0.25× (room to grow)',
      }),
      row({
        section: SECTION,
        name: 'added over blank (our code + the framework it pulls in)',
        value: total - blankTotal,
        unit: 'bytes',
        baseline: { name: 'blank app', value: blankTotal, unit: 'bytes' },
        good: '≤ 0.5× (a small fraction)',
        note: 'landing core, pages, services, components, strings, bundled rule table',
      })
    )
    for (const file of FRAMEWORK_FILES) {
      const mine = oursByGroup.get(file) ?? 0
      const theirs = blankByGroup.get(file)
      rows.push(
        row({
          section: SECTION,
          name: file,
          value: mine,
          unit: 'bytes',
          baseline: theirs === undefined ? undefined : { name: 'blank', value: theirs, unit: 'bytes' },
          good: theirs === undefined ? '' : '≈ 1× (framework)',
          note: theirs === undefined ? 'not in the blank app: modules our pages share' : undefined,
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
        baseline: { name: 'blank', value: blankByGroup.get('other') ?? 0, unit: 'bytes' },
      }),
      row({
        section: SECTION,
        name: 'build time (taro build --type weapp)',
        value: project.ms,
        unit: 'ms',
        baseline: { name: 'blank app', value: blank.ms, unit: 'ms' },
        good: '≤ 2×',
      })
    )
    return rows
  },
}
