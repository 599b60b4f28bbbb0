// The codes a testers' QR sheet shows: every debug_url (and, on request, every ticket url), each with its rule, the
// version it opens and where the core lands it. Pure: the sheet and its tests share it.
import { landContent, type RuleTable, type LandingResult, type RuleTableFile } from '../../src/landing'

/** One code on the sheet. `id` names its files (`<id>.png`, `<id>.svg`) after the JSON pointer of its link. */
export interface SheetCode {
  id: string
  link: string
  source:
    | { kind: 'debug_url'; prefix: string; openVersion: number; position: number; of: number }
    | { kind: 'ticket'; appid: string; scene: string | number }
  landed: LandingResult
}

/**
 * Tickets a testers' sheet prints at most: a chain may have 100 000, whose printable images `tickets:create
 * --images` fetches from WeChat; a sheet of every one would be 200 000 files nobody tests with.
 */
export const SHEET_TICKET_CAP = 200

/** The sheet's codes in file order: rules' debug_url first, then the first SHEET_TICKET_CAP tickets when asked. */
export function sheetCodes(
  file: RuleTableFile,
  ruleTable: RuleTable,
  tickets: boolean,
  now: number = Math.floor(Date.now() / 1000)
): SheetCode[] {
  const codes: SheetCode[] = []
  file.rules.forEach((rule, i) => {
    const urls = rule.debug_url ?? []
    urls.forEach((link, j) => {
      codes.push({
        id: `rules-${i}-debug_url-${j}`,
        link,
        source: {
          kind: 'debug_url',
          prefix: rule.prefix,
          openVersion: rule.open_version,
          position: j + 1,
          of: urls.length,
        },
        landed: landContent(link, ruleTable),
      })
    })
  })
  const sa = file.serviceAccount
  if (tickets && sa) {
    sa.tickets.slice(0, SHEET_TICKET_CAP).forEach((t, i) => {
      codes.push({
        id: `tickets-${i}`,
        link: t.url,
        source: { kind: 'ticket', appid: sa.appid, scene: t.scene },
        // Where it lands now: an expired temporary code as an unknown one.
        landed: landContent(t.url, ruleTable, now),
      })
    })
  }
  return codes
}
