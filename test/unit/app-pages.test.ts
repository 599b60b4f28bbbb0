import { readFileSync } from 'node:fs'
import { join } from 'node:path'

import { APP_PAGES, ENTRY_PAGE } from '../../src/landing'
import { MAIN_PAGES } from '../../src/landing/pages'
import { appPages } from '../sim/harness/app-json'
import { readRulesJson, ROOT } from './fixtures'

interface AppConfig {
  pages: string[]
  subPackages?: Array<{ root: string; pages: string[] }>
  preloadRule?: Record<string, { network?: string; packages: string[] }>
}

/** src/app.config.ts as `taro build` evaluates it: `defineAppConfig` is a compile-time global. */
function loadAppConfig(): AppConfig {
  const stub = (config: AppConfig) => config
  Object.assign(globalThis, { defineAppConfig: stub })
  try {
    return (require('../../src/app.config') as { default: AppConfig }).default
  } finally {
    delete (globalThis as { defineAppConfig?: unknown }).defineAppConfig
  }
}

describe('the pages scans can reach', () => {
  const file = readRulesJson()
  const routed = [
    ...file.rules.flatMap((r) => (r.routes ?? []).map((route) => ({ from: r.prefix, page: route.page }))),
    ...(file.serviceAccount?.routes ?? []).map((route) => ({ from: 'serviceAccount', page: route.page })),
  ]

  it('rules.json routes at least one page', () => {
    expect(routed.length).toBeGreaterThan(0)
  })

  it.each(routed)('$page (routed from $from) is an app page and not the entry page', ({ page }) => {
    expect(APP_PAGES).toContain(page)
    expect(page).not.toBe(ENTRY_PAGE)
  })

  it('src/app.config.ts declares exactly APP_PAGES, entry page first', () => {
    const config = loadAppConfig()
    expect(appPages(config).routes).toEqual([...APP_PAGES])
    expect(config.pages[0]).toBe(ENTRY_PAGE)
  })

  it('keeps every page a scan lands on in the main package, and preloads the rest from the order page', () => {
    const config = loadAppConfig()
    const { subpackages } = appPages(config)
    for (const { page } of routed) expect(config.pages).toContain(page)
    expect(config.pages).toEqual([...MAIN_PAGES])
    expect(subpackages.length).toBeGreaterThan(0)
    expect(config.preloadRule).toEqual({
      'pages/order/index': { network: 'all', packages: subpackages.map((sub) => sub.root) },
    })
  })

  it('every APP_PAGES entry has its page component', () => {
    for (const page of APP_PAGES) {
      expect(() => readFileSync(join(ROOT, 'src', `${page}.tsx`))).not.toThrow()
    }
  })
})
