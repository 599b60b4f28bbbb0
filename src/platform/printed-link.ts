/** The parts of a browser location the printed link is rebuilt from (`window.location`). */
export interface PageLocation {
  origin: string
  pathname: string
  search: string
  hash: string
}

/**
 * The printed link a browser page stands for: its path, query and fragment on the printed link's origin. A page
 * served from a rule's own host keeps its origin; any other host (a staging server, 127.0.0.1 in tests) stands in
 * for `origins[0]`, the first rule's, so it lands exactly as the printed code would.
 */
export function printedLink(location: PageLocation, origins: readonly string[]): string {
  const origin = origins.length === 0 || origins.includes(location.origin) ? location.origin : origins[0]
  return `${origin}${location.pathname}${location.search}${location.hash}`
}
