// The tools' one command shell: the parser's errors and --help, the one mapping from errors to exit codes,
// redaction in the Io, Ctrl-C, and where a path the user typed is resolved.
import { HttpError, NetworkError, WechatError, registerSecret } from '@scan-to-order/wechat-api'

import { InputError, StopError } from '../../tools/lib/errors'
import { EXIT, UsageError, reportError } from '../../tools/shell/errors'
import { captureIo, processIo } from '../../tools/shell/io'
import { rateOption, wholeNumber } from '../../tools/shell/options'
import { COMMANDS } from '../../tools/shell/registry'
import { runCommand } from '../../tools/shell/run'
import { rulesPath } from '../../tools/commands/common'
import { DEFAULT_RULES_FILE } from '../../server/rule-file'
import { runInProcess } from './run-tool'

describe('the command line', () => {
  // The first run of a command loads its modules through Babel (fuzz: fast-check and the property definitions),
  // which takes seconds on a busy machine; the limit is generous, nothing here is timed.
  const FIRST_LOAD = 60_000

  it.each(COMMANDS.map((c) => c.name))(
    '%s --help prints its usage and exits 0',
    async (name) => {
      const r = await runInProcess(name, ['--help'])
      expect(r.status).toBe(0)
      expect(r.stdout).toMatch(/^usage: /i)
      expect(r.stderr).toBe('')
    },
    FIRST_LOAD
  )

  it.each(COMMANDS.map((c) => c.name))(
    '%s refuses an unknown option with its usage (exit 2)',
    async (name) => {
      const r = await runInProcess(name, ['--no-such-option'])
      expect(r.status).toBe(2)
      expect(r.stdout).toBe('')
      expect(r.stderr).toMatch(new RegExp(`^${name}: Unknown option '--no-such-option'.*\\n\\nusage: `, 'i'))
    },
    FIRST_LOAD
  )

  it('names every command when the command is unknown', async () => {
    const r = await runInProcess('rules:snyc', [])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('Unknown command "rules:snyc". Commands:')
    for (const c of COMMANDS) expect(r.stderr).toContain(`  ${c.name} `)
  })

  it('refuses a missing option value the same way in every command', async () => {
    const r = await runInProcess('rules:check', ['--rules'])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/^rules:check: Option '--rules <value>' argument missing/)
  })
})

describe('one mapping from errors to exit codes', () => {
  it.each([
    {
      error: new UsageError('bad flag', { showUsage: true }),
      code: EXIT.usage,
      text: 'tool: bad flag\n\nusage: tool\n',
    },
    {
      error: new InputError('rules.json: 1 problem'),
      code: EXIT.usage,
      text: 'tool: rules.json: 1 problem\n',
    },
    { error: new StopError('cannot go on'), code: EXIT.stopped, text: 'Stopped: cannot go on\n' },
    {
      error: new WechatError('qrcodejumpadd', 85072, 'owned'),
      code: EXIT.stopped,
      text: /^Stopped: qrcodejumpadd: WeChat error 85072 \(owned\)\. Another mini program owns this prefix/,
    },
    {
      error: new NetworkError('token', 'ECONNREFUSED'),
      code: EXIT.stopped,
      text: /^Stopped: token: could not reach WeChat/,
    },
    {
      error: new HttpError('showqrcode', 404, 'text/html', 'an image'),
      code: EXIT.stopped,
      text: /HTTP 404/,
    },
    { error: new TypeError('a bug'), code: EXIT.stopped, text: /^TypeError: a bug\n {4}at / },
  ])('$error.name → exit $code', ({ error, code, text }) => {
    const io = captureIo()
    expect(reportError(error, 'tool', 'usage: tool', io)).toBe(code)
    if (typeof text === 'string') expect(io.stderr).toBe(text)
    else expect(io.stderr).toMatch(text)
  })
})

