import { explainError } from './explain'
import { ticketShapes, type TicketShapes } from './find-ticket'
import { isObject, isWhole, pointerKey } from './json-value'
import { LANDING_LIMITS } from './limits'
import { ENTRY_PAGE, isPagePath, type PagePath } from './pages'
import { anchoredPattern } from './param-value'
import { parseLink, type Link } from './parse-link'
import type { RouteEntry, RuleEntry } from './rule-table-file'

/** A param declaration ready to validate values. */
export type CompiledParam =
  | { kind: 'int'; min: number; max: number; optional: boolean; fallback?: number }
  | { kind: 'string'; pattern: RegExp; maxLength: number; optional: boolean; fallback?: string }
  | { kind: 'enum'; values: readonly string[]; optional: boolean; fallback?: string }
  | { kind: 'const'; value: string | number }

/** A route ready to select and validate: path segments (`null` for scenes) and typed params. */
export interface CompiledRoute {
  page: PagePath
  /** Literal segments as strings, captures as `{ name }`. */
  segments: Array<string | { name: string }> | null
  params: Record<string, CompiledParam>
  /** Params that must come from the query or scene for this route to be chosen. */
  required: string[]
}

/** A rule ready to match: its prefix split like a link, and its specificity (longer prefix wins). */
export interface CompiledRule {
  prefix: string
  link: Link
  routes: CompiledRoute[]
  /** Every param name some route of the rule declares: other query keys are ignored, these are validated. */
  paramNames: ReadonlySet<string>
}

/** The rule table ready for landing. Built once per rule table. */
export interface RuleTable {
  rules: CompiledRule[]
  /** Ticket url → scene (`scene_str`, or `scene_id` as a number). */
  tickets: Map<string, string | number>
  /** Which path and query lengths occur among the ticket urls (see findTicket). */
  ticketShapes: TicketShapes
  /** `scene_id` → scene string. */
  sceneIds: Map<string, string>
  sceneRoutes: CompiledRoute[]
  /** Ticket url → the end of a temporary code (UNIX seconds); permanent codes are not in it. */
  ticketExpiry: Map<string, number>
  /** How a mini program code's scene becomes a page; `null` when the rule table has no `miniProgramCode`. */
  codeRoutes: CompiledRoute[] | null
}

/** A problem in the rule table: where (a JSON pointer), what is wrong, and how to fix it. */
export interface RuleProblem {
  pointer: string
  message: string
  hint: string
}

/** Compiles a parsed rule table file; returns every problem found, never throws. */
export function compileRuleTable(
  file: unknown
): { ok: true; ruleTable: RuleTable } | { ok: false; problems: RuleProblem[] } {
  const problems: RuleProblem[] = []
  const report = (pointer: string, message: string, hint: string) => problems.push({ pointer, message, hint })
  const ruleTable = emptyRuleTable()

  if (!isObject(file)) {
    report(
      '',
      'The rule table must be a JSON object.',
      'Start from the project\'s rules.json: { "rules": [ … ] }.'
    )
    return { ok: false, problems }
  }
  if (!Array.isArray(file.rules)) {
    report('/rules', '"rules" must be an array of rules.', 'Add "rules": [] (it may be empty).')
  } else {
    file.rules.forEach((rule: unknown, i: number) => {
      const compiled = compileRule(rule, `/rules/${i}`, report)
      if (compiled) ruleTable.rules.push(compiled)
    })
  }
  const sa = file.serviceAccount
  if (sa !== undefined) {
    if (!isObject(sa)) {
      report(
        '/serviceAccount',
        '"serviceAccount" must be an object.',
        'Give it "appid", "tickets" and "routes".'
      )
    } else {
      compileServiceAccount(sa, ruleTable, report)
    }
  }
  if (file.miniProgramCode !== undefined) {
    ruleTable.codeRoutes = compileCodes(file.miniProgramCode, isObject(sa) ? ruleTable : null, report)
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, ruleTable }
}

