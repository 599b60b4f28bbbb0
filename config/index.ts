import path from 'path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

/** Tickets bundled into the package (~60 bytes each); past it, the merchant backend (TARO_APP_API_BASE) resolves them. */
const TICKET_BUNDLE_MAX = Number(process.env.TICKET_BUNDLE_MAX ?? 2000)

// Base config shared by every build; dev.ts / prod.ts hold only the differences.
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'scan-to-order',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: 'dist',
    // Hands the build's appid (TARO_APP_ID) to WeChat DevTools opened at the project root.
    plugins: [path.resolve(__dirname, 'devtools-appid.js')],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
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
        chain.module
          .rule('rule-table')
          .test(/[\\/]rules\.json$/)
          .use('rule-table-loader')
          .loader(path.resolve(__dirname, 'rule-table-loader.js'))
          .options({ maxTickets: TICKET_BUNDLE_MAX, ticketBackend: process.env.TARO_APP_API_BASE ?? '' })
      },
    },
  }
  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
