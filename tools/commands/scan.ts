// `npm run --silent scan -- [--rules FILE] [--q] [--scene N] [--time SECONDS] [--pretty] CONTENT`
// Where does this QR content land? The same core the mini program runs, on one scan, as one JSON object (or, with
// --pretty, as text for a person).
import { parseArgs } from 'node:util'

import { canShowFollow, landContent, landQ, readLaunchQuery, type LandingResult } from '../src/landing'
import { formatProblems, loadRuleFile, resolveRulesPath } from './lib/rule-file'
import { prettyLanding } from './lib/scan-pretty'

const USAGE = `usage: npm run --silent scan -- [--rules FILE] [--q] [--scene N] [--time SECONDS] [--pretty] CONTENT

  CONTENT          the raw QR content (a link); with --q, the encoded value of the q launch option
  --rules FILE     the rule table (default: rules.json at the project root)
  --q              CONTENT is q as WeChat passes it to the entry page (URL-encoded once)
  --scene N        the launch scene, e.g. 1011; adds "follow": whether the follow component can show
  --time SECONDS   scancode_time in UNIX seconds, read like the entry page reads it
  --pretty         print the answer for a person: the page and params, or why not and, per rule, what differed

Prints one JSON object on stdout (text with --pretty).
Exit 0: lands on a page; 1: lands on the error page; 2: usage or rule file error.`

/** What the process prints and its exit status. */
export interface ScanOutcome {
  status: 0 | 1 | 2
  stdout: string
  stderr: string
}

/** Runs the scan command on `argv` (without node and the script). Never throws. */
export function scan(argv: string[]): ScanOutcome {
  const usage = (why: string): ScanOutcome => ({
    status: 2,
    stdout: '',
    stderr: `scan: ${why}\n\n${USAGE}\n`,
  })
  let values: { rules?: string; q?: boolean; scene?: string; time?: string; pretty?: boolean; help?: boolean }
  let positionals: string[]
  try {
    ;({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        rules: { type: 'string' },
        q: { type: 'boolean' },
        scene: { type: 'string' },
        time: { type: 'string' },
        pretty: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }))
  } catch (e) {
    return usage((e as Error).message)
  }
  if (values.help) return { status: 0, stdout: `${USAGE}\n`, stderr: '' }
  if (positionals.length !== 1) {
    return usage(positionals.length === 0 ? 'CONTENT is missing.' : 'Give exactly one CONTENT (quote it).')
  }
  const [content] = positionals
  for (const [name, value] of [
    ['--scene', values.scene],
    ['--time', values.time],
  ] as const) {
    if (value !== undefined && !/^[0-9]+$/.test(value))
      return usage(`${name} must be a whole number, got "${value}".`)
  }

  // The same intake as the entry page: it decides whether there is a scan (an empty q is none) and reads
  // scancode_time. Neither changes where a link lands; a value the page would ignore is a usage error here.
  const launch = readLaunchQuery({ q: content, scancode_time: values.time })
  if (launch.kind !== 'scan') return usage('CONTENT is empty: the entry page would not see a scan.')
  if (values.time !== undefined && launch.scancodeTime === null) {
    return usage(`--time ${values.time} is not a scancode_time the entry page accepts (UNIX seconds).`)
  }

  const rules = loadRuleFile(resolveRulesPath(values.rules))
  if (!rules.ok)
    return { status: 2, stdout: '', stderr: `scan: ${formatProblems(rules.path, rules.problems)}\n` }

  const landed = values.q ? landQ(launch.q, rules.table) : landContent(content, rules.table)
  const status = landed.ok ? 0 : 1
  // A cold start from --scene: the scene is both the launch and the enter scene.
  const follow =
    values.scene === undefined ? undefined : canShowFollow(Number(values.scene), Number(values.scene))
  if (values.pretty) return { status, stdout: prettyLanding(content, landed, follow), stderr: '' }
  const out: Record<string, unknown> = report(landed)
  if (follow !== undefined) out.follow = follow
  return { status, stdout: `${JSON.stringify(out)}\n`, stderr: '' }
}

/** The contract's fields only, in the contract's order (`input` stays internal: it echoes the content). */
function report(landed: LandingResult): Record<string, unknown> {
  if (landed.ok) return { ok: true, rule: landed.rule, page: landed.page, params: landed.params }
  const { code, message, hint, rule, explain } = landed
  return {
    ok: false,
    code,
    message,
    hint,
    ...(rule === undefined ? {} : { rule }),
    ...(explain === undefined ? {} : { explain }),
  }
}

if (require.main === module) {
  const { status, stdout, stderr } = scan(process.argv.slice(2))
  process.stdout.write(stdout)
  process.stderr.write(stderr)
  // exitCode, not exit(): let the pipes drain.
  process.exitCode = status
}
