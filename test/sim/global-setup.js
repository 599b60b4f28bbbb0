// Jest globalSetup of the `sim` project: builds the mini program (dist/) once per jest run, so simulator tests
// always load the dist/ of the current source. SIM_SKIP_BUILD=1 reuses the existing dist/.
const taroBuild = require('../taro-build')

module.exports = async function buildOnce() {
  // SIM_DIST points the harness at another build (a fixture): not this project's to build.
  if (process.env.SIM_SKIP_BUILD === '1' || process.env.SIM_DIST) return
  taroBuild({ type: 'weapp', label: 'sim', skip: 'SIM_SKIP_BUILD=1' })
}
