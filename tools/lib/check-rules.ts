// rules:check's checker: a pure function from a parsed rule file to every problem in it, so the command, the tests
// and a benchmark share it. Parsing, matching and landing are the core's; this file only asks the questions WeChat
// and the mini program would ask, and says where (a JSON pointer), what is wrong and how to fix it.
import {
  compileRuleTable,
  isTicketLink,
  landContent,
  mismatchOf,
  parseLink,
  type RuleTable,
  type Link,
} from '../../src/landing'
import { emptyRuleTable, type CompiledRule } from '../../src/landing/compile-rule-table'
import { isObject } from '../../src/landing/json-value'
import { Problems, type CheckProblem } from './check-problem'
import { findOverlaps, type PrefixEntry } from './check-overlaps'
import { checkPageInputs } from './check-page-inputs'
import { checkPatterns } from './check-patterns'
import { checkMiniProgramCodes } from './check-codes'
import { checkServiceAccount, type TicketContext } from './check-tickets'
import { landingHint, MISMATCH_WORDS } from './describe'
import { readLimits, WECHAT_LIMITS, type Limits } from './limits'
import { explainError } from '../../src/landing/explain'

/** Everything rules:check found, errors and warnings in document order of their JSON pointers. */
export interface CheckReport {
  problems: CheckProblem[]
  errors: number
  warnings: number
  /** How much was checked, for the summary line. */
  rules: number
  tickets: number
}

/**
 * Checks a parsed rule file against WeChat's constraints and the mini program's routing. Never throws. `context`:
 * the time (expired temporary codes) and the jump ledger's count (WeChat's lifetime budget), when known.
 * `compiled`: compileRuleTable(file), when the caller has it already (the file is compiled once per run).
 */
export function checkRules(
  file: unknown,
  context: TicketContext = {},
  compiled: ReturnType<typeof compileRuleTable> = compileRuleTable(file)
): CheckReport {
  const problems = new Problems()
  if (!compiled.ok) problems.add(compiled.problems.map((p) => ({ severity: 'error' as const, ...p })))
  let rules = 0
  let tickets = 0
  if (isObject(file)) {
    const { limits, problems: limitProblems } = readLimits(file.limits)
    problems.add(limitProblems)
    const usable = compiled.ok ? whole(compiled.ruleTable) : usableParts(file)
    if (Array.isArray(file.rules)) {
      rules = file.rules.length
      checkLinkRules(file.rules, limits, usable, problems)
    }
    if (isObject(file.serviceAccount)) {
      tickets = Array.isArray(file.serviceAccount.tickets) ? file.serviceAccount.tickets.length : 0
      checkServiceAccount(file.serviceAccount, limits, usable.ticketRuleTable, problems, context)
    }
    checkMiniProgramCodes(file, compiled.ok ? compiled.ruleTable : null, problems)
    checkPatterns(file, problems)
    checkPageInputs(file, problems)
  }
  // Document order (numeric indices compare as numbers); a stable sort keeps each field's problems in check order.
  const sorted = problems.list
    .map((p) => ({ p, key: p.pointer.split('/') }))
    .sort((a, b) => comparePointers(a.key, b.key))
    .map(({ p }) => p)
  const errors = sorted.filter((p) => p.severity === 'error').length
  return { problems: sorted, errors, warnings: sorted.length - errors, rules, tickets }
}

function comparePointers(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue
    const x = /^[0-9]+$/.test(a[i]) ? Number(a[i]) : NaN
    const y = /^[0-9]+$/.test(b[i]) ? Number(b[i]) : NaN
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y
    return a[i] < b[i] ? -1 : 1
  }
  return a.length - b.length
}

/** What landing checks can run on: each rule compiled alone (null when it does not), and the ticket part. */
interface Usable {
  /** `rules[i]` is the file's rule i compiled, or null when it has compile problems (reported already). */
  rules: Array<CompiledRule | null>
  /** The rule table of every rule that compiled: where debug_url links land. */
  linkRuleTable: RuleTable
  /** The rule table tickets land through, or null when the service account's routes do not compile. */
  ticketRuleTable: RuleTable | null
}

function whole(ruleTable: RuleTable): Usable {
  return { rules: ruleTable.rules, linkRuleTable: ruleTable, ticketRuleTable: ruleTable }
}

