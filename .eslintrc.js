// Legacy config: eslint-config-taro 4 peers on ESLint 8.
module.exports = {
  root: true,
  extends: ['taro/react', 'plugin:@typescript-eslint/recommended'],
  parser: '@typescript-eslint/parser',
  plugins: ['@typescript-eslint', 'react-hooks'],
  rules: {
    'react/jsx-uses-react': 'off',
    'react/react-in-jsx-scope': 'off',
    'react-hooks/rules-of-hooks': 'error',
    'react-hooks/exhaustive-deps': 'warn',
    'import/no-commonjs': 'off',
    '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
  },
  overrides: [
    {
      // The landing core and the order domain (cart, money, the order API contract and client) are pure
      // TypeScript: they run unchanged in the mini program, the browser, the demo backend, the tools and the tests.
      files: ['src/landing/**/*.ts', 'src/order/**/*.ts'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                group: ['@tarojs/*', 'react', 'react/*', 'react-dom'],
                message: 'src/landing and src/order stay free of Taro and React.',
              },
            ],
          },
        ],
        'no-restricted-globals': [
          'error',
          { name: 'wx', message: 'src/landing and src/order do not touch the wx API.' },
          'URL',
          'URLSearchParams',
        ],
      },
    },
    {
      // The WeChat API package stands alone: nothing from the app, the tools or the tests above it.
      files: ['packages/wechat-api/**/*'],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              { group: ['../../*'], message: 'packages/wechat-api imports nothing outside itself.' },
            ],
          },
        ],
      },
    },
    {
      files: ['test/**/*', 'tools/**/*', 'config/**/*', 'packages/**/*', '*.js'],
      env: { node: true, jest: true },
      rules: { '@typescript-eslint/no-var-requires': 'off', '@typescript-eslint/no-require-imports': 'off' },
    },
  ],
  ignorePatterns: ['dist/', 'dist-h5/', 'node_modules/', 'coverage/', 'out/'],
}
