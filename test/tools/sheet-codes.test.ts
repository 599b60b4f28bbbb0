// Which codes the testers' sheet prints: pure, so checked without drawing a single QR code.
import { compileRuleTable, type RuleTableFile } from '../../src/landing'
import { SHEET_TICKET_CAP, sheetCodes } from '../../tools/lib/sheet-codes'
import { readRulesJson } from '../unit/fixtures'

function withTickets(n: number): RuleTableFile {
  const file = readRulesJson()
  const sa = file.serviceAccount!
  return {
    ...file,
    serviceAccount: {
      ...sa,
      tickets: Array.from({ length: n }, (_, i) => ({
        url: `http://weixin.qq.com/q/02sheet${i}`,
        scene: `store=12&table=${(i % 20) + 1}`,
      })),
    },
  }
}

function codesOf(file: RuleTableFile, tickets: boolean) {
  const compiled = compileRuleTable(file)
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.problems))
  return sheetCodes(file, compiled.ruleTable, tickets)
}

describe('the sheet codes', () => {
  it('prints every debug_url, and tickets only on request', () => {
    const file = withTickets(3)
    const debugUrls = file.rules.flatMap((r) => r.debug_url)
    expect(codesOf(file, false).map((c) => c.link)).toEqual(debugUrls)
    expect(
      codesOf(file, true)
        .filter((c) => c.source.kind === 'ticket')
        .map((c) => c.link)
    ).toEqual(file.serviceAccount!.tickets.map((t) => t.url))
  })

  it(`prints at most ${SHEET_TICKET_CAP} tickets, the first ones, each landing through the core`, () => {
    const codes = codesOf(withTickets(SHEET_TICKET_CAP + 50), true).filter((c) => c.source.kind === 'ticket')
    expect(codes).toHaveLength(SHEET_TICKET_CAP)
    expect(codes[0].link).toBe('http://weixin.qq.com/q/02sheet0')
    expect(codes.every((c) => c.landed.ok)).toBe(true)
  })
})