// With compile problems, landing checks still run on every part that compiles on its own, so one broken route
// does not hide the other rules' problems.
function usableParts(file: Record<string, unknown>): Usable {
  const rules = (Array.isArray(file.rules) ? file.rules : []).map((rule: unknown) => {
    const one = compileRuleTable({ rules: [rule] })
    return one.ok ? one.ruleTable.rules[0] : null
  })
  const linkRuleTable: RuleTable = {
    ...emptyRuleTable(),
    rules: rules.filter((r): r is CompiledRule => r !== null),
  }
  let ticketRuleTable: RuleTable | null = null
  const sa = file.serviceAccount
  if (isObject(sa) && Array.isArray(sa.tickets)) {
    const valid = sa.tickets.filter(
      (t: unknown) =>
        isObject(t) && typeof t.url === 'string' && ['string', 'number'].includes(typeof t.scene)
    )
    const part = compileRuleTable({ rules: [], serviceAccount: { ...sa, tickets: valid } })
    if (part.ok) ticketRuleTable = { ...part.ruleTable, rules: linkRuleTable.rules }
  }
  return { rules, linkRuleTable, ticketRuleTable }
}

const PROTOCOLS = new Set(['http', 'https', 'ftp'])

function checkLinkRules(list: unknown[], limits: Limits, usable: Usable, problems: Problems): void {
  if (list.length > limits.rules) {
    problems.error(
      '/rules',
      `${list.length} rules; WeChat allows ${limits.rules} per mini program (85073).`,
      `Remove rules, or set "limits": { "rules": N } if your account allows more (current docs: ${WECHAT_LIMITS.rulesCurrentDocs}).`
    )
  }
  const entries: PrefixEntry[] = []
  const firstWithKey = new Map<string, number>()
  let unpublished = 0
  list.forEach((rule: unknown, i: number) => {
    if (!isObject(rule)) return // compileRuleTable reported it.
    const at = `/rules/${i}`
    if (rule.state !== 2) unpublished++
    const parsed = typeof rule.prefix === 'string' ? parseLink(rule.prefix) : null
    const prefix = parsed?.ok ? parsed.value : null
    let unique = false
    if (prefix) {
      checkPrefix(prefix, `${at}/prefix`, problems)
      // Scheme and host are compared case-insensitively; path and query as written.
      const key = `${prefix.scheme}://${prefix.host}${prefix.path}${prefix.query === null ? '' : `?${prefix.query}`}`
      const first = firstWithKey.get(key)
      unique = first === undefined
      if (first === undefined) firstWithKey.set(key, i)
      else {
        problems.error(
          `${at}/prefix`,
          `The prefix "${prefix.href}" is already the prefix of /rules/${first}; WeChat answers 85071.`,
          'Keep one rule per prefix: merge their debug_url and routes.'
        )
      }
    }
    checkEnum(
      rule.permit_sub_rule,
      [1, 2],
      `${at}/permit_sub_rule`,
      '1 (do not reserve sub-rules) or 2 (reserve them)',
      problems
    )
    checkEnum(
      rule.open_version,
      [1, 2, 3],
      `${at}/open_version`,
      '1 (develop), 2 (trial) or 3 (release)',
      problems
    )
    if (rule.state !== undefined && rule.state !== 1 && rule.state !== 2) {
      problems.error(
        `${at}/state`,
        `"state" must be 1 (unpublished) or 2 (published), got ${JSON.stringify(rule.state)}.`,
        'Remove it: npm run rules:sync records the state WeChat reports.'
      )
    }
    const debugLinks = checkDebugUrls(
      rule,
      at,
      prefix,
      limits,
      usable.rules[i] ?? null,
      usable.linkRuleTable,
      problems
    )
    if (prefix && unique) entries.push({ index: i, link: prefix, debugLinks })
  })
  if (unpublished > limits.publishesPerMonth) {
    problems.warning(
      '/rules',
      `${unpublished} rules are not published (per the last sync); WeChat allows ${limits.publishesPerMonth} publishes a month.`,
      `Publish the most needed first, or set "limits": { "publishesPerMonth": N } to the quota qrcodejumpget reports.`
    )
  }
  for (const o of findOverlaps(entries)) {
    const specific = list[o.specific] as Record<string, unknown>
    const broad = list[o.broad] as Record<string, unknown>
    // Only a published rule jumps; a more specific one that is not (yet) takes its links without jumping.
    if (broad.state !== 2 || specific.state === 2) continue
    const why = specific.state === 1 ? 'is unpublished (state 1 at the last sync)' : 'has not been synced yet'
    problems.warning(
      `/rules/${o.specific}/prefix`,
      `This rule ${why} but is more specific than the published /rules/${o.broad} ("${String(broad.prefix)}"): ` +
        `WeChat picks the most specific rule, so "${o.example}" does not open the mini program until this rule is published.`,
      'Publish this rule (npm run rules:sync), or remove it until it is ready.'
    )
  }
}

