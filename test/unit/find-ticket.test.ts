// Ticket links follow WeChat's prefix rules (wechat-facts §2), like link rules: a ticket url's path must equal the
// link's, or be a `/`-ended prefix of it; the ticket's query must be a string prefix of the link's; the most
// specific ticket wins. Lookups stay a few Map gets however many tickets there are.
import { compileRuleTable, lookupTicket, type RuleTableFile } from '../../src/landing'
import { compile } from './fixtures'

const Q = 'http://weixin.qq.com/q/'

const TICKETS = [
  `${Q}02abc`,
  `${Q}02abc?k=1`,
  `${Q}02abc?k=1&t=2`,
  `${Q}dir/`,
  `${Q}dir/sub`,
  `${Q}any`,
  `${Q}any?`,
]
const ruleTable = compile({
  rules: [],
  serviceAccount: {
    appid: 'wx0a1b2c3d4e5f6a7b',
    tickets: TICKETS.map((url, i) => ({ url, scene: `store=${i + 1}` })),
  },
} satisfies RuleTableFile)

const CASES: Array<{ link: string; ticket: string | null; why: string }> = [
  { link: `${Q}02abc`, ticket: `${Q}02abc`, why: 'the url as issued' },
  {
    link: `${Q}02abc?x=1`,
    ticket: `${Q}02abc`,
    why: 'a query appended: the ticket has none, so any matches',
  },
  { link: `${Q}02abc?`, ticket: `${Q}02abc`, why: 'an empty query' },
  { link: `${Q}02abc?k=1`, ticket: `${Q}02abc?k=1`, why: 'the query ticket is more specific' },
  { link: `${Q}02abc?k=12`, ticket: `${Q}02abc?k=1`, why: 'the query is a string prefix, not a key match' },
  { link: `${Q}02abc?k=1&t=2&u=3`, ticket: `${Q}02abc?k=1&t=2`, why: 'the longest query prefix wins' },
  { link: `${Q}02abc?k=2`, ticket: `${Q}02abc`, why: 'a query ticket that does not match falls back' },
  { link: `${Q}02abc#k=1`, ticket: `${Q}02abc`, why: 'the fragment is never compared' },
  { link: `https://weixin.qq.com/q/02abc?x=1`, ticket: `${Q}02abc`, why: 'https, by the canonical http url' },
  { link: `HTTP://WEIXIN.QQ.COM/q/02abc`, ticket: `${Q}02abc`, why: 'scheme and host in upper case' },
  { link: `${Q}02abcd`, ticket: null, why: 'a longer path is not under a path without a trailing /' },
  { link: `${Q}02abc/`, ticket: null, why: 'a trailing / is another path' },
  { link: `${Q}02abc/x`, ticket: null, why: 'a sub-path of a path without a trailing /' },
  { link: `${Q}02ABC`, ticket: null, why: 'paths are case-sensitive' },
  { link: `${Q}02ab%63`, ticket: null, why: 'paths are compared as printed, not decoded' },
  { link: `${Q}dir/`, ticket: `${Q}dir/`, why: 'a /-ended ticket, equal' },
  { link: `${Q}dir/x/y?z=1`, ticket: `${Q}dir/`, why: 'a /-ended ticket takes every sub-path' },
  { link: `${Q}dir/sub`, ticket: `${Q}dir/sub`, why: 'the deeper ticket wins over the /-ended one' },
  { link: `${Q}dir/sub/x`, ticket: `${Q}dir/`, why: 'under dir/, not under sub (no trailing /)' },
  { link: `${Q}dir`, ticket: null, why: 'dir without / is neither dir/ nor under it' },
  {
    link: `${Q}any`,
    ticket: `${Q}any?`,
    why: 'a ticket ending in ? takes any query, and beats one without ?',
  },
  { link: `${Q}any?x`, ticket: `${Q}any?`, why: 'the same with a query' },
  { link: `${Q}`, ticket: null, why: 'the bare ticket prefix' },
  { link: 'http://weixin.qq.com/x/02abc', ticket: null, why: 'not under /q/: not a ticket link' },
  { link: 'http://weixin.qq.com:80/q/02abc', ticket: null, why: 'a port: another host' },
  { link: 'not a link', ticket: null, why: 'not a link' },
]

describe('lookupTicket follows WeChat prefix rules over the ticket urls', () => {
  it.each(CASES)('$link → $ticket ($why)', ({ link, ticket }) => {
    const found = lookupTicket(link, ruleTable)
    if (ticket === null) return expect(found).toBeUndefined()
    expect(found).toEqual({ url: ticket, scene: `store=${TICKETS.indexOf(ticket) + 1}` })
  })

  it('never finds a ticket whose url has a fragment or is not under the canonical origin', () => {
    const odd = compileRuleTable({
      rules: [],
      serviceAccount: {
        appid: 'wx0a1b2c3d4e5f6a7b',
        tickets: [
          { url: `${Q}02frag#x`, scene: 'store=1' },
          { url: 'HTTP://weixin.qq.com/q/02upper', scene: 'store=2' },
        ],
      },
    })
    if (!odd.ok) throw new Error('the rule table should compile')
    expect(lookupTicket(`${Q}02frag#x`, odd.ruleTable)).toBeUndefined()
    expect(lookupTicket(`${Q}02frag`, odd.ruleTable)).toBeUndefined()
    expect(lookupTicket(`${Q}02upper`, odd.ruleTable)).toBeUndefined()
  })
})
