// WeChat DevTools compile conditions that simulate scans (wechat-facts §6): one per debug_url, per ticket and per
// mini program code, named by where the core lands it, plus a launch without q and one with a malformed q.
import {
  ENTRY_PAGE,
  landQ,
  landScene,
  type RuleTable,
  type LandingResult,
  type RuleTableFile,
} from '../../src/landing'
import { describeLanding } from './describe'

/** One entry of `condition.miniprogram.list` in project.private.config.json. */
export interface Condition {
  name: string
  pathName: string
  query: string
  launchMode: 'default'
  scene: number
}

/** Marks the conditions this tool writes: DevTools keeps a condition's name when it rewrites the file. */
export const CONDITION_MARK = '[scan] '

/** Scanning a QR code with WeChat's camera (wechat-facts §1). */
export const SCAN_SCENE = 1011

/** Scanning a mini program code with WeChat's camera (wechat-facts §1). */
export const CODE_SCAN_SCENE = 1047

/**
 * The scancode_time every condition carries. Fixed, so a second run writes the same file; and the same for all, so
 * the entry page's ScanGate (which ignores a scan *older* than the last one) admits each condition in turn.
 */
export const SCANCODE_TIME = 1700000000

/** Tickets, and mini program codes, get one condition each up to this many: DevTools' menu is a plain list. */
export const TICKET_CAP = 50

// Taro issue #15694's truncated escape: percent-escapes that are not UTF-8.
const MALFORMED_TAIL = '%E0%A4%A'

/**
 * The scan conditions for a rule table, and how many tickets and codes were left out. `now` (UNIX seconds) is when a
 * temporary ticket's expiry is judged: its condition says where it lands now.
 */
export function scanConditions(
  file: RuleTableFile,
  ruleTable: RuleTable,
  now: number
): {
  conditions: Condition[]
  tickets: { shown: number; total: number }
  codes: { shown: number; total: number }
} {
  const conditions: Condition[] = []
  const seen = new Set<string>()
  const links: string[] = []
  for (const rule of file.rules) {
    for (const url of rule.debug_url ?? []) {
      if (typeof url === 'string' && !seen.has(url) && seen.add(url)) links.push(url)
    }
  }
  for (const link of links) conditions.push(scan(link, link, ruleTable, now))
  const tickets = file.serviceAccount?.tickets ?? []
  const shown = tickets.slice(0, TICKET_CAP)
  for (const t of shown) conditions.push(scan(`ticket ${t.url} (scene ${t.scene})`, t.url, ruleTable, now))
  // A mini program code opens the entry page with its scene URL-encoded once, and no scancode_time.
  const scenes = file.miniProgramCode?.scenes ?? []
  const codes = scenes.slice(0, TICKET_CAP)
  for (const scene of codes) {
    const query = `scene=${encodeURIComponent(scene)}`
    conditions.push({
      name: `${CONDITION_MARK}mini program code ${scene} → ${describeLanding(landScene(encodeURIComponent(scene), ruleTable))}`,
      pathName: ENTRY_PAGE,
      query,
      launchMode: 'default',
      scene: CODE_SCAN_SCENE,
    })
  }
  conditions.push({
    name: `${CONDITION_MARK}no q → home screen (not a scan)`,
    pathName: ENTRY_PAGE,
    query: '',
    launchMode: 'default',
    scene: SCAN_SCENE,
  })
  const q = `${encodeURIComponent(links[0] ?? 'https://shop.example.com/s/12')}${MALFORMED_TAIL}`
  conditions.push(condition(`malformed q (ends in ${MALFORMED_TAIL})`, q, landQ(q, ruleTable, now)))
  return {
    conditions,
    tickets: { shown: shown.length, total: tickets.length },
    codes: { shown: codes.length, total: scenes.length },
  }
}

/** A scan of `link`: q is the link URL-encoded once, as WeChat passes it to the entry page. */
function scan(label: string, link: string, ruleTable: RuleTable, now: number): Condition {
  const q = encodeURIComponent(link)
  return condition(label, q, landQ(q, ruleTable, now))
}

function condition(label: string, q: string, landed: LandingResult): Condition {
  return {
    name: `${CONDITION_MARK}${label} → ${describeLanding(landed)}`,
    pathName: ENTRY_PAGE,
    query: `q=${q}&scancode_time=${SCANCODE_TIME}`,
    launchMode: 'default',
    scene: SCAN_SCENE,
  }
}
