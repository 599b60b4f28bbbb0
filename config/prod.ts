import type { UserConfigExport } from '@tarojs/cli'

export default {
  mini: {},
  h5: {
    // Content-hashed names: the server lets browsers keep them for a year (server/h5-site.ts).
    output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'chunk/[name].[contenthash:8].js' },
    miniCssExtractPluginOption: {
      filename: 'css/[name].[contenthash:8].css',
      chunkFilename: 'css/[name].[contenthash:8].css',
    },
  },
} satisfies UserConfigExport<'webpack5'>
