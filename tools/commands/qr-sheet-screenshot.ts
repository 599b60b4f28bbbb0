// `npx tsx tools/qr-sheet-screenshot.ts [--out DIR]`
// Looks at the QR sheet as a person would: opens DIR/index.html (from `npm run qr:sheet`) in headless Chromium and
// writes DIR/screenshot.png (the page on screen) and DIR/sheet.pdf (the A4 print, as a printer would get it).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'

import { launchChromium } from './lib/chromium'
import { resolveUserPath, shownPath } from './lib/rule-file'
import { DEFAULT_OUT } from './qr-sheet'

const USAGE = `usage: npx tsx tools/qr-sheet-screenshot.ts [--out DIR]

  --out DIR   the sheet folder written by npm run qr:sheet (default: out/qr-sheet)

Writes DIR/screenshot.png and DIR/sheet.pdf. Needs Chromium at /usr/bin/chromium.`

async function main(argv: string[]): Promise<number> {
  let values: { out?: string; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    }))
  } catch (e) {
    process.stderr.write(`qr-sheet-screenshot: ${(e as Error).message}\n\n${USAGE}\n`)
    return 2
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const out = values.out === undefined ? DEFAULT_OUT : resolveUserPath(values.out)
  const index = join(out, 'index.html')
  if (!existsSync(index)) {
    process.stderr.write(
      `qr-sheet-screenshot: ${shownPath(index)} does not exist; run npm run qr:sheet first.\n`
    )
    return 2
  }
  const browser = await launchChromium()
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 1200 } })
    await page.goto(pathToFileURL(index).href, { waitUntil: 'load' })
    await page.screenshot({ path: join(out, 'screenshot.png'), fullPage: true })
    await page.pdf({ path: join(out, 'sheet.pdf'), preferCSSPageSize: true, printBackground: true })
  } finally {
    await browser.close()
  }
  process.stdout.write(
    `Wrote ${shownPath(join(out, 'screenshot.png'))} and ${shownPath(join(out, 'sheet.pdf'))}.\n`
  )
  return 0
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (status) => (process.exitCode = status),
    (e: Error) => {
      // A missing browser or a crash: say what happened, not a stack.
      process.stderr.write(`qr-sheet-screenshot: ${e.message}\n`)
      process.exitCode = 2
    }
  )
}
