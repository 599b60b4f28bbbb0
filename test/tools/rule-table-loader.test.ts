// The webpack loader that compiles rules.json for the mini program package and bounds its tickets.
import loader from '../../config/rule-table-loader'
import { landContent, type RuleTable } from '../../src/landing'
import { compile, readRulesJson } from '../unit/fixtures'

interface Run {
  /** The module source webpack bundles. */
  module: string
  output: unknown
  errors: string[]
  warnings: string[]
}

function run(file: unknown, options: { maxTickets: number; ticketBackend: string }): Run {
  const errors: string[] = []
  const warnings: string[] = []
  const context = {
    getOptions: () => options,
    emitError: (e: Error) => errors.push(e.message),
    emitWarning: (e: Error) => warnings.push(e.message),
  }
  const source = typeof file === 'string' ? file : JSON.stringify(file)
  const module = loader.call(context, source)
  expect(module.startsWith('export default ')).toBe(true)
  // What webpack bundles, evaluated as the app does.
  const output: unknown = new Function(`return ${module.slice('export default '.length)}`)()
  return { module, output, errors, warnings }
}

const tickets = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    url: `http://weixin.qq.com/q/02t${i}`,
    scene: `store=1&table=${i}`,
  }))
const file = (n: number) => ({
  rules: [
    {
      prefix: 'https://a.example.com/s/',
      permit_sub_rule: 1,
      open_version: 3,
      debug_url: ['https://a.example.com/s/1'],
      state: 2,
      routes: [],
    },
  ],
  serviceAccount: {
    appid: 'wx0123456789abcdef',
    tickets: tickets(n),
    sceneIds: { '7': 'store=1' },
    routes: [],
  },
})

describe('the rule table loader', () => {
  it('bundles the rule table compiled, as the core compiles it: nothing of the file the app does not read', () => {
    const { output, errors, warnings } = run(file(2), { maxTickets: 10, ticketBackend: '' })

    expect(output).toStrictEqual(compile(file(2)))
    expect(JSON.stringify([...(output as RuleTable).tickets])).not.toMatch(/appid|debug_url|permit_sub_rule/)
    expect(errors).toEqual([])
    expect(warnings).toEqual([])
  })

  it("bundles the project's rules.json so that it lands like the compiled file", () => {
    const project = readRulesJson()
    const { output, errors } = run(project, { maxTickets: 2000, ticketBackend: '' })

    expect(errors).toEqual([])
    expect(output).toStrictEqual(compile(project))
    const ruleTable = output as RuleTable
    expect(landContent('https://shop.example.com/s/12/t/5', ruleTable)).toMatchObject({
      ok: true,
      params: { store: 12, table: '5', mode: 'dine-in' },
    })
  })

  it('refuses a rule table with problems as a build error, naming the first and rules:check', () => {
    const broken = { rules: [{ prefix: 'not a link', routes: [] }, { prefix: 3 }] }
    const { output, errors } = run(broken, { maxTickets: 10, ticketBackend: '' })

    expect(output).toBeNull()
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/2 problem\(s\), the first at \/rules\/0\/prefix: .*npm run rules:check/)
  })

  it("keeps a temporary code's end and the mini program codes' routes, not their list, within the ticket bound", () => {
    const tmp = (n: number) => ({
      url: `http://weixin.qq.com/q/02tmp${n}`,
      scene: 'store=1',
      expire_time: 1700000000 + n,
    })
    const withCodes = {
      ...file(0),
      serviceAccount: {
        ...file(0).serviceAccount,
        tickets: [tmp(1), tmp(2), tmp(3)],
        routes: [{ page: 'pages/order/index', params: { store: { type: 'int', min: 1 } } }],
      },
      miniProgramCode: { page: 'pages/index/index', routes: 'serviceAccount', scenes: ['store=1&table=2'] },
    }
    const { module, output, warnings } = run(withCodes, {
      maxTickets: 2,
      ticketBackend: 'https://api.example.com',
    })
    const ruleTable = output as RuleTable

    expect(warnings).toHaveLength(1)
    // Only the bundled tickets' ends ride along; the third resolves (and expires) through the backend.
    expect([...ruleTable.ticketExpiry]).toEqual([
      [tmp(1).url, tmp(1).expire_time],
      [tmp(2).url, tmp(2).expire_time],
    ])
    expect(ruleTable.codeRoutes).toStrictEqual(ruleTable.sceneRoutes)
    expect(ruleTable.codeRoutes?.[0]).toMatchObject({ page: 'pages/order/index', required: ['store'] })
    expect(module).not.toContain('store=1&table=2') // the list of codes made is the tools' own
  })

  it('refuses a scene map past the budget when no backend can resolve the rest', () => {
    const { output, errors } = run(file(12), { maxTickets: 10, ticketBackend: '' })

    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/12 tickets.*first 10.*other 2 would never land.*TARO_APP_API_BASE/)
    expect((output as RuleTable).tickets.size).toBe(10)
  })

  it('bundles the first tickets within budget and warns that the backend resolves the rest', () => {
    const { output, errors, warnings } = run(file(12), {
      maxTickets: 10,
      ticketBackend: 'https://api.example.com',
    })

    expect(errors).toEqual([])
    expect(warnings[0]).toMatch(/other 2 resolve through the merchant backend at https:\/\/api\.example\.com/)
    expect([...(output as RuleTable).tickets.keys()]).toEqual(tickets(10).map((t) => t.url))
  })

  it('reports a rules.json that is not JSON as a build error', () => {
    const { output, errors } = run('{ "rules": [', { maxTickets: 10, ticketBackend: '' })

    expect(output).toBeNull()
    expect(errors[0]).toMatch(/rules\.json is not valid JSON.*rules:check/)
  })
})
