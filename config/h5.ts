// The browser (H5) build: the same pages, served at the printed link (see src/landing/site.ts and server/h5-site.ts).
import { readFileSync } from 'fs'
import path from 'path'
import type { IProjectConfig } from '@tarojs/taro/types/compile'
import { require as tsxRequire } from 'tsx/cjs/api'
import type * as Core from '../src/landing/compile-rule-table'
import type * as JsonValue from '../src/landing/json-value'
import type * as SiteModule from '../src/landing/site'

const RULES = path.resolve(__dirname, '..', 'rules.json')

/**
 * Where the browser build lives (the first rule's directory) and the URL path of each page under it. A broken
 * rule table stops the build with what `rules:check` would say.
 */
function projectSite(file: unknown): { site: SiteModule.Site; pageRoutes: Record<string, string> } {
  // Taro compiles only config/ when it loads this file: the landing core (TypeScript under src/) comes through
  // tsx, and only for the browser build.
  const { compileRuleTable } = tsxRequire('../src/landing/compile-rule-table', __filename) as typeof Core
  const { siteOf, sitePageRoutes } = tsxRequire('../src/landing/site', __filename) as typeof SiteModule
  const compiled = compileRuleTable(file)
  if (!compiled.ok) {
    const first = compiled.problems[0]
    throw new Error(`${RULES}: ${first.pointer} ${first.message} (npm run rules:check lists every problem)`)
  }
  const site = siteOf(compiled.ruleTable)
  return { site, pageRoutes: sitePageRoutes(site) }
}

/**
 * The mini program's appid for the "在微信中打开" bar: TARO_APP_ID (what the weapp build uses), else the rule
 * table's serviceAccount.appid; empty (no bar) for the tourist appid or none.
 */
function miniProgramAppId(file: { serviceAccount?: { appid?: unknown } }): string {
  const { isAppId } = tsxRequire('../src/landing/json-value', __filename) as typeof JsonValue
  const id = process.env.TARO_APP_ID || file.serviceAccount?.appid
  return isAppId(id) ? id : ''
}

/** The H5 section of the Taro config and the constants only the H5 build reads. */
export function h5Config(
  chainRules: NonNullable<NonNullable<IProjectConfig<'webpack5'>['h5']>['webpackChain']>
): Pick<IProjectConfig<'webpack5'>, 'h5' | 'env' | 'plugins'> {
  const file = JSON.parse(readFileSync(RULES, 'utf8')) as { serviceAccount?: { appid?: unknown } }
  const { site, pageRoutes } = projectSite(file)
  return {
    plugins: [path.resolve(__dirname, 'h5-app-config.ts')],
    env: { TARO_APP_ID: JSON.stringify(miniProgramAppId(file)) },
    h5: {
      // The app's files and pages live under the first rule's directory, which the server serves.
      publicPath: site.appBase,
      staticDirectory: 'static',
      useHtmlComponents: true,
      router: { mode: 'browser', customRoutes: pageRoutes },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain: chainRules,
    },
  }
}
