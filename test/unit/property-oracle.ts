// What an `ok` landing must satisfy, checked against the rule table *file* (not the compiled rule table the core uses):
// the page is declared by a route of the rule (or ticket) that took the link, and every param has that route's
// declared type. Written apart from src/landing/route.ts so the two can disagree.
import assert from 'node:assert/strict'

import {
  APP_PAGES,
  ENTRY_PAGE,
  type Params,
  type ParamSpec,
  type RouteEntry,
  type RuleTableFile,
} from '../../src/landing'

const DEFAULT_MAX_LENGTH = 64

/** Fails unless `params` satisfies `spec` for `name`; returns a reason, or null when it does. */
function paramProblem(name: string, spec: ParamSpec, params: Params): string | null {
  const has = Object.prototype.hasOwnProperty.call(params, name)
  const value = params[name]
  if ('const' in spec) return has && value === spec.const ? null : `${name} must be the const ${spec.const}`
  if (!has) return spec.optional ? null : `${name} is required`
  switch (spec.type) {
    case 'int':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return `${name} must be a whole number`
      if (spec.min !== undefined && value < spec.min) return `${name} below min`
      if (spec.max !== undefined && value > spec.max) return `${name} above max`
      return null
    case 'string':
      if (typeof value !== 'string') return `${name} must be a string`
      if (value.length > (spec.maxLength ?? DEFAULT_MAX_LENGTH)) return `${name} too long`
      return new RegExp(`^(?:${spec.pattern})$`).test(value) ? null : `${name} must match ${spec.pattern}`
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value)
        ? null
        : `${name} must be one of ${spec.values}`
  }
}

function routeProblem(route: RouteEntry, page: string, params: Params): string | null {
  if (route.page !== page) return `route is for ${route.page}`
  const undeclared = Object.keys(params).filter((k) => !Object.prototype.hasOwnProperty.call(route.params, k))
  if (undeclared.length > 0) return `undeclared params ${undeclared.join(', ')}`
  for (const [name, spec] of Object.entries(route.params)) {
    const problem = paramProblem(name, spec, params)
    if (problem) return problem
  }
  return null
}

/**
 * The routes of whatever `rule` names: a ticket url's scene routes, the mini program codes' routes, or the link rules
 * with that prefix.
 */
function routesOf(file: RuleTableFile, rule: string): RouteEntry[] {
  const sa = file.serviceAccount
  if (sa?.tickets.some((t) => t.url === rule)) return sa.routes ?? []
  if (rule === 'miniProgramCode') {
    const routes = file.miniProgramCode?.routes ?? []
    return routes === 'serviceAccount' ? (sa?.routes ?? []) : routes
  }
  return file.rules.filter((r) => r.prefix === rule).flatMap((r) => r.routes ?? [])
}

/** Asserts that an ok landing is one the rule table file allows. */
export function assertDeclared(
  file: RuleTableFile,
  destination: { rule: string; page: string; params: Params }
): void {
  assert.ok(
    (APP_PAGES as readonly string[]).includes(destination.page),
    `${destination.page} is not an app page`
  )
  assert.notEqual(destination.page, ENTRY_PAGE, 'a scan never lands on the entry page itself')
  const routes = routesOf(file, destination.rule)
  assert.ok(routes.length > 0, `rule ${destination.rule} declares no routes, yet the link landed`)
  const problems = routes.map((r) => routeProblem(r, destination.page, destination.params))
  assert.ok(
    problems.some((p) => p === null),
    `no route of ${destination.rule} allows ${destination.page} ${JSON.stringify(destination.params)}: ${problems.join('; ')}`
  )
}
