// Compiles rules.json at build time: the package gets the rule table ready to land (ruleTableSource, the full core's
// own compiled form), not the compiler and its messages, and at most `maxTickets` tickets. rules:check and the tools
// compile the file themselves.
// A mini program may have 100 000 service-account codes (~5 MB of url → scene) against WeChat's 2 MB main-package
// cap: the package carries a bounded scene map and the merchant backend (TARO_APP_API_BASE, /api/tickets/resolve)
// resolves the rest.
const { require: tsxRequire } = require('tsx/cjs/api')

// The landing core is TypeScript under src/: through tsx, as config/h5.ts loads it. Jest (the loader's tests)
// compiles TypeScript itself, and tsx's loader does not work inside Jest's module registry.
const core = typeof jest === 'undefined' ? (path) => tsxRequire(path, __filename) : require
const { compileRuleTable } = core('../src/landing/compile-rule-table')
const { ruleTableSource } = core('../src/landing/rule-table-source')

module.exports = function ruleTableLoader(source) {
  const { maxTickets, ticketBackend } = this.getOptions()
  let file
  try {
    file = JSON.parse(source)
  } catch (e) {
    this.emitError(
      new Error(`rules.json is not valid JSON: ${e.message}. Run npm run rules:check for details.`)
    )
    return 'export default null'
  }
  const sa = file && file.serviceAccount
  const tickets = sa && Array.isArray(sa.tickets) ? sa.tickets : []
  if (tickets.length > maxTickets) {
    const what =
      `rules.json lists ${tickets.length} tickets; the package bundles the first ${maxTickets} ` +
      `(TICKET_BUNDLE_MAX) to stay within WeChat's 2 MB main-package cap.`
    if (ticketBackend) {
      this.emitWarning(
        new Error(
          `${what} The other ${tickets.length - maxTickets} resolve through the merchant backend at ${ticketBackend}.`
        )
      )
    } else {
      this.emitError(
        new Error(
          `${what} The other ${tickets.length - maxTickets} would never land: set TARO_APP_API_BASE to the ` +
            'merchant backend that resolves them, or raise TICKET_BUNDLE_MAX if the package has room.'
        )
      )
    }
  }
  const bounded = sa ? { ...file, serviceAccount: { ...sa, tickets: tickets.slice(0, maxTickets) } } : file
  const compiled = compileRuleTable(bounded)
  if (!compiled.ok) {
    const [first] = compiled.problems
    this.emitError(
      new Error(
        `rules.json has ${compiled.problems.length} problem(s), the first at ${first.pointer || '/'}: ` +
          `${first.message} Run npm run rules:check for all of them.`
      )
    )
    return 'export default null'
  }
  return `export default ${ruleTableSource(compiled.ruleTable)}`
}
