// Taro plugin: makes WeChat DevTools, opened at the project root as the README says, use the appid the build used.
// Taro writes TARO_APP_ID only into dist/project.config.json; the root's project.config.json (tracked, with
// miniprogramRoot "dist/") keeps the tourist appid. DevTools gives project.private.config.json (gitignored, beside
// it) precedence over project.config.json, appid included
// (https://developers.weixin.qq.com/miniprogram/dev/devtools/projectconfig.html), so after each build the appid
// goes there; every other key (DevTools' settings, devtools:conditions' compile conditions) stays as it is.
const fs = require('fs')
const path = require('path')

const PROJECT_CONFIG = 'project.config.json'
const PRIVATE_CONFIG = 'project.private.config.json'

/**
 * The private config text (null: no file yet) with `appid` set. Pure.
 * @returns {{ ok: true, text: string, changed: boolean } | { ok: false, message: string }}
 */
function withAppid(text, appid) {
  let config = {}
  if (text !== null) {
    try {
      config = JSON.parse(text)
    } catch (e) {
      return { ok: false, message: `it is not valid JSON (${e.message})` }
    }
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return { ok: false, message: 'it is not a JSON object' }
  }
  if (config.appid === appid) return { ok: true, text, changed: false }
  config.appid = appid
  return { ok: true, text: `${JSON.stringify(config, null, 2)}\n`, changed: true }
}

/**
 * After a build into `outputPath`: when its appid differs from the tracked project.config.json's (TARO_APP_ID was
 * set), writes it into the root's private config. Without TARO_APP_ID nothing is touched: an appid chosen in
 * DevTools stays. Returns what it did, in one line for the build log (or null when there was nothing to do).
 */
function syncAppid(appPath, outputPath) {
  const built = readAppid(path.join(outputPath, PROJECT_CONFIG))
  if (built === null || built === readAppid(path.join(appPath, PROJECT_CONFIG))) return null
  const file = path.join(appPath, PRIVATE_CONFIG)
  let before = null
  try {
    before = fs.readFileSync(file, 'utf8')
  } catch (e) {
    if (e.code !== 'ENOENT')
      return `DevTools appid: cannot read ${PRIVATE_CONFIG} (${e.message}); not changed.`
  }
  const merged = withAppid(before, built)
  if (!merged.ok) {
    return (
      `DevTools appid: ${PRIVATE_CONFIG} was left untouched because ${merged.message}. ` +
      `Fix it (it holds your DevTools settings) or move it aside, then build again to use appid ${built}.`
    )
  }
  if (!merged.changed) return null
  // Written whole or not at all: DevTools may be reading the file.
  const temp = `${file}.${process.pid}.tmp`
  fs.writeFileSync(temp, merged.text)
  fs.renameSync(temp, file)
  return `DevTools appid: ${built} (TARO_APP_ID) written to ${PRIVATE_CONFIG}; open the project root in DevTools.`
}

function readAppid(file) {
  try {
    const appid = JSON.parse(fs.readFileSync(file, 'utf8')).appid
    return typeof appid === 'string' ? appid : null
  } catch {
    return null
  }
}

/** The plugin: Taro calls it with its context; onBuildFinish runs after every build, watch rebuilds included. */
function devtoolsAppid(ctx) {
  ctx.onBuildFinish(({ error }) => {
    if (error) return
    const line = syncAppid(ctx.paths.appPath, ctx.paths.outputPath)
    if (line) console.log(line)
  })
}

module.exports = devtoolsAppid
module.exports.withAppid = withAppid
module.exports.syncAppid = syncAppid
