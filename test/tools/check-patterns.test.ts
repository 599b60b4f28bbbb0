// rules:check refuses a declared pattern that could hang a scan (ReDoS), at its JSON pointer, with a hint. Through
// the checker the command runs (checkRules): its errors are what make rules:check, and so the build, exit 1.
import {
  anchoredPattern,
  STORE_ID_PARAM as STORE,
  TABLE_NAME_PARAM,
  type RuleTableFile,
} from '../../src/landing'
import { checkPatterns, declaredPatterns } from '../../tools/lib/check-patterns'
import { Problems } from '../../tools/lib/check-problem'
import { checkRules } from '../../tools/lib/check-rules'
import { regexSafety } from '../../tools/lib/regex-safety'
import { FIXTURE_FILE, readRulesJson, rule } from '../unit/fixtures'

/** The project's rule table with the table param's pattern (link rule and scene routes) replaced. */
function withTablePattern(pattern: string, scenePattern: string = TABLE_NAME_PARAM.pattern): RuleTableFile {
  const file = readRulesJson()
  return {
    ...file,
    rules: file.rules.map((r) => ({
      ...r,
      routes: r.routes?.map((route) =>
        route.params.table
          ? { ...route, params: { ...route.params, table: { type: 'string', pattern } } }
          : route
      ),
    })),
    serviceAccount: {
      ...file.serviceAccount!,
      routes: file.serviceAccount!.routes?.map((route) =>
        route.params.table
          ? { ...route, params: { ...route.params, table: { type: 'string', pattern: scenePattern } } }
          : route
      ),
    },
  }
}

const redos = (file: RuleTableFile) => checkRules(file).problems.filter((p) => /backtrack/.test(p.message))

describe('rules:check and ReDoS-prone patterns', () => {
  it('refuses an exponential pattern at its JSON pointer, saying why and how to rewrite it', () => {
    const report = checkRules(withTablePattern('([A-Za-z0-9]+-?)+'))
    expect(report.errors).toBeGreaterThan(0)
    const [problem] = redos(withTablePattern('([A-Za-z0-9]+-?)+'))
    expect(problem).toMatchObject({
      severity: 'error',
      pointer: '/rules/0/routes/0/params/table/pattern',
      message: expect.stringMatching(
        /"\(\[A-Za-z0-9\]\+-\?\)\+" can backtrack catastrophically \(exponential/
      ),
    })
    expect(problem.hint).toContain('[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*')
  })

  it('refuses a polynomial pattern and one in a scene route, each at its own pointer', () => {
    const problems = redos(withTablePattern('[a-z]*[a-z0-9]*x', '(\\w+\\s?)*'))
    expect(problems.map((p) => p.pointer)).toEqual([
      '/rules/0/routes/0/params/table/pattern',
      '/serviceAccount/routes/0/params/table/pattern',
    ])
    expect(problems[0].message).toMatch(/polynomial/)
    expect(problems[1].message).toMatch(/exponential/)
  })

  it('refuses nested counted repeats that are finite in theory but explode in practice', () => {
    expect(redos(withTablePattern('(a|b|ab){1,60}'))).toHaveLength(1)
  })

  it('judges a pattern once however often it is declared, and reports every place', () => {
    const file: RuleTableFile = {
      rules: ['https://a.example.com/x', 'https://a.example.com/y'].map((prefix) =>
        rule(prefix, {
          routes: [
            {
              page: 'pages/order/index',
              path: new URL(prefix).pathname,
              params: { store: STORE, code: { type: 'string', pattern: '(\\w+\\s?)*', optional: true } },
            },
          ],
        })
      ),
    }
    const problems = new Problems()
    checkPatterns(file as unknown as Record<string, unknown>, problems)
    expect(problems.list.map((p) => p.pointer)).toEqual([
      '/rules/0/routes/0/params/code/pattern',
      '/rules/1/routes/0/params/code/pattern',
    ])
  })

  it('accepts the safe patterns of the project, the unit fixture and the common shapes', () => {
    expect(redos(readRulesJson())).toEqual([])
    expect(redos(FIXTURE_FILE)).toEqual([])
    for (const pattern of [
      TABLE_NAME_PARAM.pattern,
      '[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*',
      '[0-9]{4}-[0-9]{2}',
      'A|B|C',
    ]) {
      expect(redos(withTablePattern(pattern, pattern))).toEqual([])
    }
  })

  it('leaves a pattern that does not compile to the compile error, not a ReDoS one', () => {
    const report = checkRules(withTablePattern('([a-z'))
    expect(report.problems.filter((p) => p.pointer === '/rules/0/routes/0/params/table/pattern')).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/does not compile/) }),
    ])
  })

  it('finds every declared pattern of a rule file with its pointer', () => {
    expect(declaredPatterns(readRulesJson() as unknown as Record<string, unknown>)).toEqual([
      { pointer: '/rules/0/routes/0/params/table/pattern', pattern: TABLE_NAME_PARAM.pattern },
      { pointer: '/serviceAccount/routes/0/params/table/pattern', pattern: TABLE_NAME_PARAM.pattern },
    ])
  })
})

describe('regexSafety', () => {
  it.each([
    ['^(a+)+$', 'vulnerable'],
    [anchoredPattern(TABLE_NAME_PARAM.pattern), 'safe'],
  ])('judges %s %s', (source, expected) => {
    const verdict = regexSafety(source)
    expect(verdict.safe ? 'safe' : verdict.kind).toBe(expected)
  })

  it('runs recheck in this thread and leaves the environment as it found it', () => {
    expect(process.env.RECHECK_SYNC_BACKEND).toBeUndefined()
    regexSafety('^a$')
    expect(process.env.RECHECK_SYNC_BACKEND).toBeUndefined()
  })
})
