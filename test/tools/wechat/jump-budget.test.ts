// WeChat's lifetime budget of service-account qrcodejumpadd calls (seed 000) through rules:sync: the local ledger
// counts every such call sent, qrcodejumpget's total_count is a floor, the plan spends what is left and says so, and
// the fake WeChat refuses past the budget with 85073 however few links are live.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

import { FAKE_CREDENTIALS, type FakeWechat } from '@scan-to-order/wechat-api/fake'

import type { RuleTableFile } from '../../../src/landing'
import { runInProcess } from '../run-tool'
import { cliEnv, readJson, rulesWithTickets, startFake, tempRules, type TempRules } from './helpers'

const APPID = FAKE_CREDENTIALS.appid

let fake: FakeWechat
let tmp: TempRules
afterEach(async () => {
  await fake.close()
  tmp.cleanup()
})

/** A temp rule file with `n` tickets and the budget lowered to `limit` (both sides agree on it). */
async function setUp(n: number, limit: number, spentOnWeChat = 0): Promise<void> {
  fake = await startFake({ world: { ticketRuleAddLimit: limit, ticketRuleAddsSpent: spentOnWeChat } })
  const file: RuleTableFile = { ...rulesWithTickets(n), limits: { ticketRuleAdds: limit } }
  tmp = tempRules(file)
}

const ledgerPath = () => join(tmp.dir, 'rules.jump-ledger.json')
const ledgerKey = () => `${APPID} at ${fake.url}`
const ledgerCount = () =>
  existsSync(ledgerPath())
    ? (readJson<{ spent: Record<string, number> }>(ledgerPath()).spent[ledgerKey()] ?? 0)
    : 0
const sync = (args: string[]) =>
  runInProcess('rules:sync', [...args, '--rules', tmp.rules], { env: cliEnv(fake) })

describe('the lifetime budget of service-account links', () => {
  it('counts every service-account add in the ledger beside the rule file, and plan shows the budget left', async () => {
    await setUp(3, 100)

    const apply = await sync(['apply'])
    expect(apply.status).toBe(0)
    expect(fake.snapshot().ticketRuleAdds).toBe(3)
    expect(ledgerCount()).toBe(3)
    expect(readFileSync(ledgerPath(), 'utf8')).toContain('commit it with the rule file')

    const plan = await sync(['plan'])
    expect(plan.status).toBe(0)
    expect(plan.stdout).toContain(
      "Service-account link budget: 3 of WeChat's 100 lifetime qrcodejumpadd calls spent (ledger 3, live links 3); " +
        'this plan spends 0, 97 left after it.'
    )
    const json = await sync(['plan', '--json'])
    expect(JSON.parse(json.stdout).ticketBudget).toEqual({
      limit: 100,
      ledger: 3,
      totalCount: 3,
      spent: 3,
      planned: 0,
      left: 97,
    })
  })

  it('plans only the adds the budget still allows, and apply stops there with exit 3', async () => {
    await setUp(4, 10)
    writeFileSync(ledgerPath(), JSON.stringify({ about: 'test', spent: { [ledgerKey()]: 8 } }))

    const plan = await sync(['plan'])
    expect(plan.status).toBe(3)
    // The ordinary rule, and 2 of the 4 links.
    expect(plan.stdout).toMatch(/Plan: 6 calls — 3 add, 0 edit, 3 publish/)
    expect(plan.stdout).toContain(
      "WeChat's lifetime budget of 10 qrcodejumpadd calls for service-account links is spent"
    )
    expect(plan.stdout).toContain('event push')

    const apply = await sync(['apply'])
    expect(apply.status).toBe(3)
    expect(fake.snapshot().ticketRules).toHaveLength(2)
    expect(ledgerCount()).toBe(10)
  })

  it("takes WeChat's count of live links as a floor when the ledger knows less (another machine added them)", async () => {
    await setUp(3, 4)
    // Two links added elsewhere: this ledger never saw them.
    const elsewhere = tempRules(rulesWithTickets(2))
    await runInProcess('rules:sync', ['apply', '--rules', elsewhere.rules], { env: cliEnv(fake) })
    elsewhere.cleanup()
    writeFileSync(ledgerPath(), JSON.stringify({ about: 'test', spent: {} }))

    const plan = await sync(['plan', '--json'])
    // The first two tickets of both files are the same links: one more is missing, and 2 of 4 are spent.
    expect(JSON.parse(plan.stdout).ticketBudget).toMatchObject({
      ledger: 0,
      totalCount: 2,
      spent: 2,
      planned: 1,
    })
  })

  it('lets the links wait on WeChat\u2019s 85073 when WeChat has counted calls no ledger or live link shows, saying what to do', async () => {
    // Spent on WeChat's side by links deleted long ago: nothing shows it but WeChat's refusal.
    await setUp(2, 5, 5)

    const apply = await sync(['apply'])
    // 85073 refuses this API on this account: the other link waits behind it, the ordinary rule is done (exit 3).
    expect(apply.status).toBe(3)
    expect(apply.stderr).toContain('85073')
    expect(apply.stderr).toContain("over the mini program's life")
    expect(apply.stderr).toContain('waiting behind it: add ticket http://weixin.qq.com/q/02test000001')
    expect(fake.snapshot().ticketRules).toHaveLength(0)
    expect(fake.snapshot().rules).toHaveLength(1)
    // The refused call was sent: the ledger counts it (WeChat counts calls; erring high is the safe side).
    expect(ledgerCount()).toBe(1)
  })

  it('refuses a ledger that is not one (exit 2), sending nothing', async () => {
    await setUp(1, 10)
    writeFileSync(ledgerPath(), '{ "spent": ')

    const plan = await sync(['plan'])
    expect(plan.status).toBe(2)
    expect(plan.stderr).toContain('is not valid JSON')
    expect(fake.snapshot().calls.qrcodejumpadd).toBeUndefined()
  })
})
