import type { UserConfigExport } from '@tarojs/cli'

export default {
  mini: {
    // Collapse the whitespace of the generated templates (base.wxml): mini.minifyXML, docs.taro.zone/docs/config-detail.
    minifyXML: { collapseWhitespace: true },
  },
} satisfies UserConfigExport<'webpack5'>
