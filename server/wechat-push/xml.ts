// WeChat's push XML: a flat <xml> of text fields. Parsed with fast-xml-parser, never with entity expansion: an
// entity reference stays literal text and an external entity (XXE) fails the parse, so a DOCTYPE cannot read files
// or blow up memory (billion laughs). WeChat itself sends strings as CDATA and never a DOCTYPE.
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser'

/** A push's fields by tag name (no prototype: tag names are untrusted). */
export type PushFields = Record<string, string>

export type ReadXml = { ok: true; fields: PushFields } | { ok: false; message: string }

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Every value stays the text WeChat sent: `CreateTime` and a numeric `EventKey` are not turned into numbers.
  parseTagValue: false,
})

const builder = new XMLBuilder({ cdataPropName: '#cdata' })

/** Reads `<xml>…</xml>` into its text fields; malformed XML, another root or a repeated field is refused. */
export function readXml(text: string): ReadXml {
  const valid = XMLValidator.validate(text)
  if (valid !== true) return { ok: false, message: `${valid.err.msg} (line ${valid.err.line})` }
  let doc: unknown
  try {
    doc = parser.parse(text)
  } catch (error) {
    // e.g. "External entities are not supported", or a tag named __proto__.
    return { ok: false, message: (error as Error).message }
  }
  const root = (doc as Record<string, unknown>).xml
  if (typeof root !== 'object' || root === null)
    return { ok: false, message: 'the body is not an <xml> element with fields' }
  const fields: PushFields = Object.create(null)
  for (const [name, value] of Object.entries(root)) {
    if (typeof value !== 'string') return { ok: false, message: `<${name}> is repeated or not plain text` }
    fields[name] = value
  }
  return { ok: true, fields }
}

/** Writes `<xml>` with the fields in order: strings as CDATA (WeChat's form), numbers as they are. */
export function writeXml(fields: ReadonlyArray<readonly [string, string | number]>): string {
  const xml: Record<string, unknown> = {}
  for (const [name, value] of fields) xml[name] = typeof value === 'number' ? value : { '#cdata': value }
  return builder.build({ xml }) as string
}
