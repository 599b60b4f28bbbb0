import { splitPath, type CompiledParam, type CompiledRoute, type CompiledRule } from './compile-rule-table'
import { LANDING_LIMITS } from './limits'
import type { PagePath } from './pages'
import { percentDecode } from './percent'
import { fail, ok, type LandingError, type Result, type Why } from './result'

/** Validated params, typed per declaration: ints are numbers, the rest strings. */
export type Params = Record<string, string | number>

/** Where a scan lands: the rule (prefix or ticket url) that took it, the page and its validated params. */
export interface Destination {
  rule: string
  page: PagePath
  params: Params
  /**
   * Query keys of the link that no route of its rule declares (tracking keys such as `utm_source`), in link order:
   * dropped, never passed to the page. Absent when there were none.
   */
  ignored?: string[]
}

/** A query string or scene split into pairs: each decoded key with every value given for it. */
export interface Pairs {
  /** Decoded key → its values in order; `false` for a value whose escapes are not UTF-8. */
  values: Map<string, Array<string | false>>
  /** Keys whose escapes are not UTF-8, as written (each once): they cannot name a declared param. */
  unreadable: string[]
}

/**
 * Splits `a=1&b=2` into pairs, keys and values percent-decoded once. Never fails: whether a repeated key or an
 * undecodable escape matters depends on the route (a declared key must be given once, as UTF-8; see validate).
 */
export function parsePairs(text: string | null): Pairs {
  const pairs: Pairs = { values: new Map(), unreadable: [] }
  if (!text) return pairs
  for (const part of text.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const rawKey = eq < 0 ? part : part.slice(0, eq)
    const key = percentDecode(rawKey)
    if (key === false) {
      if (pairs.unreadable.indexOf(rawKey) < 0) pairs.unreadable.push(rawKey)
      continue
    }
    const value = percentDecode(eq < 0 ? '' : part.slice(eq + 1))
    const values = pairs.values.get(key)
    if (values) values.push(value)
    else pairs.values.set(key, [value])
  }
  return pairs
}

/**
 * Chooses the first route of `rule` whose path pattern fits `path` and whose required params `query` has, then
 * validates. Query keys that no route of the rule declares are ignored (printed codes carry tracking keys).
 */
export function routeLink(rule: CompiledRule, path: string, query: Pairs): Result<Destination> {
  const segments = splitPath(path)
  for (const route of rule.routes) {
    const captured = capture(route, segments)
    if (captured && route.required.every((name) => query.values.has(name))) {
      const fromPath = new Map<string, string>()
      for (const [name, raw] of captured) {
        const value = percentDecode(raw)
        if (value === false)
          return fail(
            'invalid-param',
            { is: 'segment-not-utf8', segment: shorten(raw) },
            { rule: rule.prefix }
          )
        fromPath.set(name, value)
      }
      return validate(route, rule.prefix, fromPath, query, rule.paramNames)
    }
  }
  return noRoute(rule.prefix, 'link')
}

/**
 * Chooses the first scene route whose required params the scene has, then validates. A scene is ours (written when
 * the code was created), so every key in it must be declared: an unknown one is a mistake, not a tracking key.
 */
export function routeScene(
  routes: readonly CompiledRoute[],
  rule: string,
  scene: Pairs
): Result<Destination> {
  const route = routes.find((r) => r.required.every((name) => scene.values.has(name)))
  return route ? validate(route, rule, NO_CAPTURES, scene, null) : noRoute(rule, 'scene')
}

/** A scene has no path: nothing captured, one shared empty map rather than one per scene. */
const NO_CAPTURES: ReadonlyMap<string, string> = new Map()

function noRoute(rule: string, what: 'link' | 'scene'): LandingError {
  return fail('no-route', { is: 'no-route', what }, { rule })
}

function capture(route: CompiledRoute, segments: string[]): Map<string, string> | null {
  const pattern = route.segments
  if (!pattern || pattern.length !== segments.length) return null
  const out = new Map<string, string>()
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]
    if (typeof p === 'string') {
      if (p !== segments[i]) return null
    } else {
      if (segments[i] === '') return null
      out.set(p.name, segments[i])
    }
  }
  return out
}

/**
 * Validates the route's params. `ruleKeys` are the param names any route of a link's rule declares: another key is
 * ignored (never reaches the page); `null` (scenes) refuses every undeclared key.
 */
function validate(
  route: CompiledRoute,
  rule: string,
  fromPath: ReadonlyMap<string, string>,
  query: Pairs,
  ruleKeys: ReadonlySet<string> | null
): Result<Destination> {
  if (!ruleKeys && query.unreadable.length > 0)
    return bad(rule, { is: 'key-not-utf8', key: shorten(query.unreadable[0]) })
  const ignored = query.unreadable.map(shorten)
  for (const [key, values] of query.values) {
    const declared = route.params[key]
    if (!declared) {
      // A key this route lacks but a sibling route takes (`table` on a takeaway link) is a code gone wrong, not a
      // tracking key: refusing it keeps a misprinted table code from landing silently on takeaway.
      if (ruleKeys && !ruleKeys.has(key)) {
        ignored.push(shorten(key))
        continue
      }
      return badParam(rule, 'param-undeclared', key)
    }
    if (declared.kind === 'const') return badParam(rule, 'param-fixed', key)
    if (fromPath.has(key)) return badParam(rule, 'param-in-path-and-query', key)
    if (values.length > 1) return badParam(rule, 'param-repeated', key)
    const value = values[0]
    if (value === false) return badParam(rule, 'param-not-utf8', key)
  }
  const params: Params = {}
  for (const name in route.params) {
    const spec = route.params[name]
    if (spec.kind === 'const') {
      params[name] = spec.value
      continue
    }
    // Every query key this route declares passed the loop above: given once, as UTF-8.
    const raw = fromPath.get(name) ?? (query.values.get(name)?.[0] as string | undefined)
    if (raw === undefined) {
      if (spec.fallback !== undefined) params[name] = spec.fallback
      else if (!spec.optional) return bad(rule, { is: 'param-missing', param: name })
      continue
    }
    const value = checkValue(spec, raw)
    if (value === undefined) return bad(rule, { is: 'param-value', param: name, value: shorten(raw), spec })
    params[name] = value
  }
  const destination: Destination = { rule, page: route.page, params }
  if (ignored.length > 0) destination.ignored = ignored
  return ok(destination)
}

// Module-level, not closures per call: the tools validate 100 000 tickets' scenes in one run.
function bad(rule: string, why: Why): LandingError {
  return fail('invalid-param', why, { rule })
}

function badParam(rule: string, is: Extract<Why, { param: string }>['is'], key: string): LandingError {
  return bad(rule, { is, param: shorten(key) } as Why)
}

/** The value as its declaration types it, or `undefined` when it does not pass. */
function checkValue(
  spec: Exclude<CompiledParam, { kind: 'const' }>,
  raw: string
): string | number | undefined {
  switch (spec.kind) {
    case 'int': {
      const n = /^[0-9]{1,15}$/.test(raw) ? Number(raw) : NaN
      return n >= spec.min && n <= spec.max ? n : undefined
    }
    case 'string':
      return raw.length <= spec.maxLength && spec.pattern.test(raw) ? raw : undefined
    case 'enum':
      return spec.values.includes(raw) ? raw : undefined
  }
}

function shorten(s: string): string {
  const max = LANDING_LIMITS.maxShownInput / 4
  return s.length > max ? `${s.slice(0, max)}…` : s
}
