import type { UserConfigExport } from '@tarojs/cli'

/**
 * Terser's own defaults for the compress passes Taro turns off for mini programs (@tarojs/webpack5-runner
 * MiniBaseConfig): github.com/terser/terser#compress-options. Our targets (.browserslistrc) run what they emit.
 */
const TERSER_DEFAULTS = {
  arrows: true,
  collapse_vars: true,
  comparisons: true,
  computed_props: true,
  directives: true,
  hoist_props: true,
  inline: true,
  loops: true,
  negate_iife: true,
  properties: true,
  reduce_funcs: true,
  reduce_vars: true,
  switches: true,
  typeofs: true,
  // A second compress pass finds what the first one's rewrites opened up (0.7 KB; a third adds nothing).
  passes: 2,
}

export default {
  // Mini program builds (TARO_ENV is the build's --type): terser's compress defaults, and UTF-8 text instead of
  // \uXXXX escapes (6 bytes for each Chinese character's 3): WeChat requires UTF-8 code files anyway. terser,
  // docs.taro.zone/docs/config-detail; UTF-8: the DevTools "details" page (developers.weixin.qq.com).
  ...(process.env.TARO_ENV === 'weapp'
    ? { terser: { enable: true, config: { compress: TERSER_DEFAULTS, output: { ascii_only: false } } } }
    : {}),
  mini: {
    // Collapse the whitespace of the generated templates (base.wxml): mini.minifyXML, docs.taro.zone/docs/config-detail.
    minifyXML: { collapseWhitespace: true },
  },
  h5: {
    // Content-hashed names: the server lets browsers keep them for a year (server/h5-site.ts).
    output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'chunk/[name].[contenthash:8].js' },
    miniCssExtractPluginOption: {
      filename: 'css/[name].[contenthash:8].css',
      chunkFilename: 'css/[name].[contenthash:8].css',
    },
  },
} satisfies UserConfigExport<'webpack5'>
