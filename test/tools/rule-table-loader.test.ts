// The webpack loader that decides what of rules.json rides in the mini program package.
import loader from '../../config/rule-table-loader'

interface Run {
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
  const output: unknown = JSON.parse(loader.call(context, source))
  return { output, errors, warnings }
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
  it('bundles only the fields the mini program reads', () => {
    const { output, errors, warnings } = run(file(2), { maxTickets: 10, ticketBackend: '' })

    expect(output).toEqual({
      rules: [{ prefix: 'https://a.example.com/s/', routes: [] }],
      serviceAccount: { tickets: tickets(2), sceneIds: { '7': 'store=1' }, routes: [] },
    })
    expect(errors).toEqual([])
    expect(warnings).toEqual([])
  })

  it("keeps a temporary code's expire_time and the mini program codes' page and routes, not their list", () => {
    const withCodes = {
      ...file(0),
      serviceAccount: {
        ...file(0).serviceAccount,
        tickets: [{ url: 'http://weixin.qq.com/q/02tmp', scene: 'store=1', expire_time: 1700000000 }],
      },
      miniProgramCode: { page: 'pages/index/index', routes: [], scenes: ['store=1&table=2'] },
    }
    const { output } = run(withCodes, { maxTickets: 10, ticketBackend: '' })

    expect(output).toMatchObject({
      serviceAccount: {
        tickets: [{ url: 'http://weixin.qq.com/q/02tmp', scene: 'store=1', expire_time: 1700000000 }],
      },
      miniProgramCode: { page: 'pages/index/index', routes: [] },
    })
    expect((output as { miniProgramCode: object }).miniProgramCode).not.toHaveProperty('scenes')
  })

  it('refuses a ticket table past the budget when no backend can resolve the rest', () => {
    const { output, errors } = run(file(12), { maxTickets: 10, ticketBackend: '' })

    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatch(/12 tickets.*first 10.*other 2 would never land.*TARO_APP_API_BASE/)
    expect((output as { serviceAccount: { tickets: unknown[] } }).serviceAccount.tickets).toHaveLength(10)
  })

  it('bundles the first tickets within budget and warns that the backend resolves the rest', () => {
    const { output, errors, warnings } = run(file(12), {
      maxTickets: 10,
      ticketBackend: 'https://api.example.com',
    })

    expect(errors).toEqual([])
    expect(warnings[0]).toMatch(/other 2 resolve through the merchant backend at https:\/\/api\.example\.com/)
    expect((output as { serviceAccount: { tickets: unknown[] } }).serviceAccount.tickets).toEqual(tickets(10))
  })

  it('reports a rules.json that is not JSON as a build error', () => {
    const { output, errors } = run('{ "rules": [', { maxTickets: 10, ticketBackend: '' })

    expect(output).toBeNull()
    expect(errors[0]).toMatch(/rules\.json is not valid JSON.*rules:check/)
  })
})
