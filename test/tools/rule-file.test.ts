// The one rule file loader (server/rule-file.ts, the backend's and the tools') and the tools' report of its problems.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import {
  DEFAULT_RULES_FILE,
  firstProblem,
  loadRuleFile,
  loadRuleFileOrThrow,
  readRuleJson,
} from '../../server/rule-file'
import { formatProblems, problemLines } from '../../tools/lib/rule-file'
import { ROOT } from '../unit/fixtures'

const tmp = mkdtempSync(join(tmpdir(), 'rule-file-test-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function write(name: string, text: string): string {
  const path = join(tmp, name)
  writeFileSync(path, text)
  return path
}

describe('loadRuleFile', () => {
  it('loads and compiles the project rules.json by default', () => {
    expect(DEFAULT_RULES_FILE).toBe(join(ROOT, 'rules.json'))
    const loaded = loadRuleFile()
    expect(loaded).toMatchObject({ ok: true, path: DEFAULT_RULES_FILE })
    if (loaded.ok) expect(loaded.ruleTable.rules.length).toBe(loaded.file.rules.length)
  })

  it.each([
    { name: 'a missing file', text: null, pointers: [''], message: /Cannot read/ },
    { name: 'a file that is not JSON', text: '{"rules": [', pointers: [''], message: /not valid JSON/ },
    { name: 'an empty file', text: '', pointers: [''], message: /not valid JSON/ },
    { name: 'a file that is not an object', text: '"rules"', pointers: [''], message: /JSON object/ },
    {
      name: 'a rule table with two problems',
      text: JSON.stringify({ rules: [{ prefix: 'nope' }], serviceAccount: { tickets: {} } }),
      pointers: ['/rules/0/prefix', '/serviceAccount/tickets'],
      message: /not a link/,
    },
  ])('reports $name as problems with JSON pointers', ({ name, text, pointers, message }) => {
    const path = text === null ? join(tmp, 'absent.json') : write(`${name.replace(/\W+/g, '-')}.json`, text)
    const loaded = loadRuleFile(path)
    expect(loaded.ok).toBe(false)
    if (loaded.ok) return
    expect(loaded.path).toBe(path)
    expect(loaded.problems.map((p) => p.pointer)).toEqual(pointers)
    expect(loaded.problems[0].message).toMatch(message)
  })

  it('names the setting the path came from in the hint of an unreadable file (--rules unless told)', () => {
    const absent = join(tmp, 'absent.json')
    for (const [loaded, from] of [
      [loadRuleFile(absent), '--rules'],
      [readRuleJson(absent), '--rules'],
      [loadRuleFile(absent, 'RULES'), 'RULES'],
    ] as const) {
      expect(loaded).toMatchObject({ ok: false, problems: [{ hint: `Check the path given to ${from}.` }] })
    }
  })
})

describe('loadRuleFileOrThrow', () => {
  it('returns the loaded file, or throws its first problem with the path', () => {
    expect(loadRuleFileOrThrow()).toMatchObject({
      path: DEFAULT_RULES_FILE,
      file: { rules: expect.any(Array) },
    })
    const path = write(
      'two-problems.json',
      JSON.stringify({ rules: [{ prefix: 'nope' }], serviceAccount: { tickets: {} } })
    )
    expect(() => loadRuleFileOrThrow(path)).toThrow(`${path}: /rules/0/prefix: `)
    expect(() => loadRuleFileOrThrow(path)).toThrow('(1 more; npm run rules:check lists every problem.)')
  })
})

describe('firstProblem', () => {
  it('shows the first problem with its hint, the pointer only when not the whole file, and how many more', () => {
    const whole = { pointer: '', message: 'Not JSON.', hint: 'Fix it.' }
    const prefix = { pointer: '/rules/0/prefix', message: 'Not a link.', hint: 'Write a link.' }
    expect(firstProblem('rules.json', [whole]).split('\n')).toEqual([
      'rules.json: Not JSON.',
      '  hint: Fix it.',
    ])
    expect(firstProblem('rules.json', [prefix, whole, whole]).split('\n')).toEqual([
      'rules.json: /rules/0/prefix: Not a link.',
      '  hint: Write a link.',
      '  (2 more; npm run rules:check lists every problem.)',
    ])
  })
})

describe('formatProblems', () => {
  it('lists each problem with its pointer and hint, naming the whole file for ""', () => {
    const text = formatProblems('/elsewhere/rules.json', [
      { pointer: '', message: 'Not JSON.', hint: 'Fix it.' },
      { pointer: '/rules/0/prefix', message: 'Not a link.', hint: 'Write a link.' },
    ])
    expect(text.split('\n')).toEqual([
      '/elsewhere/rules.json: 2 problems',
      '  (whole file): Not JSON.',
      '    hint: Fix it.',
      '  /rules/0/prefix: Not a link.',
      '    hint: Write a link.',
    ])
  })
})

describe('problemLines', () => {
  it('puts the label before the pointer, and nothing there without one', () => {
    const problem = { pointer: '/rules/0', message: 'Shadowed.', hint: 'Reorder.' }
    expect(problemLines(problem, 'warning')).toEqual(['  warning /rules/0: Shadowed.', '    hint: Reorder.'])
    expect(problemLines({ ...problem, pointer: '' })).toEqual([
      '  (whole file): Shadowed.',
      '    hint: Reorder.',
    ])
  })
})
