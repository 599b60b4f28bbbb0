// `npm run codes:create -- …`: mini program codes (wxacode.getUnlimited) for many tables at once, each opening the
// entry page with its scene, checked against WeChat's limits and the rule table before any call.
import { WECHAT_LIMITS, type UnlimitedCodeBody } from '@scan-to-order/wechat-api'

import { InputError } from '../lib/errors'
import { defineCommand } from '../shell/command'
import { UsageError } from '../shell/errors'
import { checkCodeScenes, createCodes, describeCodesDryRun } from '../wechat/mini-program-codes'
import { SCENE_OPTIONS, askedScenes } from '../wechat/scenes'
import { commandClient, dryRunRate, loadCheckedRules, rulesPath } from './common'

const USAGE = `Usage: npm run codes:create -- (--scenes FILE | --stores 12-14 --tables 1-20) --images DIR [options]
Makes mini program codes (wxacode.getUnlimited) that open the entry page with scene store=S&table=T (or each
line of FILE), saves each image into DIR with DIR/index.csv, and records the scenes in the rule file's
miniProgramCode.scenes (rules:check and devtools:conditions read them).
  --scenes FILE       one scene per line (at most 32 characters: letters, digits and !#$&'()*+,/:;=?@-._~)
  --stores, --tables  ranges or lists (12-14, 1,3,5-7): scene store=S&table=T for each pair
  --images DIR        where the images go (<scene>.png, or <scene>.<version>.png for trial and develop)
  --env-version V     release (default), trial or develop: the version a code opens
  --no-check-path     let WeChat make codes for a page not released yet (it caps such pages at 60 000)
  --width PX          280 to 1280 (default 430)
  --rules FILE        rule file (default: the project's rules.json)
  --rate R            request rate, e.g. 5/s (default)
  --timeout S         seconds a call may wait for its answer (default 10; also WECHAT_TIMEOUT)
  --dry-run           check the scenes and show what would be done; no credentials, no calls
Every scene is checked before any call: WeChat's length and characters, and that it lands on a page through
miniProgramCode's routes. Images already in DIR are skipped: a stopped run continues when run again. WeChat's busy
answers and 45009 (5 000 codes a minute) are retried; 41030 (page not released), 40129 and 40169 (scene) stop.
Credentials (the mini program's): WECHAT_ACCESS_TOKEN, or WECHAT_APPID + WECHAT_SECRET.`

const ENV_VERSIONS = ['release', 'trial', 'develop'] as const

export const command = defineCommand({
  usage: USAGE,
  options: {
    ...SCENE_OPTIONS,
    images: { type: 'string' },
    'env-version': { type: 'string', default: 'release' },
    'no-check-path': { type: 'boolean', default: false },
    width: { type: 'string' },
    rules: { type: 'string' },
    rate: { type: 'string' },
    timeout: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
  },
  async run({ values }, io) {
    if (!values.images) throw new UsageError('Give --images DIR: the codes are images.', { showUsage: true })
    const envVersion = values['env-version'] as UnlimitedCodeBody['env_version']
    if (!ENV_VERSIONS.includes(envVersion)) {
      throw new UsageError(
        `--env-version must be one of ${ENV_VERSIONS.join(', ')}, got "${values['env-version']}".`
      )
    }
    const width = values.width === undefined ? WECHAT_LIMITS.codeWidthDefault : Number(values.width)
    if (
      !Number.isInteger(width) ||
      width < WECHAT_LIMITS.codeWidthMin ||
      width > WECHAT_LIMITS.codeWidthMax
    ) {
      throw new UsageError(
        `--width must be a whole number from ${WECHAT_LIMITS.codeWidthMin} to ${WECHAT_LIMITS.codeWidthMax}, got "${values.width}".`
      )
    }
    const path = rulesPath(io, values.rules)
    const loaded = loadCheckedRules(io, path)
    const section = loaded.file.miniProgramCode
    if (!section) {
      throw new InputError(
        `${io.shown(path)} has no "miniProgramCode": add { "page": "pages/index/index", "routes": [...] } ` +
          '(see the project rules.json).'
      )
    }
    const scenes = askedScenes(values, io, (s) => checkCodeScenes(s, loaded.ruleTable), 'no code was made')
    const options = {
      rulesPath: path,
      scenes,
      imagesDir: io.path(values.images),
      request: { page: section.page, check_path: !values['no-check-path'], env_version: envVersion, width },
    }
    if (values['dry-run']) {
      for (const line of describeCodesDryRun(options, dryRunRate(io, values.rate))) io.out(line)
      return 0
    }
    const client = commandClient(io, values, ['miniProgram'])
    try {
      return await createCodes(options, client, io)
    } finally {
      client.close()
    }
  },
})
