// Builds one Taro target of this project for a jest project's globalSetup (test/sim/, test/browser/), so their
// tests always load the build of the current source. Jest runs a project's globalSetup once, and only when that
// project has tests to run. The build itself is the bench's (tools/bench/build.ts): one way to run Taro's CLI.
const path = require('path')

const { taroBuild } = require('../tools/bench/build')

const root = path.resolve(__dirname, '..')

/** Runs `taro build --type <type>` in the project (throws with the build's errors when it fails). */
module.exports = function build({ type, label, skip }) {
  const { dist, ms } = taroBuild(root, root, type)
  const where = path.relative(root, dist)
  process.stderr.write(`\n${label}: built ${where}/ in ${(ms / 1000).toFixed(1)} s (${skip} skips)\n`)
}
