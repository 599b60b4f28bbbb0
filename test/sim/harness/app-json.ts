// What the harness reads from the built app.json: the main package's pages and each subpackage's, by WeChat's
// rules (a subpackage page's route is its root, then its page: `pages/confirm` + `index`).

/** One subpackage: its root folder and the full routes of its pages. */
export interface Subpackage {
  root: string
  pages: string[]
}

/** The pages an app.json declares. */
export interface AppPages {
  /** `pages`: the main package's, entry page first. */
  main: string[]
  /** `subPackages` (or its older spelling `subpackages`), each page as a full route. */
  subpackages: Subpackage[]
  /** Every route WeChat navigates to: the main package's, then the subpackages'. */
  routes: string[]
}

const trimSlashes = (s: string) => s.replace(/^\/+|\/+$/g, '')

/** Reads the pages of a parsed app.json; throws on a shape WeChat would refuse. */
export function appPages(appJson: unknown): AppPages {
  const json = appJson as { pages?: unknown; subPackages?: unknown; subpackages?: unknown }
  if (!Array.isArray(json.pages) || !json.pages.every((p) => typeof p === 'string')) {
    throw new Error('app.json has no "pages" array of strings')
  }
  const list = json.subPackages ?? json.subpackages ?? []
  if (!Array.isArray(list)) throw new Error('app.json "subPackages" is not an array')
  const subpackages = list.map((sub: unknown, i) => {
    const { root, pages } = (sub ?? {}) as { root?: unknown; pages?: unknown }
    if (typeof root !== 'string' || !Array.isArray(pages) || !pages.every((p) => typeof p === 'string')) {
      throw new Error(`app.json subPackages[${i}] needs a "root" string and a "pages" array of strings`)
    }
    return { root: trimSlashes(root), pages: pages.map((page: string) => `${trimSlashes(root)}/${page}`) }
  })
  const main = json.pages as string[]
  return { main, subpackages, routes: [...main, ...subpackages.flatMap((sub) => sub.pages)] }
}
