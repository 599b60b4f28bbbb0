// qr:sheet as testers run it, writing real files: the PNGs read back by an independent decoder
// (jsqr) and sent through the core, and the sheet opened in headless Chromium, on screen and printed on A4.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

import jsQR from 'jsqr'
import type { Browser, Page } from 'playwright-core'
import { PNG } from 'pngjs'

import { compileRuleTable, landContent, type RuleTableFile } from '../../src/landing'
import { launchChromium, MM } from '../../tools/lib/chromium'
import { describeParams } from '../../tools/lib/describe'
import { CARDS_PER_PAGE } from '../../tools/lib/sheet-html'
import { readRulesJson } from '../unit/fixtures'
import { PROCESS_TIMEOUT, run, tool } from './real-process'
import { runInProcess } from './run-tool'

const tmp = mkdtempDir()
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function mkdtempDir(): string {
  const dir = join(tmpdir(), `qr-sheet-test-${process.pid}`)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir)
  return dir
}

// Runs that draw codes are real processes: pngjs encodes a PNG ~30× slower inside Jest's VM than in node (5 codes:
// 5.1 s against 0.2 s), which would make this file the slowest of the suite. Refusals draw nothing: in-process.
const sheet = (args: string[]) => run(tool('qr:sheet', args))
const refusal = (args: string[]) => runInProcess('qr:sheet', args)
jest.setTimeout(PROCESS_TIMEOUT)

/** Reads a QR code from PNG bytes with jsqr: what a phone camera would read. */
function decode(png: Buffer): string | null {
  const image = PNG.sync.read(png)
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null
}

// The project's rules plus enough tickets for two printed pages.
const base = readRulesJson()
const extraTickets = Array.from({ length: 10 }, (_, i) => ({
  url: `http://weixin.qq.com/q/02sheet${i}`,
  scene: `store=${40 + i}&table=T${i}`,
}))
const file: RuleTableFile = {
  ...base,
  serviceAccount: { ...base.serviceAccount!, tickets: [...base.serviceAccount!.tickets, ...extraTickets] },
}
const rulesPath = join(tmp, 'rules.json')
writeFileSync(rulesPath, JSON.stringify(file, null, 2))
const compiled = compileRuleTable(file)
if (!compiled.ok) throw new Error('test rule table does not compile')
const ruleTable = compiled.ruleTable

/** Every code the sheet should hold, with the file name qr:sheet gives it. */
const expected = [
  ...file.rules.flatMap((r, i) => r.debug_url.map((link, j) => ({ id: `rules-${i}-debug_url-${j}`, link }))),
  ...file.serviceAccount!.tickets.map((t, i) => ({ id: `tickets-${i}`, link: t.url })),
]

// The sheet the tests below read, drawn once: every code of the rule table, tickets included.
const sheetDir = join(tmp, 'sheet')
const drawn = sheet(['--out', sheetDir, '--tickets', '--rules', rulesPath])

describe('qr:sheet writes a code per debug_url and ticket', () => {
  it('exits 0 and says where the sheet is', async () => {
    const r = await drawn
    expect(r.stderr).toBe('')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`index\\.html: ${expected.length} codes \\(error correction Q\\)`))
  })

  it('writes exactly a PNG and an SVG per code, and index.html', async () => {
    await drawn
    const names = expected.flatMap(({ id }) => [`${id}.png`, `${id}.svg`])
    expect(readdirSync(sheetDir).sort()).toEqual([...names, 'index.html'].sort())
  })

  it.each(expected)(
    '$id.png decodes (jsqr) to its link, which the core lands on the page the sheet names',
    async ({ id, link }) => {
      await drawn
      const text = decode(readFileSync(join(sheetDir, `${id}.png`)))
      expect(text).toBe(link)
      const landed = landContent(text ?? '', ruleTable)
      if (!landed.ok) throw new Error(`${link} lands on ${landed.code}`)
      expect(landed.page).toBe('pages/order/index')
      const html = readFileSync(join(sheetDir, 'index.html'), 'utf8')
      const card = html.slice(
        html.indexOf(`id="${id}"`),
        html.indexOf('</div>\n</div>', html.indexOf(`id="${id}"`))
      )
      expect(card).toContain(`${landed.page}<br>${describeParams(landed.params).replace(/&/g, '&#38;')}`)
    }
  )

  it('lands the table code on the dine-in order page with its store and table', async () => {
    await drawn
    const text = decode(readFileSync(join(sheetDir, 'rules-0-debug_url-0.png')))
    expect(landContent(text ?? '', ruleTable)).toMatchObject({
      ok: true,
      page: 'pages/order/index',
      params: { store: 12, table: '5', mode: 'dine-in' },
    })
  })

  it('says on the sheet which version each debug_url opens, in words', async () => {
    await drawn
    const html = readFileSync(join(sheetDir, 'index.html'), 'utf8')
    expect(html).toContain('release version (open_version 3)')
  })
})

