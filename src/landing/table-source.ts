import type { CompiledTable } from './compile-table'

/**
 * A compiled rule table as JavaScript source: an expression that evaluates to an equal table — the same Maps, Sets,
 * RegExps and prototype-free param records. The build (config/rule-table-loader.js) compiles rules.json with the
 * full core and puts this expression in the package, so the app lands scans without carrying the compiler and its
 * messages. Generic over values: a field the compiled table gains is emitted without a change here.
 */
export function tableSource(table: CompiledTable): string {
  return valueSource(table, 'table')
}

/** The source of one value; throws, naming where, on a value that has no source form (a function, a class instance). */
export function valueSource(value: unknown, at = 'value'): string {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return literal(value)
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`${at}: ${value} has no JSON form`)
      return literal(value)
    case 'undefined':
      return 'void 0'
  }
  if (value === null) return 'null'
  if (typeof value !== 'object') throw new Error(`${at}: a ${typeof value} has no source form`)
  if (value instanceof Map) return `new Map(${valueSource(Array.from(value), at)})`
  if (value instanceof Set) return `new Set(${valueSource(Array.from(value), at)})`
  if (value instanceof RegExp) return `new RegExp(${literal(value.source)},${literal(value.flags)})`
  if (Array.isArray(value)) return `[${value.map((v, i) => valueSource(v, `${at}[${i}]`)).join(',')}]`
  const proto: unknown = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null)
    throw new Error(`${at}: a class instance has no source form`)
  const body = Object.entries(value)
    // A quoted "__proto__" key in a literal sets the prototype; a computed one is an own property, as it was.
    .map(([k, v]) => `${k === '__proto__' ? `[${literal(k)}]` : literal(k)}:${valueSource(v, `${at}.${k}`)}`)
    .join(',')
  // Param records have no prototype (see compileRoute): a link's `?constructor=1` must not find a declaration.
  return proto === null ? `Object.assign(Object.create(null),{${body}})` : `{${body}}`
}

// JSON text is a JavaScript literal, once U+2028/U+2029 are escaped (older engines end a line at them).
function literal(value: string | number | boolean): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}
