// Edits of a hand-written JSON file that keep every byte they do not change: jsonc-parser finds where a value is and
// applies the edits; a new member copies the whitespace its siblings already use (one a line, or side by side), and
// a new object or array is written with the file's own indent unit and line ending. No other formatting happens, so
// a user's layout and key order survive, and a file Prettier accepted stays accepted.
import {
  applyEdits,
  findNodeAtLocation,
  modify,
  parseTree,
  type Edit,
  type Node,
  type ParseError,
} from 'jsonc-parser'

type Path = Array<string | number>

/** Sets `path` to `value`: replaces the value there, or adds the property (after the object's last one). */
export function setJsonValue(text: string, path: Path, value: unknown): string {
  const tree = parse(text)
  const there = findNodeAtLocation(tree, path)
  if (there) {
    // Replacing a value leaves everything around it alone; jsonc-parser writes a scalar as JSON.
    if (isScalar(value)) return applyEdits(text, modify(text, path, value, {}))
    return applyEdits(text, [
      {
        offset: there.offset,
        length: there.length,
        content: layout(text, value, lineIndent(text, there.offset)),
      },
    ])
  }
  const key = path[path.length - 1]
  const parent = findNodeAtLocation(tree, path.slice(0, -1))
  if (typeof key !== 'string' || parent?.type !== 'object') {
    throw new Error(`cannot set ${JSON.stringify(path)}: its parent is not an object`)
  }
  return applyEdits(text, [
    insertion(text, parent, (indent) => `${JSON.stringify(key)}: ${layout(text, value, indent)}`),
  ])
}

/**
 * Appends `values` to the array at `path`, in order, in one edit (a large file is scanned once, not per value); the
 * array is created when it is missing, as addJsonMembers creates its object.
 */
export function appendJsonItems(text: string, path: Path, values: readonly unknown[]): string {
  if (values.length === 0) return text
  const array = findNodeAtLocation(parse(text), path)
  if (!array) return setJsonValue(text, path, values)
  if (array.type !== 'array') throw new Error(`cannot append to ${JSON.stringify(path)}: it is not an array`)
  return applyEdits(text, [
    insertion(text, array, (indent, ws) => values.map((v) => layout(text, v, indent)).join(`,${ws}`)),
  ])
}

/** Adds `members` to the object at `path`, in order, in one edit; the object is created when it is missing. */
export function addJsonMembers(text: string, path: Path, members: ReadonlyArray<[string, unknown]>): string {
  if (members.length === 0) return text
  const object = findNodeAtLocation(parse(text), path)
  if (!object) return setJsonValue(text, path, Object.fromEntries(members))
  if (object.type !== 'object') throw new Error(`cannot add to ${JSON.stringify(path)}: it is not an object`)
  return applyEdits(text, [
    insertion(text, object, (indent, ws) =>
      members.map(([k, v]) => `${JSON.stringify(k)}: ${layout(text, v, indent)}`).join(`,${ws}`)
    ),
  ])
}

/**
 * The edit adding member text after a container's last child, separated like its last child is from the one before
 * (or from the bracket); in an empty container, on a line of its own one indent unit in.
 */
function insertion(text: string, container: Node, member: (indent: string, ws: string) => string): Edit {
  const children = container.children ?? []
  const last = children[children.length - 1]
  if (last) {
    let start = last.offset
    while (start > 0 && /\s/.test(text[start - 1])) start--
    const ws = text.slice(start, last.offset)
    const indent = ws.includes('\n') ? ws.slice(ws.lastIndexOf('\n') + 1) : lineIndent(text, last.offset)
    return { offset: last.offset + last.length, length: 0, content: `,${ws}${member(indent, ws)}` }
  }
  const outer = lineIndent(text, container.offset)
  const indent = outer + indentUnit(text)
  const eol = lineEnding(text)
  return {
    offset: container.offset + 1,
    length: container.length - 2,
    content: `${eol}${indent}${member(indent, `${eol}${indent}`)}${eol}${outer}`,
  }
}

/** `value` as JSON: a scalar as is; an object or array expanded with the file's indent unit, from `indent`. */
function layout(text: string, value: unknown, indent: string): string {
  if (isScalar(value)) return JSON.stringify(value)
  return JSON.stringify(value, null, indentUnit(text))
    .split('\n')
    .join(`${lineEnding(text)}${indent}`)
}

function parse(text: string): Node {
  const errors: ParseError[] = []
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true })
  if (!tree || errors.length > 0) throw new Error(`not valid JSON (at character ${errors[0]?.offset ?? 0})`)
  return tree
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object'
}

/** The whitespace that starts the line holding `offset`. */
function lineIndent(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1
  return /^[ \t]*/.exec(text.slice(start, offset))![0]
}

/** The file's indent unit: a tab, or the smallest run of leading spaces (two when nothing is indented). */
function indentUnit(text: string): string {
  let smallest = ''
  let seen = 0
  // The first lines settle it (the shallowest level comes early); a 100 000-ticket file need not be scanned whole.
  for (const m of text.matchAll(/\n([ \t]+)\S/g)) {
    if (m[1].startsWith('\t')) return '\t'
    if (smallest === '' || m[1].length < smallest.length) smallest = m[1]
    if (++seen >= 200) break
  }
  return smallest || '  '
}

function lineEnding(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n'
}