describe('qr:sheet replaces its own output only', () => {
  it('drops codes that are no longer asked for (a run without --tickets)', async () => {
    // A copy of the sheet drawn with --tickets: what a run with --tickets leaves, without drawing it again.
    const rerun = join(tmp, 'rerun')
    expect((await drawn).status).toBe(0)
    cpSync(sheetDir, rerun, { recursive: true })
    expect(readdirSync(rerun).some((n) => n.startsWith('tickets-'))).toBe(true)
    const r = await sheet(['--out', rerun, '--rules', rulesPath])
    expect(r.status).toBe(0)
    expect(readdirSync(rerun).filter((n) => n.startsWith('tickets-'))).toEqual([])
    expect(readdirSync(rerun)).toContain('rules-0-debug_url-0.png')
    // Nothing staged is left beside it.
    expect(readdirSync(tmp).filter((n) => n.includes('staging') || n.includes('.old'))).toEqual([])
  })

  it('refuses a folder that is not a QR sheet, leaving it untouched (exit 2)', async () => {
    const mine = join(tmp, 'not-a-sheet')
    mkdirSync(mine)
    writeFileSync(join(mine, 'keep.txt'), 'mine')
    const r = await refusal(['--out', mine, '--rules', rulesPath])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/is not an output of this command; choose a new or empty folder with --out/)
    expect(readdirSync(mine)).toEqual(['keep.txt'])
  })

  it('refuses a rule table that does not compile, writing nothing (exit 2)', async () => {
    const bad = join(tmp, 'bad-rules.json')
    writeFileSync(bad, JSON.stringify({ rules: [{ prefix: 'https://shop.example.com/s/', routes: 'x' }] }))
    const never = join(tmp, 'never')
    const r = await refusal(['--out', never, '--rules', bad])
    expect(r.status).toBe(2)
    expect(r.stderr).toMatch(/\/rules\/0\/routes: "routes" must be an array/)
    expect(existsSync(never)).toBe(false)
  })
})

describe('the sheet in headless Chromium', () => {
  let browser: Browser
  let page: Page

  // No skipping: without Chromium this fails with launchChromium's message saying how to install it.
  beforeAll(async () => {
    expect((await drawn).status).toBe(0)
    browser = await launchChromium()
    page = await browser.newPage({ deviceScaleFactor: 2 })
    await page.goto(pathToFileURL(join(sheetDir, 'index.html')).href, { waitUntil: 'load' })
  }, PROCESS_TIMEOUT)
  afterAll(async () => {
    await browser?.close()
  })

  it('loads every code image', async () => {
    const images = await page.$$eval('img', (imgs) =>
      imgs.map((img) => ({ src: img.getAttribute('src'), loaded: img.complete && img.naturalWidth > 0 }))
    )
    expect(images).toEqual(expected.map(({ id }) => ({ src: `${id}.svg`, loaded: true })))
  })

  it('shows codes that decode to their links as rendered on the sheet', async () => {
    for (const { id, link } of expected) {
      const shot = await page.locator(`#${id} img`).screenshot()
      expect(decode(shot)).toBe(link)
    }
  })

  it(
    'prints on A4 without cutting a code: each page fits one sheet and holds its cards whole',
    async () => {
      // The printable width of A4 with the sheet's 12 mm margins, laid out for print.
      const pageHeight = (297 - 24) * MM
      await page.setViewportSize({ width: Math.floor((210 - 24) * MM), height: Math.ceil(pageHeight) })
      await page.emulateMedia({ media: 'print' })
      const layout = await page.$$eval('.page', (sections) =>
        sections.map((s) => {
          const box = s.getBoundingClientRect()
          return {
            top: box.top,
            height: box.height,
            cards: Array.from(s.querySelectorAll('.card')).map((c) => {
              const b = c.getBoundingClientRect()
              return { top: b.top, bottom: b.bottom, clipped: c.scrollHeight > c.clientHeight }
            }),
          }
        })
      )
      expect(layout).toHaveLength(Math.ceil(expected.length / CARDS_PER_PAGE))
      expect(layout.length).toBeGreaterThan(1)
      for (const section of layout) {
        expect(section.height).toBeLessThanOrEqual(pageHeight)
        for (const card of section.cards) {
          expect(card.top).toBeGreaterThanOrEqual(section.top)
          expect(card.bottom).toBeLessThanOrEqual(section.top + pageHeight)
          expect(card.clipped).toBe(false)
        }
      }
      expect(layout.flatMap((s) => s.cards)).toHaveLength(expected.length)
      // Chromium's own pagination agrees: one printed A4 page per section, no overflow page.
      const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1')
      expect(pdf.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).toHaveLength(layout.length)
      // A4 in PDF points (1/72 in): 595 × 842.
      expect(pdf).toMatch(/\/MediaBox \[0 0 59[45](?:\.\d+)? 84[12](?:\.\d+)?\]/)
    },
    PROCESS_TIMEOUT
  )
})
