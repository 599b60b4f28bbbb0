// Builds one Taro target of this project for a jest project's globalSetup (test/sim/, test/browser/), so their
// tests always load the build of the current source. Jest runs a project's globalSetup once, and only when that
// project has tests to run.
const { spawnSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const root = path.resolve(__dirname, '..')

/** Runs `taro build --type <type>` and checks that `entry` (relative to the project) exists after it. */
module.exports = function taroBuild({ type, entry, label, skip }) {
  const started = Date.now()
  // Jest sets NODE_ENV=test, which would make babel-preset-taro emit CommonJS for node: build as `taro build` does.
  const env = { ...process.env }
  delete env.NODE_ENV
  // The project's own CLI through node: what `npx taro build` runs, without npm's start-up.
  const taro = require.resolve('@tarojs/cli/bin/taro', { paths: [root] })
  const build = spawnSync(process.execPath, [taro, 'build', '--type', type], {
    cwd: root,
    env,
    encoding: 'utf8',
    // Room for a long error log: past maxBuffer, spawnSync kills the build.
    maxBuffer: 64 * 1024 * 1024,
  })
  const output = `${build.stdout ?? ''}${build.stderr ?? ''}`
  if (build.status !== 0 || !fs.existsSync(path.join(root, entry))) {
    throw new Error(
      `taro build --type ${type} failed (exit ${build.status ?? build.signal}):\n${output.slice(-4000) || build.error}`
    )
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  process.stderr.write(`\n${label}: built ${path.dirname(entry)}/ in ${seconds} s (${skip} skips)\n`)
}
