// `npm run qr:sheet [-- --out DIR] [--tickets] [--rules FILE]`
// Printable QR codes for testers: a PNG and an SVG per debug_url (and per ticket url with --tickets) and an A4
// index.html saying, for each code, its rule, the version it opens and where the mini program lands it.
import { join } from 'node:path'

import { InputError } from '../lib/errors'
import { carriesMarker, replaceFolder } from '../lib/out-dir'
import { qrImages, ERROR_CORRECTION } from '../lib/qr-images'
import { SHEET_TICKET_CAP, sheetCodes } from '../lib/sheet-codes'
import { SHEET_GENERATOR, sheetHtml } from '../lib/sheet-html'
import { defineCommand } from '../shell/command'
import { CHECK_NOTE, loadRules } from './common'

/** Where the sheet goes by default (out/ is gitignored). */
export const DEFAULT_OUT = join(__dirname, '..', '..', 'out', 'qr-sheet')

const USAGE = `usage: npm run qr:sheet [-- --out DIR] [--tickets] [--rules FILE]

  --out DIR        the folder to (re)write (default: out/qr-sheet at the project root)
  --tickets        also print a code per service-account ticket url
  --rules FILE     the rule table (default: rules.json at the project root)

Writes <DIR>/index.html (print it on A4) and a PNG and an SVG per code; the folder is replaced as a whole.
Exit 0: written; 2: usage error, the rule table does not compile, or DIR cannot be written.`

export const command = defineCommand({
  usage: USAGE,
  options: { out: { type: 'string' }, tickets: { type: 'boolean' }, rules: { type: 'string' } },
  async run({ values }, io) {
    const rules = loadRules(io, values.rules, CHECK_NOTE)
    const out = values.out === undefined ? DEFAULT_OUT : io.path(values.out)
    const codes = sheetCodes(rules.file, rules.ruleTable, values.tickets === true)
    const files = new Map<string, string | Buffer>()
    try {
      for (const code of codes) {
        const { png, svg } = await qrImages(code.link)
        files.set(`${code.id}.png`, png)
        files.set(`${code.id}.svg`, svg)
      }
    } catch (e) {
      // qrcode refuses content too long for any QR version.
      throw new InputError(`cannot make a QR code: ${(e as Error).message}`)
    }
    files.set('index.html', sheetHtml(codes, io.shown(rules.path)))
    try {
      replaceFolder(out, files, (dir) => carriesMarker(dir, 'index.html', SHEET_GENERATOR))
    } catch (e) {
      throw new InputError(`cannot write the sheet: ${(e as Error).message}`)
    }
    const errors = codes.filter((c) => !c.landed.ok).length
    io.out(
      `${io.shown(join(out, 'index.html'))}: ${codes.length} codes (error correction ${ERROR_CORRECTION}); print it on A4.`
    )
    const tickets = rules.file.serviceAccount?.tickets.length ?? 0
    if (values.tickets === true && tickets > SHEET_TICKET_CAP) {
      io.out(
        `Printed the first ${SHEET_TICKET_CAP} of ${tickets} tickets (tickets:create --images saves every code's image as WeChat issues it).`
      )
    }
    if (errors > 0)
      io.out(`${errors} of them land on the error page (marked on the sheet): npm run rules:check says why.`)
    return 0
  },
})
