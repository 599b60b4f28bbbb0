// What the BUILT package carries of the landing core (issue 13): the compiled rule table and the error codes, not
// the rule-table compiler, its problem messages or the English that explains landing errors to developers — the
// tools have those. A module of the app that imports them again fails here.
import fs from 'node:fs'
import path from 'node:path'

import { compileRuleTable, type LandingError } from '../../src/landing'
import { explainError } from '../../src/landing/explain'
import type { Why } from '../../src/landing/result'
import { DEFAULT_DIST } from './harness/mini-program'

/** Every script of the build, main package and subpackages. */
function builtScripts(): string {
  return fs
    .readdirSync(DEFAULT_DIST, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(path.join(DEFAULT_DIST, f), 'utf8'))
    .join('\n')
}

// One of each `why`, its details filled with a marker that is cut out again: what is left is explain.ts's own words.
const MARK = '\u0001'
const WHYS: Why[] = [
  { is: 'q-type', got: MARK },
  { is: 'q-empty' },
  { is: 'q-not-utf8' },
  { is: 'q-too-long', length: 1 },
  { is: 'link-too-long', length: 1 },
  { is: 'link-characters' },
  { is: 'link-not-absolute' },
  { is: 'link-user-info' },
  { is: 'link-host', host: MARK },
  { is: 'link-port', port: MARK },
  { is: 'no-rule' },
  { is: 'no-ticket' },
  { is: 'ticket-expired', end: 1 },
  { is: 'scene-malformed' },
  { is: 'scene-expired' },
  { is: 'scene-id', scene: 1 },
  { is: 'no-route', what: 'link' },
  { is: 'segment-not-utf8', segment: MARK },
  { is: 'key-not-utf8', key: MARK },
  { is: 'param-undeclared', param: MARK },
  { is: 'param-fixed', param: MARK },
  { is: 'param-in-path-and-query', param: MARK },
  { is: 'param-repeated', param: MARK },
  { is: 'param-not-utf8', param: MARK },
  { is: 'param-missing', param: MARK },
  { is: 'param-value', param: MARK, value: MARK, spec: { kind: 'enum', values: [MARK], optional: false } },
  { is: 'ticket-service', answer: MARK },
  { is: 'order-context' },
]

/** The fixed runs of words in a text: the parts between the markers and numbers, long enough to mean something. */
function phrases(text: string): string[] {
  return text
    .split(/\u0001|\d+/)
    .map((part) => part.trim())
    .filter((part) => part.length >= 12)
}

describe('the built package', () => {
  const scripts = builtScripts()

  it('carries the landing code (a sanity check of what is read)', () => {
    expect(scripts).toContain('https://shop.example.com/s/')
    expect(scripts.length).toBeGreaterThan(100_000)
  })

  it("carries none of explain.ts's English: the tools word the codes, customers read Chinese", () => {
    const words = WHYS.flatMap((why) => {
      const { message, hint } = explainError({
        ok: false,
        code: 'invalid-param',
        why,
        rule: MARK,
      } as LandingError)
      return [...phrases(message), ...phrases(hint)]
    })
    expect(words.length).toBeGreaterThan(WHYS.length)
    expect(words.filter((w) => scripts.includes(w))).toEqual([])
  })

  it("carries none of the rule-table compiler's problem messages: rules.json is compiled at build time", () => {
    const broken: unknown[] = [
      [],
      { rules: {} },
      { rules: [{}] },
      {
        rules: [{ prefix: 'https://a.example.com/', routes: [{ page: 'pages/x/index', params: { a: 1 } }] }],
      },
      { rules: [], serviceAccount: { tickets: {}, sceneIds: [], routes: {} } },
    ]
    const words = broken.flatMap((file) => {
      const compiled = compileRuleTable(file)
      return compiled.ok ? [] : compiled.problems.flatMap((p) => [...phrases(p.message), ...phrases(p.hint)])
    })
    expect(words.length).toBeGreaterThan(8)
    expect(words.filter((w) => scripts.includes(w))).toEqual([])
  })
})
