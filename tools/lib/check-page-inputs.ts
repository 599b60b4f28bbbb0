// rules:check's page-input check: a route may hand its page only params the page's declared input takes
// (src/landing/page-inputs.ts), so no printed code can land on a page that then refuses it. It judges the values a
// route can produce, never links: an int range within the page's, enum values and consts the page's own reader
// accepts, a `string` with the page's pattern, every param declared by the page, every param the page needs given.
//
// Patterns are compared by their text (as the core anchors them): the same pattern is the same language; any other
// is refused, even a narrower one, because whether one regular expression's language lies inside another's is not
// something this check can decide soundly for JavaScript patterns (lookarounds, backreferences). The hint names the
// page's pattern to copy.
import {
  PAGE_INPUTS,
  paramValue,
  type InputPage,
  type PageInput,
  type PageWay,
  type PageParamSpec,
} from '../../src/landing'
import { compileParam, splitPath, type CompiledParam } from '../../src/landing/compile-rule-table'
import { isObject, pointerKey } from '../../src/landing/json-value'
import type { Problems } from './check-problem'
import { routesOf } from './routes-of'

/** A problem before it is reported: where in the route, what is wrong, how to fix it. */
interface Misfit {
  pointer: string
  message: string
  hint: string
}

/** A route's param as the route can hand it over: as written, compiled, and whether every landing carries it. */
interface Given {
  declared: Record<string, unknown>
  spec: CompiledParam
  always: boolean
}

/** Reports every route, in any section, whose params its page's declared input would not take. */
export function checkPageInputs(file: Record<string, unknown>, problems: Problems): void {
  for (const { pointer, route } of routesOf(file)) {
    if (!isObject(route) || !isObject(route.params) || !isInputPage(route.page)) continue // compile reported it.
    const given = givenParams(route.params, route.path)
    const ways = PAGE_INPUTS[route.page] as PageInput
    // The way the route fits, or else the one it misses least: its misfits are what to fix.
    let closest: Misfit[] | null = null
    for (const way of ways) {
      const misfits = fit(given, way, route.page, pointer)
      if (!closest || misfits.length < closest.length) closest = misfits
      if (misfits.length === 0) break
    }
    const takes = ` ${route.page} takes ${ways.map(describeWay).join(' or ')} (src/landing/page-inputs.ts).`
    for (const m of closest ?? []) problems.error(m.pointer, m.message, m.hint + takes)
  }
}

function isInputPage(page: unknown): page is InputPage {
  return typeof page === 'string' && Object.prototype.hasOwnProperty.call(PAGE_INPUTS, page)
}

/** The route's params; `null` for one whose declaration does not compile (compile reports it). */
function givenParams(params: Record<string, unknown>, path: unknown): Map<string, Given | null> {
  const captured = new Set(
    typeof path === 'string' ? splitPath(path).flatMap((s) => (s.startsWith(':') ? [s.slice(1)] : [])) : []
  )
  const given = new Map<string, Given | null>()
  for (const [name, declared] of Object.entries(params)) {
    const spec = isObject(declared) ? compileParam(declared, '', () => undefined) : null
    if (!spec || !isObject(declared)) {
      given.set(name, null)
      continue
    }
    // A required query or scene param is there whenever the route is chosen: routing picks it only then.
    const always =
      spec.kind === 'const' || captured.has(name) || !spec.optional || spec.fallback !== undefined
    given.set(name, { declared, spec, always })
  }
  return given
}

/** Why a route's params do not fit one way into the page; none when they do. */
function fit(given: Map<string, Given | null>, way: PageWay, page: InputPage, at: string): Misfit[] {
  const out: Misfit[] = []
  for (const [name, param] of given) {
    const here = `${at}/params/${pointerKey(name)}`
    const takes = Object.prototype.hasOwnProperty.call(way, name) ? way[name] : undefined
    if (!takes) {
      out.push({
        pointer: here,
        message: `"${name}" is not a param ${page} reads: the page would never see it.`,
        hint: "Remove it from the route, or declare it in the page's input and read it there.",
      })
      continue
    }
    if (!param) continue
    out.push(...valueMisfits(param, takes, `${page} takes ${describeSpec(takes)} for "${name}"`, here))
    if (!param.always) {
      out.push({
        pointer: here,
        message: `"${name}" is optional here, but ${page} needs it: a landing without it opens a page that refuses it.`,
        hint: 'Remove "optional", or give a "default" the page takes.',
      })
    }
  }
  for (const [name, takes] of Object.entries(way)) {
    if (given.has(name)) continue
    out.push({
      pointer: `${at}/params`,
      message: `${page} needs "${name}" (${describeSpec(takes)}), which this route never gives it.`,
      hint: `Declare "${name}": ${JSON.stringify(takes)} (a path capture, a query key or a scene key).`,
    })
  }
  return out
}

