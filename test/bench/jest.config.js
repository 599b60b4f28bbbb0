// The bench's own Jest config, run only by `npm run bench` (tools/bench/sections/landing.ts) as a child process:
// `npm test` never picks up test/bench/. It drives a built mini program (SIM_DIST, default dist/) with the sim
// harness, which needs Jest's module registry and spies.
const path = require('path')

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
// A built dist/ runs as built, never re-transpiled: the project's, or the one SIM_DIST names.
const builds = [
  '<rootDir>/dist/',
  ...(process.env.SIM_DIST ? [escape(path.resolve(process.env.SIM_DIST))] : []),
]

/** @type {import('jest').Config} */
module.exports = {
  rootDir: path.join(__dirname, '..', '..'),
  displayName: 'bench',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/test/bench/**/*.bench.ts'],
  transform: { '\\.[jt]sx?$': 'babel-jest' },
  transformIgnorePatterns: ['/node_modules/', ...builds],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
}
