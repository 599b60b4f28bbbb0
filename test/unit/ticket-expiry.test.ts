// Temporary service-account codes (QR_SCENE, QR_STR_SCENE): the scene map records each one's end, and from then on
// it lands like an unknown ticket — judged against the `now` the caller passes, so the core stays deterministic.
import { compileRuleTable, landContent, landQ, lookupTicket, type RuleTableFile } from '../../src/landing'
import { explainError } from '../../src/landing/explain'
import { compile, FIXTURE_FILE } from './fixtures'

const TEMP = 'http://weixin.qq.com/q/02temporaryT9'
const END = 1_700_000_000
const FILE: RuleTableFile = {
  ...FIXTURE_FILE,
  serviceAccount: {
    ...FIXTURE_FILE.serviceAccount!,
    tickets: [
      ...FIXTURE_FILE.serviceAccount!.tickets,
      { url: TEMP, scene: 'store=12&table=9', expire_time: END },
      { url: 'http://weixin.qq.com/q/02temporaryId', scene: 1001, expire_time: END },
    ],
  },
}
const RULE_TABLE = compile(FILE)

describe('a temporary ticket', () => {
  it('lands on its page before its end', () => {
    expect(landContent(TEMP, RULE_TABLE, END - 1)).toMatchObject({
      ok: true,
      rule: TEMP,
      params: { store: 12, table: '9' },
    })
  })

  it.each([
    ['at its end', END],
    ['after its end', END + 86_400],
  ])('lands on unknown-ticket %s, naming when it expired, with nothing to ask the backend', (_when, now) => {
    const landed = landQ(encodeURIComponent(`${TEMP}?utm_source=poster`), RULE_TABLE, now)
    expect(landed).toMatchObject({ ok: false, code: 'unknown-ticket', rule: TEMP })
    expect(!landed.ok && explainError(landed).message).toBe(
      'This temporary code expired at 2023-11-14T22:13:20.000Z.'
    )
    // An expired code is never reissued: the mini program must not ask the merchant backend about it.
    expect(landed).not.toHaveProperty('ticket')
  })

  it('expires a numeric scene_id code the same way', () => {
    expect(landContent('http://weixin.qq.com/q/02temporaryId', RULE_TABLE, END)).toMatchObject({
      code: 'unknown-ticket',
    })
  })

  it('is not judged without a time (rules:check judges expiry apart), and permanent codes never expire', () => {
    expect(landContent(TEMP, RULE_TABLE)).toMatchObject({ ok: true })
    expect(
      landContent('http://weixin.qq.com/q/02ticketStr', RULE_TABLE, Number.MAX_SAFE_INTEGER)
    ).toMatchObject({
      ok: true,
    })
  })

  it('is not found by lookupTicket (the backend) once expired', () => {
    expect(lookupTicket(TEMP, RULE_TABLE, END - 1)).toEqual({ url: TEMP, scene: 'store=12&table=9' })
    expect(lookupTicket(TEMP, RULE_TABLE, END)).toBeUndefined()
  })

  it.each([0, -5, 1.5, '1700000000', null])('refuses expire_time %p in the table', (expire_time) => {
    const compiled = compileRuleTable({
      ...FIXTURE_FILE,
      serviceAccount: {
        ...FIXTURE_FILE.serviceAccount!,
        tickets: [{ url: TEMP, scene: 'store=1', expire_time }],
      },
    })
    expect(compiled.ok).toBe(false)
    if (!compiled.ok) expect(compiled.problems[0].pointer).toBe('/serviceAccount/tickets/0/expire_time')
  })
})
