// `npm run qr:sheet [-- --out DIR] [--tickets] [--rules FILE]`
// Printable QR codes for testers: a PNG and an SVG per debug_url (and per ticket url with --tickets) and an A4
// index.html saying, for each code, its rule, the version it opens and where the mini program lands it.
import { join } from 'node:path'
import { parseArgs } from 'node:util'

import { carriesMarker, replaceFolder } from './lib/out-dir'
import { qrImages, ERROR_CORRECTION } from './lib/qr-images'
import { formatProblems, loadRuleFile, resolveRulesPath, resolveUserPath, shownPath } from './lib/rule-file'
import { SHEET_TICKET_CAP, sheetCodes } from './lib/sheet-codes'
import { SHEET_GENERATOR, sheetHtml } from './lib/sheet-html'

/** Where the sheet goes by default (out/ is gitignored). */
export const DEFAULT_OUT = join(__dirname, '..', 'out', 'qr-sheet')

const USAGE = `usage: npm run qr:sheet [-- --out DIR] [--tickets] [--rules FILE]

  --out DIR        the folder to (re)write (default: out/qr-sheet at the project root)
  --tickets        also print a code per service-account ticket url
  --rules FILE     the rule table (default: rules.json at the project root)

Writes <DIR>/index.html (print it on A4) and a PNG and an SVG per code; the folder is replaced as a whole.
Exit 0: written; 2: usage error, the rule table does not compile, or DIR cannot be written.`

/** What the process prints and its exit status. */
export interface SheetOutcome {
  status: 0 | 2
  stdout: string
  stderr: string
}

/** Runs qr:sheet on `argv` (without node and the script). Never throws. */
export async function qrSheet(argv: string[]): Promise<SheetOutcome> {
  const fail = (message: string): SheetOutcome => ({
    status: 2,
    stdout: '',
    stderr: `qr:sheet: ${message}\n`,
  })
  let values: { out?: string; tickets?: boolean; rules?: string; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: argv,
      options: {
        out: { type: 'string' },
        tickets: { type: 'boolean' },
        rules: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (e) {
    return fail(`${(e as Error).message}\n\n${USAGE}`)
  }
  if (values.help) return { status: 0, stdout: `${USAGE}\n`, stderr: '' }

  const rules = loadRuleFile(resolveRulesPath(values.rules))
  if (!rules.ok) {
    return fail(`${formatProblems(rules.path, rules.problems)}\n  (npm run rules:check lists every problem.)`)
  }
  const out = values.out === undefined ? DEFAULT_OUT : resolveUserPath(values.out)
  const codes = sheetCodes(rules.file, rules.table, values.tickets === true)
  const files = new Map<string, string | Buffer>()
  try {
    for (const code of codes) {
      const { png, svg } = await qrImages(code.link)
      files.set(`${code.id}.png`, png)
      files.set(`${code.id}.svg`, svg)
    }
  } catch (e) {
    // qrcode refuses content too long for any QR version.
    return fail(`cannot make a QR code: ${(e as Error).message}`)
  }
  files.set('index.html', sheetHtml(codes, shownPath(rules.path)))
  try {
    replaceFolder(out, files, (dir) => carriesMarker(dir, 'index.html', SHEET_GENERATOR))
  } catch (e) {
    return fail(`cannot write the sheet: ${(e as Error).message}`)
  }
  const errors = codes.filter((c) => !c.landing.ok).length
  const lines = [
    `${shownPath(join(out, 'index.html'))}: ${codes.length} codes (error correction ${ERROR_CORRECTION}); print it on A4.`,
  ]
  const tickets = rules.file.serviceAccount?.tickets.length ?? 0
  if (values.tickets === true && tickets > SHEET_TICKET_CAP) {
    lines.push(
      `Printed the first ${SHEET_TICKET_CAP} of ${tickets} tickets (tickets:create --images saves every code's image as WeChat issues it).`
    )
  }
  if (errors > 0)
    lines.push(
      `${errors} of them land on the error page (marked on the sheet): npm run rules:check says why.`
    )
  return { status: 0, stdout: `${lines.join('\n')}\n`, stderr: '' }
}

if (require.main === module) {
  void qrSheet(process.argv.slice(2)).then(({ status, stdout, stderr }) => {
    process.stdout.write(stdout)
    process.stderr.write(stderr)
    process.exitCode = status
  })
}