/** A rule table with nothing in it: what compiling fills in, and what a tool builds a partial table from. */
export function emptyRuleTable(): RuleTable {
  return {
    rules: [],
    tickets: new Map(),
    ticketShapes: { dirPaths: [], queries: [] },
    sceneIds: new Map(),
    sceneRoutes: [],
    ticketExpiry: new Map(),
    codeRoutes: null,
  }
}

type Report = (pointer: string, message: string, hint: string) => void

function compileRule(rule: unknown, at: string, report: Report): CompiledRule | null {
  if (!isObject(rule)) {
    report(
      at,
      'A rule must be an object.',
      'Give it "prefix", "permit_sub_rule", "open_version" and "debug_url".'
    )
    return null
  }
  const { prefix } = rule as Partial<RuleEntry>
  if (typeof prefix !== 'string') {
    report(
      `${at}/prefix`,
      'The rule has no "prefix" string.',
      'Set "prefix" to the registered link prefix, e.g. "https://m.example.com/s/".'
    )
    return null
  }
  const link = parseLink(prefix)
  if (!link.ok) {
    report(
      `${at}/prefix`,
      `The prefix "${prefix}" is not a link: ${explainError(link).message}`,
      'Write the prefix as scheme://host/path.'
    )
    return null
  }
  const routes = compileRoutes(rule.routes, `${at}/routes`, true, report)
  const paramNames = new Set(routes.flatMap((r) => Object.keys(r.params)))
  return { prefix, link: link.value, routes, paramNames }
}

function compileServiceAccount(sa: Record<string, unknown>, ruleTable: RuleTable, report: Report) {
  if (!Array.isArray(sa.tickets)) {
    report('/serviceAccount/tickets', '"tickets" must be an array of { url, scene }.', 'Add "tickets": [].')
  } else {
    sa.tickets.forEach((t: unknown, i: number) => {
      const at = `/serviceAccount/tickets/${i}`
      if (
        !isObject(t) ||
        typeof t.url !== 'string' ||
        !(typeof t.scene === 'string' || typeof t.scene === 'number')
      ) {
        report(
          at,
          'A ticket must be { "url": string, "scene": string | number }.',
          "Copy url from qrcode/create's answer and the scene you created it with."
        )
        return
      }
      ruleTable.tickets.set(t.url, t.scene)
      if (t.expire_time === undefined) return
      if (isWhole(t.expire_time) && t.expire_time > 0) ruleTable.ticketExpiry.set(t.url, t.expire_time)
      else
        report(`${at}/expire_time`, '"expire_time" must be a UNIX second.', 'Remove it for a permanent code.')
    })
    ruleTable.ticketShapes = ticketShapes(ruleTable.tickets)
  }
  if (sa.sceneIds !== undefined) {
    if (!isObject(sa.sceneIds)) {
      report(
        '/serviceAccount/sceneIds',
        '"sceneIds" must map scene_id to a scene string.',
        'Write e.g. { "1001": "store=12&table=5" }.'
      )
    } else {
      for (const [id, scene] of Object.entries(sa.sceneIds)) {
        if (typeof scene !== 'string') {
          report(
            `/serviceAccount/sceneIds/${pointerKey(id)}`,
            'A scene_id must map to a scene string.',
            'Write e.g. "store=12&table=5".'
          )
        } else {
          ruleTable.sceneIds.set(id, scene)
        }
      }
    }
  }
  ruleTable.sceneRoutes = compileRoutes(sa.routes, '/serviceAccount/routes', false, report)
}

/** `withSa`: the rule table, when the file has a service account whose scene routes codes may share. */
function compileCodes(codes: unknown, withSa: RuleTable | null, report: Report): CompiledRoute[] {
  const at = '/miniProgramCode'
  // The entry page reads `scene`: a code naming another page would open it with no landing at all. (`scenes`, which
  // the app never reads, is rules:check's to check.)
  if (!isObject(codes) || codes.page !== ENTRY_PAGE) {
    report(
      at,
      'Mini program codes must open the entry page.',
      `Write { "page": "${ENTRY_PAGE}", "routes": … }.`
    )
    return []
  }
  // "serviceAccount": the same scene routes as service-account codes, written (and bundled) once.
  if (codes.routes !== 'serviceAccount') return compileRoutes(codes.routes, `${at}/routes`, false, report)
  if (!withSa)
    report(`${at}/routes`, 'There is no "serviceAccount" to share routes with.', 'Write them here.')
  return withSa ? withSa.sceneRoutes : []
}

