// WeChat's server push for `npm run api`: the configuration from the environment and the rule table, checked at
// start-up, and the `/wechat/push` handler built from them.
import type { LoadedRuleFile } from '../rule-file'
import { isAppId } from '../../src/landing/json-value'
import { siteOf } from '../../src/landing/site'
import { readPushConfig } from './config'
import { createPushHandler, PUSH_PATH, type PushHandler } from './handler'

export { createPushHandler, PUSH_BODY_LIMIT, PUSH_PATH, type PushHandler } from './handler'
export { readPushConfig, type PushConfig } from './config'

/**
 * The push handler as the environment configures it, routing by the rule table the server loaded (its path
 * names it in messages): `null` without `WECHAT_PUSH_TOKEN` (the path answers 404), or an `error` (bad variables,
 * a rule table without the mini program's appid) to stop start-up with.
 */
export function pushFromEnv(
  env: Record<string, string | undefined>,
  rules: LoadedRuleFile,
  log?: (line: string) => void
): { push: PushHandler | null; summary?: string } | { error: string } {
  const read = readPushConfig(env)
  if ('error' in read) return read
  if (read.config === null) return { push: null }
  const appid: unknown = rules.file.serviceAccount?.appid
  if (!isAppId(appid)) {
    return {
      error: `${rules.path}: serviceAccount.appid must be the mini program's appid ("wx" and 16 hex digits): the push reply's text link opens that mini program.`,
    }
  }
  // For WeChat clients too old to open a mini program link: the store's web site, where its QR links point — the
  // site's first web origin (siteOf, the one place a rule's origin is spelled), first rule first.
  const origin = siteOf(rules.ruleTable).origins.find(
    (o) => o.startsWith('https://') || o.startsWith('http://')
  )
  const href = origin === undefined ? null : `${origin}/`
  const push = createPushHandler({
    config: read.config,
    ruleTable: rules.ruleTable,
    target: { appid, href },
    log,
  })
  const mode = read.config.safeMode ? `safe mode for ${read.config.safeMode.appid}` : 'plaintext mode'
  return { push, summary: `WeChat push on ${PUSH_PATH} (${mode}; links open mini program ${appid})` }
}
