// Four projects: `unit` for the pure core and tools (node), `sim` for the built mini program in
// miniprogram-simulate, `browser` for the built browser app in headless Chromium, and the WeChat API package's own
// tests (`wechat-api`, configured in its folder).
const shared = {
  rootDir: __dirname,
  // TypeScript goes through babel.config.js (babel-preset-taro with preset-typescript), as in `taro build`.
  transform: { '\\.[jt]sx?$': 'babel-jest' },
  // dist/ is the minified build under test: run it as built, never re-transpiled.
  transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist/'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
}

/** @type {import('jest').Config} */
module.exports = {
  // The suite shares a 2-core machine with other work (CI, .ci/run): a test's time bound is for a hang, never a
  // measure of speed. Files that start processes or browsers set their own, longer bounds.
  testTimeout: 60_000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/**/*.test.ts', '<rootDir>/test/tools/**/*.test.ts'],
    },
    {
      ...shared,
      displayName: 'sim',
      // miniprogram-simulate renders through exparser into a DOM.
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/sim/**/*.sim.test.ts'],
      globalSetup: '<rootDir>/test/sim/global-setup.js',
    },
    {
      ...shared,
      displayName: 'browser',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/browser/**/*.browser.test.ts'],
      globalSetup: '<rootDir>/test/browser/global-setup.js',
    },
    '<rootDir>/packages/wechat-api/jest.config.js',
  ],
}