function compileRoutes(routes: unknown, at: string, forLinks: boolean, report: Report): CompiledRoute[] {
  if (routes === undefined) return []
  if (!Array.isArray(routes)) {
    report(at, '"routes" must be an array.', 'Write "routes": [ { "page": …, "params": { … } } ].')
    return []
  }
  const out: CompiledRoute[] = []
  routes.forEach((route: unknown, i: number) => {
    const compiled = compileRoute(route, `${at}/${i}`, forLinks, report)
    if (compiled) out.push(compiled)
  })
  return out
}

function compileRoute(route: unknown, at: string, forLinks: boolean, report: Report): CompiledRoute | null {
  if (!isObject(route)) {
    report(at, 'A route must be an object.', 'Write { "page": …, "path": …, "params": { … } }.')
    return null
  }
  const { page, path, params } = route as Partial<RouteEntry>
  let ok = true
  if (!isPagePath(page) || page === ENTRY_PAGE) {
    report(
      `${at}/page`,
      `"${String(page)}" is not a page a scan may land on.`,
      'Name a page from src/app.config.ts other than the entry page, e.g. "pages/order/index".'
    )
    ok = false
  }
  let segments: CompiledRoute['segments'] = null
  if (forLinks) {
    if (typeof path !== 'string' || !path.startsWith('/')) {
      report(
        `${at}/path`,
        'A link route needs a "path" pattern starting with "/".',
        'Write e.g. "/s/:store/t/:table".'
      )
      ok = false
    } else {
      segments = splitPath(path).map((s) => (s.startsWith(':') ? { name: s.slice(1) } : s))
    }
  } else if (path !== undefined) {
    report(
      `${at}/path`,
      'A scene route has no path: its params come from the scene string.',
      'Remove "path".'
    )
    ok = false
  }
  if (!isObject(params)) {
    report(
      `${at}/params`,
      'A route needs "params": an object of declared params (it may be empty).',
      'Write e.g. { "store": { "type": "int", "min": 1 } }.'
    )
    return null
  }
  // No prototype: `params[key]` is looked up with keys from the link (`?constructor=1`, `/s/:toString`), which on
  // a plain object found Object.prototype members and let undeclared keys through as if declared.
  const compiled: Record<string, CompiledParam> = Object.create(null)
  for (const [name, spec] of Object.entries(params)) {
    if (name.length > PARAM_NAME_MAX || !PARAM_NAME.test(name)) {
      report(
        `${at}/params/${pointerKey(name)}`,
        `"${name}" is not a usable param name.`,
        'Use letters, digits and "_", starting with a letter (at most 32).'
      )
      ok = false
      continue
    }
    const c = compileParam(spec, `${at}/params/${pointerKey(name)}`, report)
    if (c) compiled[name] = c
    else ok = false
  }
  const pathNames = new Set<string>()
  for (const s of segments ?? []) {
    if (typeof s === 'string') continue
    pathNames.add(s.name)
    const declared = compiled[s.name]
    if (!declared || declared.kind === 'const') {
      report(
        `${at}/path`,
        `The path captures ":${s.name}" but "params" declares no type for it.`,
        `Declare "${s.name}" in "params".`
      )
      ok = false
    }
  }
  if (!ok || !isPagePath(page)) return null
  const required = Object.keys(compiled).filter((name) => {
    const p = compiled[name]
    return p.kind !== 'const' && !p.optional && p.fallback === undefined && !pathNames.has(name)
  })
  return { page, segments, params: compiled, required }
}

