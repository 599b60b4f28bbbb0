import { splitPath, type CompiledParam, type CompiledRoute } from './compile-table'
import { LANDING_LIMITS } from './limits'
import type { PagePath } from './pages'
import { percentDecode } from './percent'
import { fail, ok, type LandingError, type Step } from './result'

/** Validated params, typed per declaration: ints are numbers, the rest strings. */
export type Params = Record<string, string | number>

/** Where a scan lands: the rule (prefix or ticket url) that took it, the page and its validated params. */
export interface Landing {
  rule: string
  page: PagePath
  params: Params
}

const BAD_PARAM_HINT =
  'The code may be damaged or not meant for this store: scan the code on the table or counter again.'

/** Splits `a=1&b=2` into decoded pairs; refuses undecodable text and repeated keys (ambiguous input). */
export function parsePairs(text: string | null, rule: string): Step<Map<string, string>> {
  const pairs = new Map<string, string>()
  if (!text) return ok(pairs)
  for (const part of text.split('&')) {
    if (part === '') continue
    const eq = part.indexOf('=')
    const key = percentDecode(eq < 0 ? part : part.slice(0, eq))
    const value = percentDecode(eq < 0 ? '' : part.slice(eq + 1))
    if (key === false || value === false) {
      return fail(
        'invalid-param',
        `"${shorten(part)}" has percent-escapes that are not UTF-8.`,
        BAD_PARAM_HINT,
        { rule }
      )
    }
    if (pairs.has(key))
      return fail('invalid-param', `Param "${shorten(key)}" is given more than once.`, BAD_PARAM_HINT, {
        rule,
      })
    pairs.set(key, value)
  }
  return ok(pairs)
}

/** Chooses the first route whose path pattern fits `path` and whose required params `pairs` has, then validates. */
export function routeLink(
  routes: readonly CompiledRoute[],
  rule: string,
  path: string,
  query: Map<string, string>
): Step<Landing> {
  const segments = splitPath(path)
  for (const route of routes) {
    const captured = capture(route, segments)
    if (captured && route.required.every((name) => query.has(name))) {
      const fromPath = new Map<string, string>()
      for (const [name, raw] of captured) {
        const value = percentDecode(raw)
        if (value === false)
          return fail('invalid-param', `Path segment "${shorten(raw)}" is not UTF-8.`, BAD_PARAM_HINT, {
            rule,
          })
        fromPath.set(name, value)
      }
      return validate(route, rule, fromPath, query)
    }
  }
  return noRoute(rule, 'link')
}

/** Chooses the first scene route whose required params the scene has, then validates. */
export function routeScene(
  routes: readonly CompiledRoute[],
  rule: string,
  scene: Map<string, string>
): Step<Landing> {
  const route = routes.find((r) => r.required.every((name) => scene.has(name)))
  return route ? validate(route, rule, new Map(), scene) : noRoute(rule, 'scene')
}

function noRoute(rule: string, what: 'link' | 'scene'): LandingError {
  return fail(
    'no-route',
    `The ${what} matches "${rule}", but none of its routes leads to a page.`,
    'This code is registered but not set up for ordering yet: ask the staff for another code.',
    { rule }
  )
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

function validate(
  route: CompiledRoute,
  rule: string,
  fromPath: Map<string, string>,
  fromQuery: Map<string, string>
): Step<Landing> {
  const bad = (message: string) => fail('invalid-param', message, BAD_PARAM_HINT, { rule })
  for (const key of fromQuery.keys()) {
    const declared = route.params[key]
    if (!declared) return bad(`Param "${shorten(key)}" is not declared for this page.`)
    if (declared.kind === 'const')
      return bad(`Param "${shorten(key)}" is fixed by the code's route and cannot be given.`)
    if (fromPath.has(key)) return bad(`Param "${shorten(key)}" is given in both the path and the query.`)
  }
  const params: Params = {}
  for (const [name, spec] of Object.entries(route.params)) {
    if (spec.kind === 'const') {
      params[name] = spec.value
      continue
    }
    const raw = fromPath.get(name) ?? fromQuery.get(name)
    if (raw === undefined) {
      if (spec.fallback !== undefined) params[name] = spec.fallback
      else if (!spec.optional) return bad(`Param "${name}" is missing.`)
      continue
    }
    const value = checkValue(spec, raw)
    if (typeof value === 'object') return bad(`Param "${name}" ${value.why}; got "${shorten(raw)}".`)
    params[name] = value
  }
  return ok({ rule, page: route.page, params })
}

function checkValue(
  spec: Exclude<CompiledParam, { kind: 'const' }>,
  raw: string
): string | number | { why: string } {
  switch (spec.kind) {
    case 'int': {
      const n = /^[0-9]{1,15}$/.test(raw) ? Number(raw) : NaN
      if (!(n >= spec.min && n <= spec.max))
        return { why: `must be a whole number from ${spec.min} to ${spec.max}` }
      return n
    }
    case 'string':
      if (raw.length > spec.maxLength || !spec.pattern.test(raw))
        return { why: `must match ${spec.pattern.source}` }
      return raw
    case 'enum':
      if (!spec.values.includes(raw)) return { why: `must be one of ${spec.values.join(', ')}` }
      return raw
  }
}

function shorten(s: string): string {
  const max = LANDING_LIMITS.maxShownInput / 4
  return s.length > max ? `${s.slice(0, max)}…` : s
}
