// The journal of rules:sync and tickets:create read back after a crash, a kill mid-write, or a hand edit.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { StopError } from '../../../tools/lib/errors'
import { Journal, type JournalLine } from '../../../tools/wechat/journal'
import { runInProcess } from '../run-tool'
import { tempRules, type TempRules } from './helpers'

// A temp copy of the project's rules.json; the journals are written beside it.
let tmp: TempRules
let dir: string
beforeEach(() => {
  tmp = tempRules()
  dir = tmp.dir
})
afterEach(() => tmp.cleanup())

const START = JSON.stringify({ t: 'start', at: '2026-11-29T10:00:00Z' })
const DONE = JSON.stringify({ t: 'done', key: 'add https://shop.example.com/s/' })

function openWith(text: string): Journal<JournalLine> {
  const path = join(dir, '.rules-sync.journal')
  writeFileSync(path, text)
  return Journal.open<JournalLine>(path)
}

describe('Journal.open', () => {
  it('reads every line the tool wrote', () => {
    const journal = openWith(`${START}\n${DONE}\n`)
    expect(journal.records.map((r) => r.t)).toEqual(['start', 'done'])
    journal.close()
  })

  it('drops a last line torn by a kill mid-write', () => {
    const journal = openWith(`${START}\n${DONE.slice(0, 12)}`)
    expect(journal.records.map((r) => r.t)).toEqual(['start'])
    journal.close()
  })

  it.each([
    ['text that is not JSON', 'garbage'],
    ['JSON that is not an object', 'null'],
    ['an object without its kind', '{"key":"add"}'],
  ])('stops with the file and line when a middle line is %s, and frees the lock', (_, bad) => {
    expect(() => openWith(`${START}\n${bad}\n${DONE}\n`)).toThrow(StopError)
    expect(() => openWith(`${START}\n${bad}\n${DONE}\n`)).toThrow(
      /\.rules-sync\.journal:2: not a journal line/
    )
    // The failed open released its lock: a good journal at the same path opens.
    openWith(`${START}\n`).close()
  })
})

describe('rules:sync apply over an edited journal', () => {
  it('exits 1 with what to do, no stack trace, and leaves the journal as it was', async () => {
    const rules = tmp.rules
    const journalText = `${START}\ngarbage\n${DONE}\n`
    writeFileSync(join(dir, '.rules-sync.journal'), journalText)
    const run = await runInProcess('rules:sync', ['apply', '--rules', rules], {
      env: {
        // Nothing is called: the journal is read before the first call to WeChat.
        WECHAT_API_BASE: 'http://127.0.0.1:9',
        WECHAT_APPID: 'wx0a1b2c3d4e5f6a7b',
        WECHAT_SECRET: 'fake-secret-0123456789abcdef0123',
      },
    })
    expect(run.status).toBe(1)
    expect(run.stderr).toContain('.rules-sync.journal:2: not a journal line')
    expect(run.stderr).toContain('Restore it as the tool wrote it, or move it aside')
    expect(run.stderr).not.toMatch(/\n\s+at /)
    expect(readFileSync(join(dir, '.rules-sync.journal'), 'utf8')).toBe(journalText)
  })
})
