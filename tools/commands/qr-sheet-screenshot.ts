// `npx tsx tools/qr-sheet-screenshot.ts [--out DIR]`
// Looks at the QR sheet as a person would: opens DIR/index.html (from `npm run qr:sheet`) in headless Chromium and
// writes DIR/screenshot.png (the page on screen) and DIR/sheet.pdf (the A4 print, as a printer would get it).
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'

import { launchChromium } from '../lib/chromium'
import { InputError } from '../lib/errors'
import { defineCommand } from '../shell/command'
import { DEFAULT_OUT } from './qr-sheet'

const USAGE = `usage: npx tsx tools/qr-sheet-screenshot.ts [--out DIR]

  --out DIR   the sheet folder written by npm run qr:sheet (default: out/qr-sheet)

Writes DIR/screenshot.png and DIR/sheet.pdf. Needs Chromium at /usr/bin/chromium.`

export const command = defineCommand({
  usage: USAGE,
  options: { out: { type: 'string' } },
  async run({ values }, io) {
    const out = values.out === undefined ? DEFAULT_OUT : io.path(values.out)
    const index = join(out, 'index.html')
    if (!existsSync(index))
      throw new InputError(`${io.shown(index)} does not exist; run npm run qr:sheet first.`)
    let browser
    try {
      browser = await launchChromium()
    } catch (e) {
      // A missing browser: say what happened, not a stack.
      throw new InputError((e as Error).message)
    }
    try {
      const page = await browser.newPage({ viewport: { width: 900, height: 1200 } })
      await page.goto(pathToFileURL(index).href, { waitUntil: 'load' })
      await page.screenshot({ path: join(out, 'screenshot.png'), fullPage: true })
      await page.pdf({ path: join(out, 'sheet.pdf'), preferCSSPageSize: true, printBackground: true })
    } finally {
      await browser.close()
    }
    io.out(`Wrote ${io.shown(join(out, 'screenshot.png'))} and ${io.shown(join(out, 'sheet.pdf'))}.`)
    return 0
  },
})
