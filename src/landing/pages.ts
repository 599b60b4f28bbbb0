/**
 * The pages of the main package, entry page first (WeChat opens the first page of `app.json` by default): what a
 * scan needs before its order page shows.
 */
export const MAIN_PAGES = ['pages/index/index', 'pages/order/index'] as const

/**
 * The pages after the order page, each the one page of its own subpackage rooted at its folder, so its path stays
 * the same: WeChat downloads them once the order page is open (`preloadRule`), not before the first page.
 */
export const SUBPACKAGE_PAGES = ['pages/confirm/index', 'pages/result/index'] as const

/** Every page of the mini program: the main package's, then the subpackages'. */
export const APP_PAGES = [...MAIN_PAGES, ...SUBPACKAGE_PAGES] as const

/** A page path of this mini program: the only values navigation accepts. */
export type PagePath = (typeof APP_PAGES)[number]

/** The entry page: the `path` of every QR code rule registered with WeChat. */
export const ENTRY_PAGE = 'pages/index/index' satisfies PagePath

/** True when `page` is one of this mini program's pages. */
export function isPagePath(page: unknown): page is PagePath {
  return typeof page === 'string' && (APP_PAGES as readonly string[]).includes(page)
}

/** A subpackage page's folder: the root of its subpackage (`pages/confirm`). */
export function subpackageRoot(page: (typeof SUBPACKAGE_PAGES)[number]): string {
  return page.slice(0, page.lastIndexOf('/'))
}