// Param names become page query keys: plain identifiers only (no `__proto__`, no characters needing encoding), at
// most 32 characters (checked apart: no counted repeat in the expression).
const PARAM_NAME = /^[A-Za-z][A-Za-z0-9_]*$/
const PARAM_NAME_MAX = 32

/** Compiles one declared param, reporting what is wrong with it (also how rules:check reads a page's input). */
export function compileParam(spec: unknown, at: string, report: Report): CompiledParam | null {
  if (!isObject(spec)) {
    report(at, 'A param must be declared as an object.', 'Write e.g. { "type": "int", "min": 1 }.')
    return null
  }
  if ('const' in spec) {
    if (typeof spec.const !== 'string' && typeof spec.const !== 'number') {
      report(`${at}/const`, '"const" must be a string or a number.', 'Write e.g. { "const": "dine-in" }.')
      return null
    }
    return { kind: 'const', value: spec.const }
  }
  const optional = spec.optional === true
  const fallback = spec.default
  const badDefault = (why: string) => {
    report(`${at}/default`, `"default" ${why}.`, 'Fix or remove "default".')
    return null
  }
  switch (spec.type) {
    case 'int': {
      const min = spec.min ?? 0
      const max = spec.max ?? Number.MAX_SAFE_INTEGER
      if (!isWhole(min) || !isWhole(max) || min > max) {
        report(
          at,
          '"min" and "max" must be whole numbers with min ≤ max.',
          'Write e.g. { "type": "int", "min": 1, "max": 99999 }.'
        )
        return null
      }
      if (fallback !== undefined && !(isWhole(fallback) && fallback >= min && fallback <= max)) {
        return badDefault('must be a whole number within min and max')
      }
      return { kind: 'int', min, max, optional, fallback }
    }
    case 'string': {
      const maxLength = spec.maxLength ?? LANDING_LIMITS.maxParamLength
      if (typeof spec.pattern !== 'string') {
        report(
          `${at}/pattern`,
          'A string param needs a "pattern": free text never reaches a page.',
          'Write e.g. "pattern": "[A-Za-z0-9]{1,8}".'
        )
        return null
      }
      let pattern: RegExp
      try {
        // Compiled alone first: `a)|(b` would otherwise escape the anchors below and match part of a value.
        new RegExp(spec.pattern)
        pattern = new RegExp(anchoredPattern(spec.pattern))
      } catch (e) {
        report(
          `${at}/pattern`,
          `The pattern does not compile: ${(e as Error).message}`,
          'Fix the regular expression (JavaScript syntax).'
        )
        return null
      }
      if (!isWhole(maxLength) || maxLength < 1) {
        report(
          `${at}/maxLength`,
          '"maxLength" must be a positive whole number.',
          'Write e.g. "maxLength": 32.'
        )
        return null
      }
      if (fallback !== undefined && !(typeof fallback === 'string' && pattern.test(fallback))) {
        return badDefault('must be a string matching the pattern')
      }
      return { kind: 'string', pattern, maxLength, optional, fallback }
    }
    case 'enum': {
      const values = spec.values
      if (
        !Array.isArray(values) ||
        values.length === 0 ||
        !values.every((v): v is string => typeof v === 'string')
      ) {
        report(
          `${at}/values`,
          'An enum param needs "values": a non-empty array of strings.',
          'Write e.g. "values": ["dine-in", "takeaway"].'
        )
        return null
      }
      if (fallback !== undefined && !(typeof fallback === 'string' && values.includes(fallback))) {
        return badDefault('must be one of "values"')
      }
      return { kind: 'enum', values, optional, fallback }
    }
    default:
      report(
        `${at}/type`,
        `Unknown param type "${String(spec.type)}".`,
        'Use "int", "string" (with "pattern"), "enum" (with "values") or { "const": … }.'
      )
      return null
  }
}

/** Splits a path into segments, ignoring one trailing `/` (`/s/12/` reads as `/s/12`). */
export function splitPath(path: string): string[] {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path
  return trimmed.split('/').slice(1)
}
