/**
 * Writes JSON the way the project's Prettier config prints it (printWidth 110, 2 spaces): an object or array stays on
 * one line when it fits, arrays of several multi-key objects always break. So a rule file rewritten by a tool passes
 * `prettier --check` and its diff shows only what changed (one ticket a line).
 */
export function formatJson(value: unknown, width = 110): string {
  return `${print(value, 0, 0, 0, width)}\n`
}

/**
 * Replaces the value at `path` (object keys) inside JSON `text`, leaving every other byte as it was: hand-made
 * formatting elsewhere in the file survives a tool's edit. Returns null when the path is not in the text.
 */
export function spliceJson(text: string, path: string[], value: unknown, width = 110): string | null {
  const span = findSpan(text, path)
  if (!span) return null
  const lineStart = text.lastIndexOf('\n', span.keyStart) + 1
  const indent = span.keyStart - lineStart
  const lead = span.start - span.keyStart
  const trail = /^\s*,/.test(text.slice(span.end)) ? 1 : 0
  return text.slice(0, span.start) + print(value, indent, lead, trail, width) + text.slice(span.end)
}

export function print(value: unknown, indent: number, lead: number, trail: number, width: number): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  const flat = inline(value)
  if (flat !== null && indent + lead + flat.length + trail <= width) return flat
  const pad = ' '.repeat(indent + 2)
  const close = `${' '.repeat(indent)}`
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    const items = value.map((v, i) => pad + print(v, indent + 2, 0, i < value.length - 1 ? 1 : 0, width))
    return `[\n${items.join(',\n')}\n${close}]`
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
  if (entries.length === 0) return '{}'
  const items = entries.map(([k, v], i) => {
    const key = `${JSON.stringify(k)}: `
    return pad + key + print(v, indent + 2, key.length, i < entries.length - 1 ? 1 : 0, width)
  })
  return `{\n${items.join(',\n')}\n${close}}`
}

/** The one-line form, or null when Prettier would break it whatever the width. */
function inline(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]'
    if (mustBreak(value)) return null
    const parts = value.map(inline)
    return parts.some((p) => p === null) ? null : `[${parts.join(', ')}]`
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined)
  if (entries.length === 0) return '{}'
  const parts = entries.map(([k, v]) => {
    const p = inline(v)
    return p === null ? null : `${JSON.stringify(k)}: ${p}`
  })
  return parts.some((p) => p === null) ? null : `{ ${parts.join(', ')} }`
}

// Prettier breaks an array of two or more elements that are all objects (or all arrays) with more than one entry.
function mustBreak(list: unknown[]): boolean {
  if (list.length < 2) return false
  const allObjects = list.every((v) => isObject(v) && Object.keys(v).length > 1)
  const allArrays = list.every((v) => Array.isArray(v) && v.length > 1)
  return allObjects || allArrays
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

interface Span {
  keyStart: number
  start: number
  end: number
}

// A minimal JSON scanner: enough to find where a value starts and ends. The text is known to be valid JSON.
function findSpan(text: string, path: string[]): Span | null {
  let i = skipSpace(text, 0)
  for (let depth = 0; depth < path.length; depth++) {
    if (text[i] !== '{') return null
    i = skipSpace(text, i + 1)
    let found: Span | null = null
    while (i < text.length && text[i] !== '}') {
      const keyStart = i
      const keyEnd = skipString(text, i)
      const key = JSON.parse(text.slice(i, keyEnd)) as string
      i = skipSpace(text, skipSpace(text, keyEnd) + 1)
      const end = skipValue(text, i)
      if (key === path[depth]) {
        found = { keyStart, start: i, end }
        break
      }
      i = skipSpace(text, end)
      if (text[i] === ',') i = skipSpace(text, i + 1)
    }
    if (!found) return null
    if (depth === path.length - 1) return found
    i = found.start
  }
  return null
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++
  return i
}

function skipString(text: string, i: number): number {
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\') j++
    else if (text[j] === '"') return j + 1
  }
  return text.length
}

function skipValue(text: string, i: number): number {
  const c = text[i]
  if (c === '"') return skipString(text, i)
  if (c !== '{' && c !== '[') {
    let j = i
    while (j < text.length && !/[\s,\]}]/.test(text[j])) j++
    return j
  }
  let depth = 0
  for (let j = i; j < text.length; j++) {
    const d = text[j]
    if (d === '"') j = skipString(text, j) - 1
    else if (d === '{' || d === '[') depth++
    else if (d === '}' || d === ']') {
      depth--
      if (depth === 0) return j + 1
    }
  }
  return text.length
}
