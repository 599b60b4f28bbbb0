// The rule file's one writer: every tool that edits rules.json goes through it, and writers running at once (rules:sync
// apply recording states while tickets:create saves codes) lose nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { RuleTableFile } from '../../src/landing'
import { recordRuleStates, ruleFileLock, saveTickets } from '../../tools/lib/rule-file-writer'
import { ROOT } from '../unit/fixtures'
import { PROCESS_TIMEOUT, start, tsx } from './real-process'

const tmp = mkdtempSync(join(tmpdir(), 'rule-file-writer-test-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function copyOfProject(name: string): string {
  const path = join(tmp, name)
  writeFileSync(path, readFileSync(join(ROOT, 'rules.json')))
  return path
}

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as RuleTableFile

describe('saveTickets and recordRuleStates', () => {
  it('save only tickets the file lacks and record only states that differ', () => {
    const path = copyOfProject('once.json')
    const known = read(path).serviceAccount!.tickets[0]
    expect(saveTickets(path, [known, { url: 'http://weixin.qq.com/q/02one', scene: 'store=1' }])).toBe(1)
    expect(saveTickets(path, [{ url: 'http://weixin.qq.com/q/02one', scene: 'store=1' }])).toBe(0)
    const states = new Map([['https://shop.example.com/s/', 2 as const]])
    expect(recordRuleStates(path, states)).toBe(true)
    const text = readFileSync(path, 'utf8')
    expect(recordRuleStates(path, states)).toBe(false)
    expect(readFileSync(path, 'utf8')).toBe(text)
    expect(read(path).rules[0].state).toBe(2)
    expect(
      read(path)
        .serviceAccount!.tickets.map((t) => t.url)
        .slice(-1)
    ).toEqual(['http://weixin.qq.com/q/02one'])
  })

  it('refuses a file that is not JSON, leaving it as it was', () => {
    const path = join(tmp, 'broken.json')
    writeFileSync(path, '{ "rules": [ ')
    expect(() => saveTickets(path, [{ url: 'http://weixin.qq.com/q/02x', scene: 'store=1' }])).toThrow()
    expect(readFileSync(path, 'utf8')).toBe('{ "rules": [ ')
  })

  it('take the lock beside the file and leave nothing behind', () => {
    const path = copyOfProject('lock.json')
    saveTickets(path, [{ url: 'http://weixin.qq.com/q/02two', scene: 'store=2' }])
    expect(ruleFileLock(path)).toBe(join(tmp, '.lock.json.lock'))
    expect(() => readFileSync(ruleFileLock(path))).toThrow(/ENOENT/)
  })
})

describe('writers in separate processes at once', () => {
  const ROUNDS = 120

  it(
    `lose no line: two ticket savers (${ROUNDS} codes each) and a state recorder (${ROUNDS} writes), all at once`,
    async () => {
      const path = copyOfProject('busy.json')
      const go = join(tmp, 'go')
      const writer = (...args: string[]) =>
        start(tsx(join(__dirname, 'children', 'rule-file-writer.ts'), path, go, ...args))
      const writers = [
        writer('tickets', 'a', String(ROUNDS)),
        writer('tickets', 'b', String(ROUNDS)),
        writer('states', String(ROUNDS)),
      ]
      // All three started (tsx takes a while) before the signal, so their writes overlap.
      await Promise.all(writers.map((w) => w.match(/^ready$/m)))
      writeFileSync(go, '')
      const results = await Promise.all(writers.map((w) => w.exited))
      expect(results.map((r) => [r.status, r.stderr])).toEqual(results.map(() => [0, '']))

      const urls = new Set(read(path).serviceAccount!.tickets.map((t) => t.url))
      const missing = ['a', 'b'].flatMap((p) =>
        Array.from({ length: ROUNDS }, (_, i) => `http://weixin.qq.com/q/02${p}${i}`).filter(
          (u) => !urls.has(u)
        )
      )
      expect(missing).toEqual([])
      // The recorder's last write (round ROUNDS - 1, odd: state 1) is the file's state.
      expect(read(path).rules[0].state).toBe(1)
    },
    PROCESS_TIMEOUT
  )
})
