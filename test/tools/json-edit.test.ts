// In-place JSON edits of the hand-written rule file: only what changes is written, in the layout already there.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { appendJsonItems, setJsonValue } from '../../tools/lib/json-edit'
import { ROOT } from '../unit/fixtures'
import { PROCESS_TIMEOUT, run } from './real-process'

const project = readFileSync(join(ROOT, 'rules.json'), 'utf8')
const ticket = (i: number) => ({ url: `http://weixin.qq.com/q/02new${i}`, scene: `store=1&table=${i}` })

describe('setJsonValue', () => {
  it('replaces a value and leaves every other byte', () => {
    const text = '{\n  "rules": [ { "prefix": "a",   "state": 1 } ]\n}\n'
    expect(setJsonValue(text, ['rules', 0, 'state'], 2)).toBe(
      '{\n  "rules": [ { "prefix": "a",   "state": 2 } ]\n}\n'
    )
  })

  it.each([
    {
      layout: 'one member a line (two spaces)',
      text: '{\n  "a": 1,\n  "b": [1, 2]\n}\n',
      edited: '{\n  "a": 1,\n  "b": [1, 2],\n  "state": 2\n}\n',
    },
    {
      layout: 'one member a line (a tab, CRLF)',
      text: '{\r\n\t"a": 1,\r\n\t"b": [1, 2]\r\n}\r\n',
      edited: '{\r\n\t"a": 1,\r\n\t"b": [1, 2],\r\n\t"state": 2\r\n}\r\n',
    },
    {
      layout: 'side by side',
      text: '{ "a": 1, "b": [1, 2] }',
      edited: '{ "a": 1, "b": [1, 2], "state": 2 }',
    },
    {
      layout: 'an empty object',
      text: '{\n    "x": {}\n}',
      edited: '{\n    "x": {\n        "state": 2\n    }\n}',
    },
  ])('adds a property after the last, laid out like its siblings: $layout', ({ text, edited }) => {
    const path = text.includes('"x"') ? ['x', 'state'] : ['state']
    expect(setJsonValue(text, path, 2)).toBe(edited)
  })

  it('refuses text that is not JSON instead of guessing', () => {
    expect(() => setJsonValue('{ "a": 1, }', ['b'], 2)).toThrow('not valid JSON')
  })
})

describe('appendJsonItems', () => {
  it('appends tickets one a line under the last, keeping every byte before and after them', () => {
    const next = appendJsonItems(project, ['serviceAccount', 'tickets'], [ticket(1), ticket(2)])
    expect(JSON.parse(next).serviceAccount.tickets.slice(-2)).toEqual([ticket(1), ticket(2)])
    const end = project.indexOf('\n    ],\n    "sceneIds"')
    expect(next.startsWith(project.slice(0, end))).toBe(true)
    expect(next.endsWith(project.slice(end))).toBe(true)
    expect(next.slice(end, next.length - project.length + end)).toBe(
      [
        ',',
        '      {',
        '        "url": "http://weixin.qq.com/q/02new1",',
        '        "scene": "store=1&table=1"',
        '      },',
        '      {',
        '        "url": "http://weixin.qq.com/q/02new2",',
        '        "scene": "store=1&table=2"',
        '      }',
      ].join('\n')
    )
  })

  it('writes the items of an empty array on lines of their own, one indent in', () => {
    const text = '{\n  "serviceAccount": { "appid": "wx", "tickets": [] }\n}\n'
    expect(appendJsonItems(text, ['serviceAccount', 'tickets'], ['a', 'b'])).toBe(
      '{\n  "serviceAccount": { "appid": "wx", "tickets": [\n    "a",\n    "b"\n  ] }\n}\n'
    )
  })

  it('creates a missing array with the items, as setting it would', () => {
    const text = '{\n  "serviceAccount": { "appid": "wx" }\n}\n'
    const path = ['serviceAccount', 'tickets']
    expect(appendJsonItems(text, path, ['a', 'b'])).toBe(setJsonValue(text, path, ['a', 'b']))
    expect(JSON.parse(appendJsonItems(text, path, ['a'])).serviceAccount.tickets).toEqual(['a'])
    expect(() => appendJsonItems('{ "tickets": {} }', ['tickets'], ['a'])).toThrow('it is not an array')
  })

  it('makes one edit of many items that reads as many single appends would', () => {
    const many = Array.from({ length: 50 }, (_, i) => ticket(i))
    const once = appendJsonItems(project, ['serviceAccount', 'tickets'], many)
    const oneByOne = many.reduce(
      (text, t) => appendJsonItems(text, ['serviceAccount', 'tickets'], [t]),
      project
    )
    expect(once).toBe(oneByOne)
  })
})

describe("the project's rules.json after the tools edited it", () => {
  it(
    'still passes prettier --check with the project config',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'json-edit-'))
      try {
        let text = appendJsonItems(project, ['serviceAccount', 'tickets'], [ticket(1), ticket(2)])
        text = setJsonValue(text, ['rules', 0, 'state'], 2)
        const file = join(dir, 'rules.json')
        writeFileSync(file, text)
        // Prettier 3 cannot be imported inside Jest's VM: its CLI, as `npm run lint` runs it.
        const bin = require.resolve('prettier/bin/prettier.cjs')
        const r = await run([
          process.execPath,
          bin,
          '--config',
          join(ROOT, '.prettierrc.json'),
          '--check',
          file,
        ])
        expect({ status: r.status, output: r.stdout + r.stderr }).toEqual({
          status: 0,
          output: expect.any(String),
        })
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
    PROCESS_TIMEOUT
  )
})