describe('the option helpers', () => {
  it('reads a whole number, or refuses anything but digits with one message, the usage after it when asked', () => {
    expect(wholeNumber('--runs', '250')).toBe(250)
    expect(wholeNumber('--runs', undefined)).toBeUndefined()
    expect(wholeNumber('--seed', '-7', { negative: true })).toBe(-7)
    for (const bad of ['-7', '1e3', ' 5', '', '0x10']) {
      expect(() => wholeNumber('--runs', bad)).toThrow(`--runs must be a whole number, got "${bad}".`)
    }
    const refused = (options: { showUsage?: boolean }) => {
      try {
        wholeNumber('--time', 'soon', options)
      } catch (error) {
        return error
      }
      throw new Error('not refused')
    }
    expect(refused({})).toMatchObject({ name: 'UsageError', showUsage: false })
    expect(refused({ showUsage: true })).toMatchObject({ name: 'UsageError', showUsage: true })
  })

  it("reads a rate, WeChat's when absent, and turns a bad one into an input error (exit 2)", () => {
    expect(rateOption('2/s,30/min')).toMatchObject({ perSecond: 2, perMinute: 30 })
    expect(rateOption(undefined)).toMatchObject({ perSecond: 5, perMinute: 200 })
    expect(() => rateOption('fast')).toThrow(InputError)
  })
})

describe('the Io', () => {
  it('redacts every line a command prints, on stdout and stderr', () => {
    registerSecret('the-registered-secret-42')
    const io = captureIo()
    io.out('GET /cgi-bin/token?appid=wx1&secret=abcdef0123456789')
    io.err('echoed the-registered-secret-42 back')
    io.progress.write('access_token=ABCDEFGH12345678')
    expect(io.stdout).toBe('GET /cgi-bin/token?appid=wx1&secret=***\n')
    expect(io.stderr).toBe('echoed *** back\naccess_token=***')
  })

  it('runs the cleanups on Ctrl-C newest first, then settles `interrupted` with 130 (143 for SIGTERM)', async () => {
    const order: string[] = []
    const io = captureIo()
    io.onInterrupt(() => order.push('journal closed'))
    const undo = io.onInterrupt(() => order.push('never: unregistered'))
    io.onInterrupt(() => order.push('tickets saved'))
    undo()
    io.interrupt(143)
    expect(await io.interrupted).toBe(143)
    expect(order).toEqual(['tickets saved', 'journal closed'])
  })

  it('resolves a path the user typed from where they typed it (INIT_CWD under npm), the default rule file from the project', () => {
    const saved = process.env.INIT_CWD
    try {
      process.env.INIT_CWD = '/y/sub'
      const io = processIo()
      expect(rulesPath(io, 'my.json')).toBe('/y/sub/my.json')
      expect(rulesPath(io, '/x/rules.json')).toBe('/x/rules.json')
      expect(rulesPath(io, undefined)).toBe(DEFAULT_RULES_FILE)
      delete process.env.INIT_CWD
      expect(processIo().path('my.json')).toBe(`${process.cwd()}/my.json`)
    } finally {
      if (saved === undefined) delete process.env.INIT_CWD
      else process.env.INIT_CWD = saved
    }
  })

  it('shows a path under the working directory relative to it, any other as is', () => {
    const io = captureIo({ cwd: '/work/project' })
    expect(io.shown('/work/project/rules.json')).toBe('rules.json')
    expect(io.shown('/tmp/rules.json')).toBe('/tmp/rules.json')
  })
})

describe('runCommand', () => {
  it('maps a command that throws to its exit code and never rejects', async () => {
    const io = captureIo()
    await expect(runCommand('rules:sync', ['plan', '--rules', '/no/such/rules.json'], io)).resolves.toBe(2)
    expect(io.stderr).toMatch(
      /^rules:sync: \/no\/such\/rules\.json: 1 problem\n {2}\(whole file\): Cannot read/
    )
  })
})

describe('Ctrl-C through the shell', () => {
  it('ends a command that runs until interrupted (fake-wechat) with 130, after its cleanup closed the server', async () => {
    const io = captureIo()
    const running = runCommand('fake-wechat', ['--port', '0'], io)
    let ended = false
    void running.then(() => (ended = true))
    let url: string | undefined
    // Until it listens or ends, however long a busy machine takes (the test's time bound is for a hang).
    while (!url && !ended) {
      await new Promise((r) => setTimeout(r, 10))
      url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(io.stdout)?.[1]
    }
    expect(url).toBeDefined()
    io.interrupt()
    expect(await running).toBe(130)
    await expect(fetch(`${url}/__fake/state`)).rejects.toThrow()
  })
})
