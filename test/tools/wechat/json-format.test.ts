// Rule files rewritten by the tools: only the ticket table changes, and Prettier (the project's config) agrees.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { formatJson, spliceJson } from '../../../tools/wechat/json-format'
import { ROOT } from './helpers'

const original = readFileSync(join(ROOT, 'rules.json'), 'utf8')
const tmp = mkdtempSync(join(tmpdir(), 'json-format-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** Runs `prettier --check` with the project's config (Prettier 3 cannot be imported inside Jest's VM). */
function prettierAccepts(files: Record<string, string>): { ok: boolean; output: string } {
  const paths = Object.entries(files).map(([name, text]) => {
    const path = join(tmp, name)
    writeFileSync(path, text)
    return path
  })
  const bin = require.resolve('prettier/bin/prettier.cjs')
  const r = spawnSync(
    process.execPath,
    [bin, '--config', join(ROOT, '.prettierrc.json'), '--check', ...paths],
    {
      encoding: 'utf8',
    }
  )
  return { ok: r.status === 0, output: r.stdout + r.stderr }
}

const withTickets = (n: number) => {
  const file = JSON.parse(original)
  file.serviceAccount.tickets.push(
    ...Array.from({ length: n }, (_, i) => ({
      url: `http://weixin.qq.com/q/02new${i}`,
      scene: `store=1&table=${i}`,
    }))
  )
  return file
}

describe('spliceJson', () => {
  it('leaves the file byte for byte when the value is unchanged', () => {
    const file = JSON.parse(original)
    expect(spliceJson(original, ['serviceAccount', 'tickets'], file.serviceAccount.tickets)).toBe(original)
  })

  it('appends tickets one a line and keeps every byte before them', () => {
    const tickets = withTickets(3).serviceAccount.tickets
    const next = spliceJson(original, ['serviceAccount', 'tickets'], tickets)!
    expect(JSON.parse(next).serviceAccount.tickets).toEqual(tickets)
    expect(next).toContain(
      '      { "url": "http://weixin.qq.com/q/02new2", "scene": "store=1&table=2" }\n    ],'
    )
    expect(next.startsWith(original.slice(0, original.indexOf('"tickets"')))).toBe(true)
  })

  it('answers null when the path is not in the file', () => {
    expect(spliceJson('{ "rules": [] }', ['serviceAccount', 'tickets'], [])).toBeNull()
  })
})

describe('Prettier', () => {
  it('finds nothing to change in a spliced or a fully formatted rule file', () => {
    const file = withTickets(3)
    const result = prettierAccepts({
      'spliced.json': spliceJson(original, ['serviceAccount', 'tickets'], file.serviceAccount.tickets)!,
      'formatted.json': formatJson(file),
    })
    expect(result).toEqual({ ok: true, output: expect.any(String) })
  })
})
