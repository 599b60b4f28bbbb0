import { budgetKey, overBudget, suggest, type SizeBudget } from '../../tools/size-budget'

const BUDGET: SizeBudget = {
  margin: 0.05,
  total: 1000,
  files: { 'app.js': 400, 'pages/*/index.js': 100 },
}

describe('size budget', () => {
  it.each([
    { file: 'app.js', key: 'app.js' },
    { file: 'pages/order/index.js', key: 'pages/*/index.js' },
    { file: 'pages/a/b/index.js', key: undefined },
    { file: 'pages/order/index.wxml', key: undefined },
    { file: 'xapp.js', key: undefined },
  ])('files $file under budget key $key', ({ file, key }) => {
    expect(budgetKey(file, BUDGET)).toBe(key)
  })

  it('lists the total and every file over its budget, by how much', () => {
    const files = [
      { file: 'app.js', bytes: 450 },
      { file: 'pages/order/index.js', bytes: 100 },
      { file: 'pages/new/index.js', bytes: 130 },
      { file: 'base.wxml', bytes: 400 },
    ]
    expect(overBudget(files, BUDGET)).toEqual([
      { what: 'total', bytes: 1080, budget: 1000 },
      { what: 'app.js', bytes: 450, budget: 400 },
      { what: 'pages/new/index.js (budget "pages/*/index.js")', bytes: 130, budget: 100 },
    ])
  })

  it('finds nothing over budget at or under every figure', () => {
    expect(overBudget([{ file: 'app.js', bytes: 400 }], BUDGET)).toEqual([])
  })

  it('suggests the measurement plus the margin, rounded up to 64 bytes, patterns from their largest file', () => {
    const files = [
      { file: 'app.js', bytes: 500 },
      { file: 'pages/a/index.js', bytes: 90 },
      { file: 'pages/b/index.js', bytes: 200 },
    ]
    expect(suggest(files, BUDGET)).toEqual({
      margin: 0.05,
      total: 832,
      files: { 'app.js': 576, 'pages/*/index.js': 256 },
    })
  })
})
