// One real process per command, started as the README documents it (`npm run --silent <script> -- …`, or the
// direct `npx tsx tools/….ts` entries): the npm scripts, tools/main.ts and the process tail are wired up. Every other
// test runs the commands in-process through the same shell; only these (and kills, and concurrent writers) pay
// for tsx's start-up, hence the generous timeout.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { FakeWechat } from '@scan-to-order/wechat-api/fake'

import { loadRuleFileOrThrow } from '../../server/rule-file'
import { pushFromEnv } from '../../server/wechat-push'
import { COMMANDS } from '../../tools/shell/registry'
import { ROOT } from '../unit/fixtures'
import { LISTENING, PROCESS_TIMEOUT, run, start, tool, tsx } from './real-process'
import type { Env, ToolRun } from './run-tool'
import { FAST, cliEnv } from './wechat/helpers'

const tmp = mkdtempSync(join(tmpdir(), 'smoke-test-'))
const PUSH_TOKEN = 'smokePushToken1'
let fake: FakeWechat
// push:send's counterpart: the demo backend's /wechat/push handler, served in this process (no `npm run api`).
let pushServer: http.Server
let pushUrl = ''
beforeAll(async () => {
  fake = new FakeWechat({ rate: FAST })
  await fake.start()
  const made = pushFromEnv({ WECHAT_PUSH_TOKEN: PUSH_TOKEN }, loadRuleFileOrThrow())
  if (!('push' in made) || !made.push) throw new Error('the push handler did not start')
  const push = made.push
  pushServer = http.createServer((req, res) => {
    if (!push(req, res)) res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => pushServer.listen(0, '127.0.0.1', resolve))
  pushUrl = `http://127.0.0.1:${(pushServer.address() as AddressInfo).port}`
})
afterAll(async () => {
  await fake.close()
  pushServer.closeAllConnections()
  await new Promise<void>((resolve) => pushServer.close(() => resolve()))
  rmSync(tmp, { recursive: true, force: true })
})

const npm = (script: string, args: string[]) => ['npm', 'run', '--silent', script, '--', ...args]
const toolsFile = (file: string, args: string[]) => tsx(join('tools', file), ...args)

interface Smoke {
  command: string
  argv: () => string[]
  env?: () => Env
  check: (r: ToolRun) => void
}

const SMOKES: Smoke[] = [
  {
    command: 'scan',
    argv: () => npm('scan', ['https://shop.example.com/s/12/t/5']),
    check: (r) => {
      expect(r.stdout).toBe(
        '{"ok":true,"rule":"https://shop.example.com/s/","page":"pages/order/index",' +
          '"params":{"store":12,"table":"5","mode":"dine-in"}}\n'
      )
      expect(r.status).toBe(0)
    },
  },
  {
    command: 'rules:check',
    argv: () => npm('rules:check', []),
    check: (r) => {
      expect(r.stdout).toMatch(/^rules\.json: 1 rule, 2 tickets: no problems\n$/)
      expect(r.status).toBe(0)
    },
  },
  {
    command: 'devtools:conditions',
    argv: () => npm('devtools:conditions', ['--config', join(tmp, 'project.private.config.json')]),
    check: (r) => {
      expect(r.status).toBe(0)
      expect(JSON.parse(readFileSync(join(tmp, 'project.private.config.json'), 'utf8'))).toHaveProperty(
        'condition'
      )
    },
  },
  {
    command: 'qr:sheet',
    argv: () => npm('qr:sheet', ['--out', join(tmp, 'sheet')]),
    check: (r) => {
      expect(r.stdout).toMatch(/index\.html: 3 codes \(error correction Q\)/)
      expect(r.status).toBe(0)
    },
  },
  {
    command: 'qr:sheet-screenshot',
    argv: () => toolsFile('qr-sheet-screenshot.ts', ['--out', join(tmp, 'no-sheet')]),
    check: (r) => {
      expect(r.stderr).toContain('index.html does not exist; run npm run qr:sheet first.')
      expect(r.status).toBe(2)
    },
  },
  {
    command: 'rules:sync',
    argv: () => npm('rules:sync', ['plan']),
    env: () => cliEnv(fake),
    check: (r) => {
      expect(r.stdout).toContain('Plan: 6 calls — 3 add, 0 edit, 3 publish, 0 delete')
      expect(r.status).toBe(0)
    },
  },
  {
    command: 'tickets:create',
    argv: () => npm('tickets:create', ['--stores', '12', '--tables', '1-3', '--dry-run']),
    check: (r) => {
      expect(r.stdout).toContain('Would create 3 permanent codes (QR_LIMIT_STR_SCENE)')
      expect(r.status).toBe(0)
    },
  },
  {
    command: 'codes:create',
    argv: () => {
      // A copy of the rule file: the command records the scenes it made in it.
      const rules = join(tmp, 'codes-rules.json')
      writeFileSync(rules, readFileSync(join(ROOT, 'rules.json')))
      return npm('codes:create', [
        '--stores',
        '12',
        '--tables',
        '1',
        '--images',
        join(tmp, 'mp'),
        '--rules',
        rules,
      ])
    },
    env: () => cliEnv(fake),
    check: (r) => {
      expect(r.stdout).toContain('Made 1 mini program code;')
      expect(readFileSync(join(tmp, 'mp', 'index.csv'), 'utf8')).toContain(
        'store=12&table=1,pages/index/index'
      )
      expect(r.status).toBe(0)
    },
  },
  {
    command: 'follow-account',
    argv: () => npm('follow-account', ['list']),
    env: () => cliEnv(fake),
    check: (r) => {
      expect(r.stdout).toBe('wxf0110w0000000001  Demo Store News\nwxf0110w0000000002  Demo Store Deals\n')
      expect(r.status).toBe(0)
    },
  },
  {
    command: 'push:send',
    argv: () => npm('push:send', ['--url', pushUrl, 'store=12&table=5']),
    env: () => ({ WECHAT_PUSH_TOKEN: PUSH_TOKEN }),
    check: (r) => {
      expect(r.stdout).toMatch(/^200 <xml>/)
      expect(r.stdout).toContain('data-miniprogram-path="pages/order/index?store=12&table=5&mode=dine-in"')
      expect(r.status).toBe(0)
    },
  },
  {
    command: 'bench',
    argv: () => npm('bench', ['--only', 'nothing']),
    check: (r) => {
      expect(r.stderr).toMatch(/^bench: unknown section: nothing\n\nusage: npm run bench/)
      expect(r.status).toBe(2)
    },
  },
  {
    command: 'fuzz',
    argv: () => npm('fuzz', ['--runs', '20', '--only', 'encoding', '--seed', '7']),
    check: (r) => {
      expect(r.stdout).toMatch(/^fuzz: \d+ properties × 20 runs, seed 7\n/)
      expect(r.stdout).toMatch(/properties held, 0 failed \(seed 7\)\n$/)
      expect(r.status).toBe(0)
    },
  },
  {
    command: 'size-budget',
    argv: () => {
      const dist = join(tmp, 'dist')
      mkdirSync(dist, { recursive: true })
      writeFileSync(join(dist, 'app.js'), 'App({})')
      writeFileSync(
        join(tmp, 'budget.json'),
        JSON.stringify({ margin: 0.05, total: 1000, files: { 'app.js': 100 } })
      )
      return toolsFile('size-budget.ts', ['--dist', dist, '--budget', join(tmp, 'budget.json')])
    },
    check: (r) => {
      expect(r.stdout).toMatch(/^size budget: 0\.0 KB of 1\.0 KB budgeted/)
      expect(r.status).toBe(0)
    },
  },
  {
    // Its real run is a ~25 s build with source maps: the smoke proves the direct entry reaches the shell, not the
    // build (attributeBytes and ownerOf are tested in where-bytes.test.ts).
    command: 'where-bytes',
    argv: () => tsx(join('tools', 'bench', 'where-bytes.ts'), '--top', 'x'),
    check: (r) => {
      expect(r.stderr).toBe(
        'where-bytes: --top must be a whole number, got "x".\n\nusage: npx tsx tools/bench/where-bytes.ts [--top N]\n'
      )
      expect(r.stdout).toBe('')
      expect(r.status).toBe(2)
    },
  },
]

describe('every command has exactly one real-process smoke test', () => {
  it('covers the registry', () => {
    const smoked = [...SMOKES.map((s) => s.command), 'fake-wechat'].sort()
    expect(smoked).toEqual(COMMANDS.map((c) => c.name).sort())
  })

  it('has an npm script for every command but the three documented direct entries, and no script for a command that is not registered', () => {
    const scripts = (
      JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
    ).scripts
    const viaMain = Object.entries(scripts)
      .filter(([, line]) => line.startsWith('tsx tools/main.ts '))
      .map(([name, line]) => [name, line.slice('tsx tools/main.ts '.length)])
    for (const [name, command] of viaMain) expect(command).toBe(name)
    const direct = ['qr:sheet-screenshot', 'size-budget', 'where-bytes']
    expect([...viaMain.map(([name]) => name), ...direct].sort()).toEqual(COMMANDS.map((c) => c.name).sort())
  })
})

describe.each(SMOKES)('$command as a real process', ({ argv, env, check }) => {
  it(
    'runs as documented',
    async () => {
      check(await run(argv(), { env: env?.() }))
    },
    PROCESS_TIMEOUT
  )
})

describe('fake-wechat as a real process', () => {
  it(
    'serves until Ctrl-C, then closes and exits 130',
    async () => {
      // tools/main.ts as the npm script runs it; SIGINT to tsx alone, which hands it to the script's process (a
      // signal to the whole group would reach the script twice).
      const fakeWechat = start(tool('fake-wechat', ['--port', '0']))
      const [, url] = await fakeWechat.match(LISTENING)
      const state = await new Promise<string>((resolve, reject) => {
        http
          .get(`${url}/__fake/state`, (res) => {
            let body = ''
            res.setEncoding('utf8').on('data', (d: string) => (body += d))
            res.on('end', () => resolve(body))
          })
          .on('error', reject)
      })
      expect(JSON.parse(state)).toHaveProperty('rules', [])
      expect((await fakeWechat.signal('SIGINT')).status).toBe(130)
    },
    PROCESS_TIMEOUT
  )
})
