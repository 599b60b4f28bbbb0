// Query keys a printed code carries but no route declares (utm_source=…): what `scan` tells a tester about them.
// In-process, through the shell and the printer's own function; test/tools/smoke.test.ts runs the process.
import { landContent } from '../../src/landing'
import { prettyLanding } from '../../tools/lib/scan-pretty'
import { compile, readRulesJson } from '../unit/fixtures'
import { runInProcess } from './run-tool'

const scan = (args: string[]) => runInProcess('scan', args)

const LINK = 'https://shop.example.com/s/12/t/5?utm_source=poster&utm_medium=qr'
const ruleTable = compile(readRulesJson())

describe('scan with undeclared query keys', () => {
  it('lands on the page with the declared params and lists the ignored keys in the JSON answer', async () => {
    const out = await scan([LINK])
    expect(out.status).toBe(0)
    expect(JSON.parse(out.stdout)).toEqual({
      ok: true,
      rule: 'https://shop.example.com/s/',
      page: 'pages/order/index',
      params: { store: 12, table: '5', mode: 'dine-in' },
      ignored: ['utm_source', 'utm_medium'],
    })
  })

  it('keeps the documented answer exactly when nothing was ignored', async () => {
    expect(Object.keys(JSON.parse((await scan(['https://shop.example.com/s/12/t/5'])).stdout))).toEqual([
      'ok',
      'rule',
      'page',
      'params',
    ])
  })

  it('names the ignored keys for a person with --pretty', async () => {
    const out = await scan(['--pretty', LINK])
    expect(out.status).toBe(0)
    expect(out.stdout).toContain('  params    store=12 table=5 mode=dine-in\n')
    expect(out.stdout).toContain(
      '  ignored   utm_source, utm_medium (no route declares them: not passed to the page)\n'
    )
  })

  it('quotes ignored keys that are empty or hold control or non-ASCII characters', () => {
    const content = 'https://shop.example.com/s/12?=1&mode%00=x&%E6%9D%A5%E6%BA%90=poster'
    const text = prettyLanding(content, landContent(content, ruleTable))
    expect(text).toContain('  ignored   "", "mode\\u0000", "来源" (')
  })
})
