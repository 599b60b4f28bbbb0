// Shared by the unit tests: a rule table built in the test (so each case says what it relies on) and the
// project's real rules.json, both compiled through the public compileRuleTable.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import {
  compileRuleTable,
  STORE_ID_PARAM as STORE,
  TABLE_NAME_PARAM as TABLE,
  type RuleTable,
  type RuleTableFile,
} from '../../src/landing'
import { ruleTableSource } from '../../src/landing/rule-table-source'

export const ROOT = join(__dirname, '..', '..')

/** Compiles a rule table, failing the test with every problem when it does not compile. */
export function compile(file: unknown): RuleTable {
  const compiled = compileRuleTable(file)
  if (!compiled.ok) throw new Error(`fixture does not compile: ${JSON.stringify(compiled.problems, null, 2)}`)
  return compiled.ruleTable
}

/** `ruleTable` as the package carries it: compiled at build time, emitted as source (ruleTableSource), run in the app. */
export function packaged(ruleTable: RuleTable): RuleTable {
  return new Function(`return ${ruleTableSource(ruleTable)}`)() as RuleTable
}

/** A rule with WeChat's required fields filled in; only `prefix` (and `routes`) matter to landing. */
export function rule(prefix: string, extra: Partial<RuleTableFile['rules'][number]> = {}) {
  return { prefix, permit_sub_rule: 1 as const, open_version: 3 as const, debug_url: [], ...extra }
}

/** Dine-in and takeaway links under /s/, a rule without routes, and service-account tickets. */
export const FIXTURE_FILE: RuleTableFile = {
  rules: [
    rule('https://shop.example.com/s/', {
      routes: [
        {
          page: 'pages/order/index',
          path: '/s/:store/t/:table',
          params: { store: STORE, table: TABLE, mode: { const: 'dine-in' } },
        },
        {
          page: 'pages/order/index',
          path: '/s/:store',
          params: { store: STORE, mode: { type: 'enum', values: ['takeaway'], default: 'takeaway' } },
        },
      ],
    }),
    // Registered with WeChat but not wired to a page yet.
    rule('https://shop.example.com/promo/'),
  ],
  serviceAccount: {
    appid: 'wx0a1b2c3d4e5f6a7b',
    tickets: [
      { url: 'http://weixin.qq.com/q/02ticketStr', scene: 'store=12&table=8' },
      { url: 'http://weixin.qq.com/q/02ticketId', scene: 1001 },
      { url: 'http://weixin.qq.com/q/02ticketUnmapped', scene: 2002 },
      { url: 'http://weixin.qq.com/q/02ticketBadScene', scene: 'store=0' },
      { url: 'http://weixin.qq.com/q/02ticketProtoKey', scene: 'store=12&constructor=1' },
    ],
    sceneIds: { '1001': 'store=12' },
    routes: [
      { page: 'pages/order/index', params: { store: STORE, table: TABLE, mode: { const: 'dine-in' } } },
      { page: 'pages/order/index', params: { store: STORE, mode: { const: 'takeaway' } } },
    ],
  },
}

export const FIXTURE = compile(FIXTURE_FILE)

/** The project's rule table, as the mini program bundles it. */
export function readRulesJson(): RuleTableFile {
  return JSON.parse(readFileSync(join(ROOT, 'rules.json'), 'utf8')) as RuleTableFile
}
