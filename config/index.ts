import path from 'path'
import { defineConfig } from '@tarojs/cli'
import type { IProjectConfig } from '@tarojs/taro/types/compile'
import devConfig from './dev'
import { h5Config } from './h5'
import prodConfig from './prod'

/** Tickets bundled into the package (~60 bytes each); past it, the merchant backend (TARO_APP_API_BASE) resolves them. */
const TICKET_BUNDLE_MAX = Number(process.env.TICKET_BUNDLE_MAX ?? 2000)

const H5 = process.env.TARO_ENV === 'h5'

/** rules.json goes through rule-table-loader.js in every build: compiled, and only what the app reads. */
function bundleRuleTable(
  chain: Parameters<NonNullable<NonNullable<IProjectConfig['mini']>['webpackChain']>>[0]
) {
  // The browser build is served by the merchant backend, which resolves tickets on the same origin.
  const ticketBackend = H5 ? 'the same origin' : (process.env.TARO_APP_API_BASE ?? '')
  chain.module
    .rule('rule-table')
    .test(/[\\/]rules\.json$/)
    // The loader emits JavaScript (the compiled rule table), not JSON.
    .type('javascript/auto')
    .use('rule-table-loader')
    .loader(path.resolve(__dirname, 'rule-table-loader.js'))
    .options({ maxTickets: TICKET_BUNDLE_MAX, ticketBackend })
}

// Base config shared by every build; dev.ts / prod.ts hold only the differences.
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: IProjectConfig<'webpack5'> = {
    projectName: 'scan-to-order',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // Apart, so the mini program's dist/ and the browser build never overwrite each other.
    outputRoot: H5 ? 'dist-h5' : 'dist',
    // Hands the build's appid (TARO_APP_ID) to WeChat DevTools opened at the project root, and leaves out of
    // base.wxml the templates of components no page uses (the H5 config replaces both).
    plugins: [
      path.resolve(__dirname, 'devtools-appid.js'),
      path.resolve(__dirname, 'component-templates.ts'),
    ],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    // Dependency prebundling (dev builds only) fails in Taro 4.1.11's prebundler with "options.roots.map is not a
    // function" against today's enhanced-resolve (NervJS/taro#19372, fixed after 4.1.11) and is then skipped after
    // a stack trace; dev:h5's stops with "_writeVirtualFile is not a function" under the pinned webpack 5.91
    // (NervJS/taro#14257). Off for both targets: the dev builds build everything themselves, without the trace.
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    // Template levels before Taro nests deeper nodes in its recursive `comp` (an extra host node: a layout cost);
    // default 16. The order page's menu, our deepest, needs 7: with `comp` stubbed out the simulator suite passes
    // at 7 and fails at 6; 8 leaves a level spare. baseLevel, docs.taro.zone/docs/config-detail.
    baseLevel: 8,
    mini: {
      // No page sets innerHTML / dangerouslySetInnerHTML: drop Taro's HTML parser ("saves 9k"). mini.runtime,
      // docs.taro.zone/docs/taro-dom.
      runtime: { enableInnerHTML: false },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        bundleRuleTable(chain)
        // Taro's webpack target is ['web', 'es5'], so webpack writes its own module wrappers and runtime as ES5:
        // `function(e,t,n){` for every module, `function(){return x}` for every export. Our runtimes
        // (.browserslistrc: iOS 13, Chrome 86) run these ES2015 forms; webpack uses `function` still where a
        // module needs `this`. output.environment, webpack.js.org/configuration/output/#outputenvironment.
        chain.merge({
          output: { environment: { arrowFunction: true, const: true, destructuring: true, forOf: true } },
          // The shortest module ids, chunk ids and export names instead of hash-derived ones: a package is
          // downloaded whole per version, so ids stable across builds (long-term caching) buy nothing here.
          // optimization.moduleIds / chunkIds / mangleExports, webpack.js.org/configuration/optimization.
          optimization: { moduleIds: 'size', chunkIds: 'size', mangleExports: 'size' },
        })
      },
    },
    ...(H5 ? h5Config(bundleRuleTable) : {}),
  }
  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
