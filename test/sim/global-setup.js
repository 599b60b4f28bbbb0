// Jest globalSetup of the `sim` project: builds the mini program once per jest run, so simulator tests always load
// the dist/ of the current source. Jest runs a project's globalSetup once, and only when that project has tests to
// run, so `jest test/unit` or `--selectProjects unit` never builds. SIM_SKIP_BUILD=1 reuses the existing dist/.
const { spawnSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const root = path.resolve(__dirname, '../..')

module.exports = async function buildOnce() {
  // SIM_DIST points the harness at another build (a fixture): not this project's to build.
  if (process.env.SIM_SKIP_BUILD === '1' || process.env.SIM_DIST) return
  const started = Date.now()
  // Jest sets NODE_ENV=test, which would make babel-preset-taro emit CommonJS for node: build as `taro build` does.
  const env = { ...process.env }
  delete env.NODE_ENV
  // The project's own CLI through node: what `npx taro build --type weapp` runs, without npm's start-up.
  const taro = require.resolve('@tarojs/cli/bin/taro', { paths: [root] })
  const build = spawnSync(process.execPath, [taro, 'build', '--type', 'weapp'], {
    cwd: root,
    env,
    encoding: 'utf8',
    // Room for a long error log: past maxBuffer, spawnSync kills the build.
    maxBuffer: 64 * 1024 * 1024,
  })
  const output = `${build.stdout ?? ''}${build.stderr ?? ''}`
  if (build.status !== 0 || !fs.existsSync(path.join(root, 'dist', 'app.js'))) {
    throw new Error(
      `taro build --type weapp failed (exit ${build.status ?? build.signal}):\n${output.slice(-4000) || build.error}`
    )
  }
  process.stderr.write(
    `\nsim: built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s (SIM_SKIP_BUILD=1 skips)\n`
  )
}
