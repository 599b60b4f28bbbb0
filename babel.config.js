// babel-preset-taro is what `taro build` uses; Jest reuses it (plus preset-typescript) for the unit tests.
const taroPreset = require('babel-preset-taro')

const presetEnv = require(
  require.resolve('@babel/preset-env', { paths: [require.resolve('babel-preset-taro')] })
)

/**
 * babel-preset-taro with preset-env's `bugfixes` on (Babel 8's default; the Taro preset does not forward it): for our
 * targets (.browserslistrc) destructuring and default parameters stay native and only the two Safari bugs iOS 13
 * still has are rewritten, instead of every destructuring going through @babel/runtime's slicedToArray family.
 * babeljs.io/docs/babel-preset-env#bugfixes; @babel/compat-data plugin-bugfixes.json.
 */
function taroWithBugfixes(api, options) {
  const config = taroPreset(api, options)
  const env = config.overrides
    .flatMap((override) => override.presets ?? [])
    .find((preset) => preset[0] === presetEnv)
  if (!env)
    throw new Error('babel.config.js: babel-preset-taro no longer adds @babel/preset-env; revisit `bugfixes`')
  env[1] = { ...env[1], bugfixes: true }
  return config
}

module.exports = {
  presets: [
    [
      taroWithBugfixes,
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        // let/const as var, as every build did while Safari 10 was a target: shorter, and terser merges the
        // declarations (1.7 KB less, most of it in taro.js). Same behaviour for any program that runs without a
        // temporal-dead-zone ReferenceError (babel's default, `tdz: false`); loop closures keep their own binding.
        include: ['transform-block-scoping'],
      },
    ],
  ],
}
