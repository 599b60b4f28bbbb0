// Jest globalSetup of the `browser` project: builds the browser (H5) app into dist-h5/ once per jest run, so the
// browser tests always drive the build of the current source. H5_SKIP_BUILD=1 reuses the existing dist-h5/.
const { spawnSync } = require('child_process')
const fs = require('fs')
const path = require('path')

const root = path.resolve(__dirname, '../..')

module.exports = async function buildOnce() {
  if (process.env.H5_SKIP_BUILD === '1') return
  const started = Date.now()
  // Jest sets NODE_ENV=test; `taro build` must pick its own (production), as for the mini program's build.
  const env = { ...process.env }
  delete env.NODE_ENV
  const taro = require.resolve('@tarojs/cli/bin/taro', { paths: [root] })
  const build = spawnSync(process.execPath, [taro, 'build', '--type', 'h5'], {
    cwd: root,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  const output = `${build.stdout ?? ''}${build.stderr ?? ''}`
  if (build.status !== 0 || !fs.existsSync(path.join(root, 'dist-h5', 'index.html'))) {
    throw new Error(
      `taro build --type h5 failed (exit ${build.status ?? build.signal}):\n${output.slice(-4000) || build.error}`
    )
  }
  process.stderr.write(
    `\nbrowser: built dist-h5/ in ${((Date.now() - started) / 1000).toFixed(1)} s (H5_SKIP_BUILD=1 skips)\n`
  )
}
