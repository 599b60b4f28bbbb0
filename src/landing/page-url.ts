import type { PagePath } from './pages'
import type { Params } from './route'

/** The url for `redirectTo`/`navigateTo`: built only from a declared page and validated params. */
export function pageUrl(page: PagePath, params: Params = {}): string {
  const query = Object.keys(params)
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(params[k]))}`)
    .join('&')
  return query ? `/${page}?${query}` : `/${page}`
}
