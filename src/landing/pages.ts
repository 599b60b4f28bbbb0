/** Every page of the mini program, entry page first (WeChat opens the first page of `app.json` by default). */
export const APP_PAGES = [
  'pages/index/index',
  'pages/order/index',
  'pages/confirm/index',
  'pages/result/index',
] as const

/** A page path of this mini program: the only values navigation accepts. */
export type PagePath = (typeof APP_PAGES)[number]

/** The entry page: the `path` of every QR code rule registered with WeChat. */
export const ENTRY_PAGE = 'pages/index/index' satisfies PagePath

/** True when `page` is one of this mini program's pages. */
export function isPagePath(page: unknown): page is PagePath {
  return typeof page === 'string' && (APP_PAGES as readonly string[]).includes(page)
}
