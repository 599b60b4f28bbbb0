// Ticket lookup at WeChat's scale: 100 000 service-account codes (the per-mini-program cap). The compiled rule
// table indexes url → scene in a Map and finds a link's ticket by WeChat's prefix rules with a few lookups; the baseline is
// what the file gives without an index: parse it, scan the array.
import {
  compileRuleTable,
  findTicket,
  landContent,
  parseLink,
  STORE_ID_PARAM,
  TABLE_NAME_PARAM,
  type RuleTable,
  type Link,
  type RuleTableFile,
} from '../../../src/landing'
import { seeded } from '../core-mix'
import { compareThroughput, compareTime, retainedBytes } from '../measure'
import { row, type Row, type Section } from '../report'

const SECTION = 'Ticket lookup, 100 000 tickets'
export const TICKETS = 100_000

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** A rule file with `count` tickets shaped like qrcode/create's urls (`http://weixin.qq.com/q/02` + 22 chars). */
export function ticketFile(count = TICKETS, seed = 100): RuleTableFile {
  const random = seeded(seed)
  const tickets = Array.from({ length: count }, (_, i) => {
    let id = ''
    for (let k = 0; k < 22; k++) id += ALPHABET[Math.floor(random() * ALPHABET.length)]
    return { url: `http://weixin.qq.com/q/02${id}`, scene: `store=${1 + (i % 5000)}&table=${1 + (i % 40)}` }
  })
  return {
    rules: [],
    serviceAccount: {
      appid: 'wx0a1b2c3d4e5f6a7b',
      tickets,
      routes: [
        {
          page: 'pages/order/index',
          params: {
            store: STORE_ID_PARAM,
            table: TABLE_NAME_PARAM,
            mode: { const: 'dine-in' },
          },
        },
      ],
    },
  }
}

function compile(file: unknown): RuleTable {
  const compiled = compileRuleTable(file)
  if (!compiled.ok)
    throw new Error(`the generated rule table does not compile: ${compiled.problems[0]?.message}`)
  return compiled.ruleTable
}

export const ticketsSection: Section = {
  id: 'tickets',
  title: SECTION,
  async run(ctx) {
    const file = ticketFile()
    const text = JSON.stringify(file)
    const tickets = file.serviceAccount?.tickets ?? []
    ctx.log(`indexing ${tickets.length} tickets…`)
    const build = compareTime(
      () => compile(JSON.parse(text)),
      () => JSON.parse(text),
      3
    )
    const ruleTable = compile(file)
    // Known codes spread over the whole scene map: a linear scan walks half of it on average.
    const random = seeded(7)
    const urls = Array.from({ length: 200 }, () => tickets[Math.floor(random() * tickets.length)].url)
    const linear = (url: string) => tickets.find((t) => t.url === url)
    // The index alone, on links already parsed (parsing is part of the whole landing below).
    const links = urls.map((url) => {
      const parsed = parseLink(url)
      if (!parsed.ok) throw new Error(`the generated ticket url ${url} does not parse`)
      return parsed.value
    })
    const lookup = compareThroughput(
      (link: Link) => findTicket(link, ruleTable.tickets, ruleTable.ticketShapes),
      (link: Link) => linear(link.href),
      links,
      { batches: 5 }
    )
    const landing = compareThroughput((url: string) => landContent(url, ruleTable), linear, urls, {
      batches: 5,
    })
    const parsed = JSON.parse(text) as RuleTableFile
    const indexBytes = retainedBytes(() => compile(parsed))
    const arrayBytes = retainedBytes(() => JSON.parse(text))
    const rows: Row[] = [
      row({
        section: SECTION,
        name: 'index build (JSON.parse + compileRuleTable)',
        value: build.ms,
        unit: 'ms',
        baseline: { name: 'JSON.parse alone', value: build.baselineMs, unit: 'ms' },
        good: '≤ 10× (it validates every ticket)',
        note: `${(text.length / 1024 / 1024).toFixed(1)} MB of JSON`,
      }),
      row({
        section: SECTION,
        name: 'lookup: link → ticket (prefix rules over a Map)',
        value: lookup.ops,
        unit: 'ops/s',
        baseline: { name: 'linear scan', value: lookup.baselineOps, unit: 'ops/s' },
        good: '≥ 1000×',
      }),
      row({
        section: SECTION,
        name: 'a whole ticket landing (landContent)',
        value: landing.ops,
        unit: 'ops/s',
        baseline: { name: 'linear scan', value: landing.baselineOps, unit: 'ops/s' },
        good: '≥ 100×',
        note: `${(1e6 / landing.ops).toFixed(2)} µs per landing`,
      }),
      row({
        section: SECTION,
        name: 'index memory (heap kept by the compiled table)',
        value: indexBytes / 1024 / 1024,
        unit: 'MB',
        baseline: { name: 'the parsed file (array)', value: arrayBytes / 1024 / 1024, unit: 'MB' },
        good: '≤ 1× (urls are shared, not copied)',
      }),
    ]
    return rows
  },
}
