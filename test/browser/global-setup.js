// Jest globalSetup of the `browser` project: builds the browser app (dist-h5/) once per jest run, so the browser
// tests always drive the build of the current source. H5_SKIP_BUILD=1 reuses the existing dist-h5/.
const taroBuild = require('../taro-build')

module.exports = async function buildOnce() {
  if (process.env.H5_SKIP_BUILD === '1') return
  taroBuild({ type: 'h5', label: 'browser', skip: 'H5_SKIP_BUILD=1' })
}
