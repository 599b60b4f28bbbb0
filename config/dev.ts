import type { UserConfigExport } from '@tarojs/cli'

export default {
  logger: { quiet: false, stats: true },
  mini: {},
  h5: {
    // dev:h5: webpack's dev server on this machine only; the order API (npm run api) through it, same origin.
    devServer: {
      host: '127.0.0.1',
      open: false,
      proxy: { '/api': process.env.TARO_APP_API_BASE || 'http://127.0.0.1:3001' },
    },
  },
} satisfies UserConfigExport<'webpack5'>
