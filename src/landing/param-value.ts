import { LANDING_LIMITS } from './limits'

/** A declared pattern as the core runs it: anchored, so the whole value must match, not a part of it. */
export function anchoredPattern(pattern: string): string {
  return `^(?:${pattern})$`
}

/**
 * A param as a page declares it: a route's param spec (rules.json's shape) with its bounds stated and nothing
 * optional. A page that can be opened without a param has another way in without it.
 */
export type PageParamSpec =
  | { type: 'int'; min: number; max: number }
  | { type: 'string'; pattern: string; maxLength?: number }
  | { type: 'enum'; values: readonly string[] }
  | { const: string | number }

/**
 * `text` as `spec` types it (an int as a number), or `undefined` when the spec refuses it: how a page checks its own
 * query and the order API a store, table or order id. Stricter than a link's route on purpose: an int is read only
 * as pageUrl writes it (`12`, never `012`), since a page's query is ours, while a printed link is what a printer wrote.
 */
export function paramValue(spec: PageParamSpec, text: string): string | number | undefined {
  if ('const' in spec) return String(spec.const) === text ? spec.const : undefined
  switch (spec.type) {
    case 'int': {
      // Only as pageUrl writes it, String(n): not `012`, `+12`, `1e3` or ` 12`.
      const n = Number(text)
      return Number.isSafeInteger(n) && String(n) === text && n >= spec.min && n <= spec.max ? n : undefined
    }
    case 'enum':
      return spec.values.includes(text) ? text : undefined
    case 'string':
      // maxLength is at least 1 (compile refuses less), so `||` only ever fills in the default.
      return text.length <= (spec.maxLength || LANDING_LIMITS.maxParamLength) && compiled(spec).test(text)
        ? text
        : undefined
  }
}

// Declared patterns are few and fixed (the pages' inputs, the API's ids): each is compiled once, not per value.
const patterns = new Map<string, RegExp>()

function compiled(spec: { pattern: string }): RegExp {
  let re = patterns.get(spec.pattern)
  if (!re) {
    re = new RegExp(anchoredPattern(spec.pattern))
    patterns.set(spec.pattern, re)
  }
  return re
}
