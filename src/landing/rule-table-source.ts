import type { RuleTable } from './compile-rule-table'

/**
 * A compiled rule table as JavaScript source: an expression that evaluates to an equal rule table — the same Maps, Sets,
 * RegExps and prototype-free param records. The build (config/rule-table-loader.js) compiles rules.json with the
 * full core and puts this expression in the package, so the app lands scans without carrying the compiler and its
 * messages. Generic over values: a field the compiled rule table gains is emitted without a change here.
 */
export function ruleTableSource(ruleTable: RuleTable): string {
  return valueSource(ruleTable, 'table')
}

/**
 * The source of one value; throws, naming where, on a value that has no source form (a function, a class instance).
 * An object held in more than one place (mini program codes sharing the service account's scene routes) is written
 * once, in a variable, and named wherever it recurs: the package pays for it once, and the copy shares it as the
 * original did. A value that holds itself has no source form either.
 */
export function valueSource(value: unknown, at = 'value'): string {
  const writer = new Writer(sharedObjects(value))
  const root = writer.source(value, at)
  const vars = writer.declarations
  return vars.length === 0 ? root : `(function(){var ${vars.join(',')};return ${root}})()`
}

/** The objects `value` reaches by more than one path. */
function sharedObjects(value: unknown): Set<object> {
  const seen = new Set<object>()
  const shared = new Set<object>()
  const visit = (v: unknown) => {
    if (typeof v !== 'object' || v === null) return
    if (seen.has(v)) {
      shared.add(v)
      return
    }
    seen.add(v)
    const children =
      v instanceof Map || v instanceof Set ? Array.from(v) : v instanceof RegExp ? [] : Object.values(v)
    for (const child of children) visit(child)
  }
  visit(value)
  return shared
}

class Writer {
  /** `name=source` of each shared object written so far, inner ones first. */
  readonly declarations: string[] = []
  private readonly names = new Map<object, string>()
  private readonly writing = new Set<object>()

  constructor(private readonly shared: ReadonlySet<object>) {}

  source(value: unknown, at: string): string {
    if (typeof value !== 'object' || value === null || !this.shared.has(value)) return this.write(value, at)
    let name = this.names.get(value)
    if (name === undefined) {
      // Only an object reached twice can hold itself: met again while it is being written.
      if (this.writing.has(value)) throw new Error(`${at}: a value holding itself has no source form`)
      this.writing.add(value)
      const text = this.write(value, at)
      name = `v${this.names.size}`
      this.names.set(value, name)
      this.declarations.push(`${name}=${text}`)
    }
    return name
  }

  private write(value: unknown, at: string): string {
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
    if (value instanceof Map) return `new Map(${this.source(Array.from(value), at)})`
    if (value instanceof Set) return `new Set(${this.source(Array.from(value), at)})`
    if (value instanceof RegExp) return `new RegExp(${literal(value.source)},${literal(value.flags)})`
    if (Array.isArray(value)) return `[${value.map((v, i) => this.source(v, `${at}[${i}]`)).join(',')}]`
    const proto: unknown = Object.getPrototypeOf(value)
    if (proto !== Object.prototype && proto !== null)
      throw new Error(`${at}: a class instance has no source form`)
    const body = Object.entries(value)
      // A quoted "__proto__" key in a literal sets the prototype; a computed one is an own property, as it was.
      .map(
        ([k, v]) => `${k === '__proto__' ? `[${literal(k)}]` : literal(k)}:${this.source(v, `${at}.${k}`)}`
      )
      .join(',')
    // Param records have no prototype (see compileRoute): a link's `?constructor=1` must not find a declaration.
    return proto === null ? `Object.assign(Object.create(null),{${body}})` : `{${body}}`
  }
}

// JSON text is a JavaScript literal, once U+2028/U+2029 are escaped (older engines end a line at them).
function literal(value: string | number | boolean): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}
