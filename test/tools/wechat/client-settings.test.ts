// What the WeChat tools say about their settings and about WeChat's answers, in-process against the fake:
// WECHAT_API_BASE, --timeout, a server that never answers, an answer that is not WeChat's, a refused token, a pace
// that is too fast, and the journal a failed run leaves (issue 10 §5, §6).
import { readdirSync } from 'node:fs'

import { runInProcess, type ToolRun } from '../run-tool'
import {
  FAKE_CREDENTIALS,
  cliEnv,
  freshFakeAndRules,
  journalLines,
  rulesWithTickets,
  tempRules,
} from './helpers'

const ctx = freshFakeAndRules()

/** The WeChat commands, each with arguments that would call WeChat at once. */
const COMMANDS: Array<[string, string[]]> = [
  ['rules:sync', ['plan']],
  ['tickets:create', ['--stores', '3', '--tables', '1']],
  ['follow-account', ['list']],
]

const run = (name: string, args: string[], env = cliEnv(ctx.fake)): Promise<ToolRun> =>
  runInProcess(name, name === 'follow-account' ? args : [...args, '--rules', ctx.tmp.rules], { env })

describe('WECHAT_API_BASE and WECHAT_MP_BASE are checked before any call (issue 10 §5)', () => {
  it.each([
    ['127.0.0.1:9', 'is not an http(s) URL'],
    ['localhost:8788', 'is not an http(s) URL'],
    ['ftp://127.0.0.1/', 'is not an http(s) URL'],
    ['http://', 'is not an http(s) URL'],
    ['http:/127.0.0.1:8788', 'is not an http(s) URL'],
    ['http://127.0.0.1:99999', 'is not an http(s) URL'],
    ['http://127.0.0.1:8788/?x=1', 'has a query or fragment'],
    ['http://127.0.0.1:8788/#top', 'has a query or fragment'],
    ['http://admin:hunter2@127.0.0.1:8788', 'must not carry a user name or password'],
  ])('refuses %s in every WeChat command: usage error (exit 2), no stack trace', async (value, message) => {
    for (const [name, args] of COMMANDS) {
      const r = await run(name, args, cliEnv(ctx.fake, { WECHAT_API_BASE: value }))
      expect([name, r.status]).toEqual([name, 2])
      expect(r.stderr).toContain(`WECHAT_API_BASE`)
      expect(r.stderr).toContain(message)
      expect(r.stderr).not.toMatch(/TypeError|\n\s+at /)
      expect(r.stderr).not.toContain('hunter2')
    }
    expect(ctx.fake.snapshot().log).toEqual([])
  })

  it('refuses a bad WECHAT_MP_BASE (showqrcode) the same way', async () => {
    const r = await run('tickets:create', ['--stores', '3', '--tables', '1'], {
      ...cliEnv(ctx.fake),
      WECHAT_MP_BASE: 'mp.weixin.qq.com',
    })
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('WECHAT_MP_BASE "mp.weixin.qq.com" is not an http(s) URL')
  })

  it('takes a base with a trailing slash or surrounding spaces', async () => {
    const r = await run('rules:sync', ['plan'], cliEnv(ctx.fake, { WECHAT_API_BASE: ` ${ctx.fake.url}/ ` }))
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
  })
})

describe('--timeout and WECHAT_TIMEOUT (issue 10 §5)', () => {
  it.each(['0', '-1', 'abc', '601', '1e3', ''])('refuses --timeout "%s" (exit 2)', async (value) => {
    const r = await run('rules:sync', ['plan', `--timeout=${value}`])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain(`--timeout "${value}" is not a number of seconds from 0.1 to 600`)
    expect(ctx.fake.snapshot().log).toEqual([])
  })

  it('refuses a bad WECHAT_TIMEOUT the same way', async () => {
    const r = await run('follow-account', ['get'], cliEnv(ctx.fake, { WECHAT_TIMEOUT: '10s' }))
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('WECHAT_TIMEOUT "10s" is not a number of seconds')
  })

  it('gives up on a server that never answers after 3 calls of WECHAT_TIMEOUT each, saying what it does meanwhile', async () => {
    ctx.fake.inject({ answer: 'never', times: 100 }) // every rule and follow API; nothing is answered or done
    // A given token: no token call, so only the calls that never get an answer wait.
    const env = cliEnv(ctx.fake, { WECHAT_ACCESS_TOKEN: FAKE_CREDENTIALS.token, WECHAT_TIMEOUT: '0.5' })
    const r = await run('follow-account', ['get'], env)
    expect(r.status).toBe(1)
    const lines = r.stderr.trimEnd().split('\n')
    expect(
      lines.filter((l) =>
        /^getshowwxaitem: no answer from WeChat after [\d.]+ s; waiting up to 0\.5 s \(--timeout\)\.$/.test(l)
      )
    ).toHaveLength(3)
    expect(
      lines.filter((l) => l.includes('(no answer within 0.5 s)') && / — retry [12] of 2 in /.test(l))
    ).toHaveLength(2)
    expect(lines[lines.length - 1]).toMatch(
      /^Stopped: getshowwxaitem: could not reach WeChat \(no answer within 0\.5 s\)\./
    )
    expect(ctx.fake.snapshot().log.map((c) => `${c.api} ${c.answer}`)).toEqual([
      'getshowwxaitem never',
      'getshowwxaitem never',
      'getshowwxaitem never',
    ])
  }, 30_000)
})

