// `npm run --silent scan -- [--rules FILE] [--q] [--scene N] [--time SECONDS] [--pretty] CONTENT`
// `npm run --silent scan -- [--rules FILE] [--scene N] [--pretty] --mp-scene SCENE`
// Where does this QR content (or mini program code) land? The same core the mini program runs, on one scan, as one
// JSON object (or, with --pretty, as text for a person).
import {
  canShowFollow,
  landCodePath,
  landContent,
  landQ,
  landScene,
  readLaunchQuery,
  type LandingResult,
} from '../../src/landing'
import { prettyLanding } from '../lib/scan-pretty'
import { defineCommand } from '../shell/command'
import { UsageError } from '../shell/errors'
import type { Io } from '../shell/io'
import { wholeNumber } from '../shell/options'
import { loadRules } from './common'
import { explainError } from '../../src/landing/explain'

const USAGE = `usage: npm run --silent scan -- [--rules FILE] [--q] [--scene N] [--time SECONDS] [--pretty] CONTENT
       npm run --silent scan -- [--rules FILE] [--scene N] [--pretty] --mp-scene SCENE
       npm run --silent scan -- [--rules FILE] [--pretty] --mp-path PATH

  CONTENT          the raw QR content (a link); with --q, the encoded value of the q launch option
  --mp-scene SCENE a mini program code instead: its scene as given to wxacode.getUnlimited (codes:create), e.g.
                   'store=12&table=5'; it reaches the entry page URL-encoded once, as WeChat passes it
  --mp-path PATH   a mini program code scanned with the app's own scan button: the path wx.scanCode gives,
                   e.g. 'pages/index/index?scene=store%3D12%26table%3D5' (iOS) or '…?scene=store=12&table=5' (Android)
  --rules FILE     the rule table (default: rules.json at the project root)
  --q              CONTENT is q as WeChat passes it to the entry page (URL-encoded once)
  --scene N        the launch scene, e.g. 1011 (a link code) or 1047 (a mini program code); adds "follow": whether
                   the follow component can show
  --time SECONDS   scancode_time in UNIX seconds, read like the entry page reads it; also the moment a temporary
                   ticket's expiry is judged at (default: now)
  --pretty         print the answer for a person: the page and params, or why not and, per rule, what differed

Prints one JSON object on stdout (text with --pretty).
Exit 0: lands on a page; 1: lands on the error page; 2: usage or rule file error.`

const usage = (why: string) => new UsageError(why, { showUsage: true })

export const command = defineCommand({
  usage: USAGE,
  options: {
    rules: { type: 'string' },
    q: { type: 'boolean' },
    scene: { type: 'string' },
    time: { type: 'string' },
    pretty: { type: 'boolean' },
    'mp-scene': { type: 'string' },
    'mp-path': { type: 'string' },
  },
  positionals: true,
  run({ values, positionals }, io) {
    wholeNumber('--scene', values.scene, { showUsage: true })
    wholeNumber('--time', values.time, { showUsage: true })
    const path = values['mp-path']
    if (path !== undefined) {
      if (
        positionals.length > 0 ||
        values.q ||
        values.time !== undefined ||
        values['mp-scene'] !== undefined
      ) {
        throw usage('--mp-path is the whole scan: give it without CONTENT, --q, --time or --mp-scene.')
      }
      // An in-app scan: no launch, so no launch scene either (the follow component is the launch's).
      if (values.scene !== undefined) throw usage('--mp-path is an in-app scan: it has no launch --scene.')
      return answer(landCodePath(path, loadRules(io, values.rules).ruleTable), path, values, io)
    }
    const code = values['mp-scene']
    if (code !== undefined) {
      if (positionals.length > 0 || values.q || values.time !== undefined) {
        throw usage('--mp-scene is the whole scan: give it without CONTENT, --q or --time.')
      }
      if (code === '') throw usage('--mp-scene is empty: the entry page would not see a code.')
      const rules = loadRules(io, values.rules)
      // As WeChat hands it to the entry page: the scene, URL-encoded once.
      return answer(landScene(encodeURIComponent(code), rules.ruleTable), code, values, io)
    }
    if (positionals.length !== 1) {
      throw usage(positionals.length === 0 ? 'CONTENT is missing.' : 'Give exactly one CONTENT (quote it).')
    }
    const [content] = positionals

    // The same intake as the entry page: it decides whether there is a scan (an empty q is none) and reads
    // scancode_time. Neither changes where a link lands; a value the page would ignore is a usage error here.
    const launch = readLaunchQuery({ q: content, scancode_time: values.time })
    if (launch.kind !== 'scan') throw usage('CONTENT is empty: the entry page would not see a scan.')
    if (values.time !== undefined && launch.scancodeTime === null) {
      throw usage(`--time ${values.time} is not a scancode_time the entry page accepts (UNIX seconds).`)
    }

    const rules = loadRules(io, values.rules)

    // A temporary ticket is judged at the scan's time when given, else now.
    const now = launch.scancodeTime ?? Math.floor(Date.now() / 1000)
    const landed = values.q
      ? landQ(launch.q, rules.ruleTable, now)
      : landContent(content, rules.ruleTable, now)
    return answer(landed, content, values, io)
  },
})

/** Prints where a scan lands (JSON, or text with --pretty) and returns the exit status. */
function answer(
  landed: LandingResult,
  content: string,
  values: { scene?: string; pretty?: boolean },
  io: Io
): number {
  const status = landed.ok ? 0 : 1
  // A cold start from --scene: the scene is both the launch and the enter scene.
  const follow =
    values.scene === undefined ? undefined : canShowFollow(Number(values.scene), Number(values.scene))
  if (values.pretty) {
    io.out(prettyLanding(content, landed, follow).replace(/\n$/, ''))
    return status
  }
  const out: Record<string, unknown> = report(landed)
  if (follow !== undefined) out.follow = follow
  io.out(JSON.stringify(out))
  return status
}

/** The contract's fields in its order, plus `ignored` when undeclared query keys were dropped (`input` stays internal). */
function report(landed: LandingResult): Record<string, unknown> {
  if (landed.ok) {
    const { rule, page, params, ignored } = landed
    return { ok: true, rule, page, params, ...(ignored === undefined ? {} : { ignored }) }
  }
  const { code, rule, explain } = landed
  const { message, hint } = explainError(landed)
  return {
    ok: false,
    code,
    message,
    hint,
    ...(rule === undefined ? {} : { rule }),
    ...(explain === undefined ? {} : { explain }),
  }
}
