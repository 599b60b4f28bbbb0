/** Webpack loader for rules.json (see rule-table-loader.js): the compiled rule table as an ES module's source. */
declare function ruleTableLoader(
  this: {
    getOptions(): { maxTickets: number; ticketBackend: string }
    emitError(e: Error): void
    emitWarning(e: Error): void
  },
  source: string
): string
export = ruleTableLoader