describe('messages that say what happened (issue 10 §6)', () => {
  it('names an HTML page answered to the token call by status, type and title — not "busy"', async () => {
    ctx.fake.inject({
      api: 'token',
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: '<html><head><title>Sign in to Wi-Fi</title></head><body>…</body></html>',
    })
    const r = await run('rules:sync', ['plan'])
    expect(r.status).toBe(1)
    expect(r.stderr).toContain(
      'Stopped: token: the server answered HTTP 200 (text/html; charset=utf-8: "Sign in to Wi-Fi") where ' +
        "WeChat's JSON answer was expected. Check WECHAT_API_BASE"
    )
    expect(r.stderr).not.toMatch(/busy/i)
  })

  it('with a given WECHAT_ACCESS_TOKEN that WeChat refuses (40001), says to give a fresh one — no new one was fetched', async () => {
    ctx.fake.revokeTokens()
    const r = await run(
      'rules:sync',
      ['plan'],
      cliEnv(ctx.fake, { WECHAT_ACCESS_TOKEN: FAKE_CREDENTIALS.token })
    )
    expect(r.status).toBe(1)
    expect(r.stderr).toContain('WeChat error 40001')
    expect(r.stderr).not.toContain('even after fetching a new one')
    expect(r.stderr).toContain('Give a fresh token, or the account')
    expect(ctx.fake.snapshot().log.map((c) => c.api)).toEqual(['qrcodejumpget'])
  })

  it('leaves no journal when a run stops before it has anything to remember', async () => {
    const wrong = cliEnv(ctx.fake, { WECHAT_SECRET: 'wrong-secret-0123456789abcdef' })
    const apply = await run('rules:sync', ['apply'], wrong)
    expect(apply.status).toBe(1)
    expect(apply.stderr).toContain('WeChat error 40125')
    const nothing = await run('tickets:create', ['--stores', '12', '--tables', '8']) // the demo ticket exists
    expect(nothing.stdout).toContain('Nothing to create: the scene already has a ticket.')
    expect(readdirSync(ctx.tmp.dir)).toEqual(['rules.json'])
  })

  it('does not count a create that was never sent (the token was refused) as a code that may be wasted', async () => {
    const wrong = cliEnv(ctx.fake, { WECHAT_SECRET: 'wrong-secret-0123456789abcdef' })
    expect((await run('tickets:create', ['--stores', '3', '--tables', '1'], wrong)).status).toBe(1)
    const again = await run('tickets:create', ['--stores', '3', '--tables', '1'])
    expect(again.status).toBe(0)
    expect(again.stderr).not.toContain('Warning')
    expect(journalLines(`${ctx.tmp.dir}/.tickets-create.journal`, 'unknown')).toEqual([])
  })

  it('says "publishes", never "publishs", when a plan lists more than it shows', async () => {
    ctx.tmp.cleanup()
    ctx.tmp = tempRules(rulesWithTickets(25))
    const r = await run('rules:sync', ['plan'])
    expect(r.stdout).toContain('  … and 6 more publishes (--json lists all)')
    expect(r.stdout).toContain('  … and 6 more adds (--json lists all)')
    expect(r.stdout).not.toContain('publishs')
  })

  it('keeps 4 lanes of tickets:create within a WeChat that allows 2 calls a second, lowering its pace', async () => {
    ctx.fake.setRate({ perSecond: 2, perMinute: 1000 })
    // WeChat's own 5/s as the client's pace, and retries 5 ms apart: a fixed pace used up every try.
    const r = await run(
      'tickets:create',
      ['--stores', '3', '--tables', '1-4'],
      cliEnv(ctx.fake, { WECHAT_RATE: '' })
    )
    expect(r.stderr).not.toMatch(/Stopped/)
    expect(r.status).toBe(0)
    expect(r.stderr).toContain('WeChat says the calls come too fast (44990): pace lowered to 2/s')
    expect(ctx.fake.snapshot().ticketRules.filter((t) => (t as { state: number }).state === 2)).toHaveLength(
      4
    )
    // At a fixed 5/s, WeChat refused three of every five calls (about 15 refusals for the 13 answers, and a run
    // now and then used up a call's six tries); at the lowered pace only the first burst and a stray one or two.
    const answers = ctx.fake.snapshot().log.map((c) => c.answer)
    const refused = answers.filter((a) => a === 'errcode 44990').length
    expect(refused).toBeLessThan(answers.filter((a) => a === 'ok').length / 2)
  }, 60_000)
})