/** Protocol, host, fragment and ticket prefixes (user info and bad hosts fail parseLink, reported by compile). */
function checkPrefix(prefix: Link, at: string, problems: Problems): void {
  if (!PROTOCOLS.has(prefix.scheme)) {
    problems.error(
      at,
      `The prefix's protocol "${prefix.scheme}" is not one WeChat accepts (85066).`,
      'Use http://, https:// or ftp://.'
    )
  }
  const hostname = prefix.host.replace(/:[0-9]*$/, '').replace(/\.$/, '')
  if (!hostname.includes('.') || /^[0-9.]+$/.test(hostname)) {
    problems.error(
      at,
      `The prefix's host "${hostname}" is not a domain name; WeChat needs a domain with ICP filing.`,
      'Use the domain printed on the codes, e.g. https://m.example.com/s/.'
    )
  }
  if (prefix.hash !== null) {
    problems.error(
      at,
      'The prefix has a fragment ("#…"); WeChat refuses it and matching never reads one.',
      'Remove "#" and what follows from the prefix.'
    )
  }
  if (isTicketLink(prefix)) {
    problems.error(
      at,
      'A service-account ticket url is not an ordinary link rule.',
      'Move it to serviceAccount.tickets, with the scene it was created with.'
    )
  }
}

function checkEnum(value: unknown, allowed: number[], at: string, words: string, problems: Problems): void {
  if (!allowed.includes(value as number)) {
    problems.error(at, `Must be ${words}, got ${JSON.stringify(value) ?? 'nothing'}.`, `Set it to ${words}.`)
  }
}

/** Checks one rule's debug_url list; returns the links that parsed (for overlap examples). */
function checkDebugUrls(
  rule: Record<string, unknown>,
  at: string,
  prefix: Link | null,
  limits: Limits,
  compiled: CompiledRule | null,
  ruleTable: RuleTable,
  problems: Problems
): Link[] {
  const urls = rule.debug_url
  if (!Array.isArray(urls)) {
    problems.error(
      `${at}/debug_url`,
      '"debug_url" must be an array of test links.',
      `Write "debug_url": ["<a link the prefix matches>"] with 1 to ${limits.debugUrls} links.`
    )
    return []
  }
  if (urls.length === 0) {
    problems.warning(
      `${at}/debug_url`,
      'The rule has no debug_url: testers cannot open an unpublished version through it, and the QR sheet and ' +
        'DevTools conditions show nothing for it.',
      'Add links the prefix matches that land on a page.'
    )
  }
  if (urls.length > limits.debugUrls) {
    problems.error(
      `${at}/debug_url`,
      `${urls.length} debug_url links; WeChat allows ${limits.debugUrls} per rule.`,
      `Keep the ${limits.debugUrls} most useful, or set "limits": { "debugUrls": N } if WeChat allows more.`
    )
  }
  const links: Link[] = []
  const seen = new Set<string>()
  urls.forEach((url: unknown, j: number) => {
    const here = `${at}/debug_url/${j}`
    if (typeof url !== 'string') {
      problems.error(
        here,
        'A debug_url must be a string.',
        'Write the full link, e.g. "https://m.example.com/s/12".'
      )
      return
    }
    if (seen.has(url)) {
      problems.warning(here, `"${url}" is listed twice.`, 'Remove the second copy.')
      return
    }
    seen.add(url)
    const parsed = parseLink(url)
    if (!parsed.ok) {
      problems.error(
        here,
        `"${url}" is not a link: ${explainError(parsed).message}`,
        'Write the full link, scheme://host/path.'
      )
      return
    }
    links.push(parsed.value)
    if (!prefix) return // The prefix's own problem is reported; nothing to match against.
    const mismatch = mismatchOf(parsed.value, prefix)
    if (mismatch) {
      problems.error(
        here,
        `"${url}" does not match its own rule: ${MISMATCH_WORDS[mismatch]}. WeChat refuses the rule (85068).`,
        matchHint(prefix)
      )
      return
    }
    if (!compiled) return // The rule's routes do not compile (reported): where it lands is not known yet.
    const landed = landContent(url, ruleTable)
    if (!landed.ok) {
      problems.error(
        here,
        `"${url}" lands on the error page (${landed.code}): ${explainError(landed).message}`,
        landingHint(landed)
      )
    } else if (landed.rule !== compiled.prefix) {
      problems.warning(
        here,
        `"${url}" is taken by the more specific rule "${landed.rule}", not its own: testers scanning it open that rule's version.`,
        'Use a debug_url that only this rule matches, or remove it.'
      )
    }
  })
  return links
}

/** How to write a link `prefix` matches, in WeChat's terms. */
function matchHint(prefix: Link): string {
  const origin = `${prefix.scheme}://${prefix.host}`
  const query = prefix.query ? ` and a query starting with "${prefix.query}"` : ''
  return prefix.path.endsWith('/')
    ? `Use a link on ${origin} whose path starts with "${prefix.path}"${query}.`
    : `Use a link on ${origin} with exactly the path "${prefix.path}"${query}.`
}
