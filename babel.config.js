// babel-preset-taro is what `taro build` uses; Jest reuses it (plus preset-typescript) for the unit tests.
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
      },
    ],
  ],
}
