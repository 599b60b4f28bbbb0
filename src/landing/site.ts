import type { RuleTable } from './compile-rule-table'
import { APP_PAGES, type PagePath } from './pages'

/**
 * Where the browser (H5) build lives on the printed links' host, derived from the rule table: the same page at the
 * printed link, whichever scanner opened it. Pure: the H5 build config, the H5 launch service and the server share it.
 */
export interface Site {
  /** `scheme://host[:port]` of every rule, first rule first: a deployment on another host stands in for the first. */
  origins: string[]
  /**
   * The directory of the first rule's prefix (`/s/` for `https://shop.example.com/s/`), where the app's own pages
   * (`/s/pages/order/index`) and files live: under the prefix, so a reload is served like a printed link.
   */
  appBase: string
  /** Each rule's path; `subtree` when it ends with `/` (WeChat then matches every path under it too). */
  prefixes: Array<{ path: string; subtree: boolean }>
}

/** The site of a compiled rule table. */
export function siteOf(ruleTable: RuleTable): Site {
  const origins: string[] = []
  for (const { link } of ruleTable.rules) {
    const origin = `${link.scheme}://${link.host}`
    if (!origins.includes(origin)) origins.push(origin)
  }
  const first = ruleTable.rules[0]?.link.path ?? '/'
  return {
    origins,
    appBase: first.slice(0, first.lastIndexOf('/') + 1),
    prefixes: ruleTable.rules.map(({ link }) => ({ path: link.path, subtree: link.path.endsWith('/') })),
  }
}

/** The URL path of one of the app's pages on the site: `/s/pages/order/index`. */
export function sitePagePath(site: Site, page: PagePath): string {
  return `${site.appBase}${page}`
}

/** Each app page's URL path, keyed by its page path with a leading `/` (Taro H5's `router.customRoutes`). */
export function sitePageRoutes(site: Site): Record<string, string> {
  return Object.fromEntries(APP_PAGES.map((page) => [`/${page}`, sitePagePath(site, page)]))
}

/** True when a printed link can have this path: a rule's path, or a path under a rule path ending with `/`. */
export function isPrintedPath(site: Site, path: string): boolean {
  return site.prefixes.some((p) => path === p.path || (p.subtree && path.startsWith(p.path)))
}

/** True when `path` is one of the app's own page paths on the site. */
export function isSitePage(site: Site, path: string): boolean {
  return APP_PAGES.some((page) => sitePagePath(site, page) === path)
}