/** Values the route's param can produce that the page's param refuses; `theirs` says what the page takes. */
function valueMisfits({ declared, spec }: Given, page: PageParamSpec, theirs: string, at: string): Misfit[] {
  // Single values are judged by the page's own reader, as it will read them: pageUrl writes String(value).
  const refuses = (value: string | number) => paramValue(page, String(value)) === undefined
  const out: Misfit[] = []
  const misfit = (field: string, message: string, hint: string) =>
    out.push({
      // At the field when the route writes it; at the param when the field is absent (its default is too wide).
      pointer: field in declared ? `${at}/${field}` : at,
      message: `${message}, but ${theirs}.`,
      hint,
    })
  const pageParam = compileParam(page, '', () => undefined)
  switch (spec.kind) {
    case 'const':
      if (refuses(spec.value))
        misfit('const', `The const is ${JSON.stringify(spec.value)}`, 'Use a value the page takes.')
      break
    case 'enum': {
      const refused = spec.values.filter(refuses).map((v) => JSON.stringify(v))
      if (refused.length === 1) misfit('values', `The value ${refused[0]} reaches the page`, REFUSED_VALUES)
      else if (refused.length > 1)
        misfit('values', `The values ${refused.join(', ')} reach the page`, REFUSED_VALUES)
      break
    }
    case 'int':
      if (pageParam?.kind === 'int') {
        if (spec.min < pageParam.min)
          misfit('min', `It starts at ${spec.min}`, `Set "min" to ${pageParam.min} or more.`)
        if (spec.max > pageParam.max)
          misfit('max', `It goes up to ${spec.max}`, `Set "max" to ${pageParam.max} or less.`)
      } else if (spec.min !== spec.max || refuses(spec.min)) {
        misfit('type', 'It is an int', `Declare it as ${JSON.stringify(page)}.`)
      }
      break
    case 'string':
      if (pageParam?.kind !== 'string' || !('pattern' in page)) {
        misfit('type', 'It is free text', `Declare it as ${JSON.stringify(page)}.`)
        break
      }
      // Both anchored as the core runs them: equal sources are equal languages.
      if (spec.pattern.source !== pageParam.pattern.source)
        misfit(
          'pattern',
          "Its pattern is not the page's",
          `Use exactly "pattern": ${JSON.stringify(page.pattern)}: patterns are compared by their text, so even a narrower one is refused.`
        )
      if (spec.maxLength > pageParam.maxLength)
        misfit(
          'maxLength',
          `It may be ${spec.maxLength} characters long`,
          `Set "maxLength" to ${pageParam.maxLength} or less.`
        )
      break
  }
  // Also where values are refused: the default is what every link without the param lands with.
  if (spec.kind !== 'const' && spec.fallback !== undefined && refuses(spec.fallback))
    misfit('default', `The default is ${JSON.stringify(spec.fallback)}`, 'Use a default the page takes.')
  return out
}

const REFUSED_VALUES = "Remove them, or add them to the page's input and handle them in the page."

/** One declared param in words: `an int from 1 to 999999999`, `"dine-in"`, `one of "a", "b"`, `text matching …`. */
function describeSpec(spec: PageParamSpec): string {
  if ('const' in spec) return JSON.stringify(spec.const)
  switch (spec.type) {
    case 'int':
      return `an int from ${spec.min} to ${spec.max}`
    case 'enum':
      return `one of ${spec.values.map((v) => JSON.stringify(v)).join(', ')}`
    case 'string':
      return `text matching ${JSON.stringify(spec.pattern)}`
  }
}

/** A way into a page in words: `{ store, table, mode: "dine-in" }`. */
function describeWay(way: PageWay): string {
  const names = Object.entries(way).map(([name, spec]) =>
    'const' in spec ? `${name}: ${JSON.stringify(spec.const)}` : name
  )
  return names.length === 0 ? 'no params' : `{ ${names.join(', ')} }`
}
