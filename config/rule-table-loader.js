// Bundles only what the mini program reads from rules.json, and at most `maxTickets` tickets.
// A mini program may have 100 000 service-account codes (~5 MB of url → scene) against WeChat's 2 MB main-package
// cap: the package carries a bounded table and the merchant backend (TARO_APP_API_BASE, /api/tickets/resolve) resolves the rest.
module.exports = function ruleTableLoader(source) {
  const { maxTickets, ticketBackend } = this.getOptions()
  let file
  try {
    file = JSON.parse(source)
  } catch (e) {
    this.emitError(
      new Error(`rules.json is not valid JSON: ${e.message}. Run npm run rules:check for details.`)
    )
    return 'null'
  }
  const out = { rules: (file.rules || []).map(({ prefix, routes }) => ({ prefix, routes })) }
  const sa = file.serviceAccount
  if (sa) {
    const tickets = Array.isArray(sa.tickets) ? sa.tickets : []
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
    out.serviceAccount = {
      // expire_time only where a code has one (temporary codes): permanent ones pay no bytes for it.
      tickets: tickets
        .slice(0, maxTickets)
        .map(({ url, scene, expire_time }) =>
          expire_time === undefined ? { url, scene } : { url, scene, expire_time }
        ),
      sceneIds: sa.sceneIds,
      routes: sa.routes,
    }
  }
  // Mini program codes: the page and the scene routes; the list of codes made (`scenes`) is for the tools.
  const codes = file.miniProgramCode
  if (codes) out.miniProgramCode = { page: codes.page, routes: codes.routes }
  return JSON.stringify(out)
}
