// The package's own tests; the root `npm test` runs them as the `wechat-api` project. TypeScript goes through the
// repository's babel.config.js (`rootMode: 'upward'`, Babel's monorepo set-up), so the package needs no compiler of
// its own.
/** @type {import('jest').Config} */
module.exports = {
  displayName: 'wechat-api',
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '\\.ts$': ['babel-jest', { rootMode: 'upward' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
}
