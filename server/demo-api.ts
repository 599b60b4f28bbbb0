// `npm run api`: the demo order backend on 127.0.0.1 (API_PORT, default 3001), and the browser build at the
// printed link (server/h5-site.ts). Ctrl-C stops it.
import { join } from 'node:path'

import { siteOf } from '../src/landing/site'
import { startDemoApi } from './app'
import { DEMO_STORES } from './demo-menu'
import { createH5Site } from './h5-site'
import { DEFAULT_RULES_FILE, firstProblem, loadRuleFile } from './rule-file'
import { sceneMapOf } from './scene-map'
import { pushFromEnv } from './wechat-push'

const ROOT = join(__dirname, '..')

/**
 * Where to listen, from the environment: API_PORT (0-65535, default 3001) and API_HOST (default 127.0.0.1); and
 * API_DELAY_MS (0-60000, default 0), how late every API answer leaves, to try the app on a slow network.
 */
export function listenOptions(
  env: Record<string, string | undefined>
): { port: number; host: string; delayMs: number } | { error: string } {
  const rawPort = env.API_PORT ?? '3001'
  if (!/^\d{1,5}$/.test(rawPort) || Number(rawPort) > 65535) {
    return { error: `API_PORT must be a port number 0-65535, got ${JSON.stringify(rawPort)}` }
  }
  const rawDelay = env.API_DELAY_MS ?? '0'
  if (!/^\d{1,5}$/.test(rawDelay) || Number(rawDelay) > 60000) {
    return { error: `API_DELAY_MS must be a whole number of ms 0-60000, got ${JSON.stringify(rawDelay)}` }
  }
  return { port: Number(rawPort), host: env.API_HOST || '127.0.0.1', delayMs: Number(rawDelay) }
}

async function main(): Promise<void> {
  const listen = listenOptions(process.env)
  if ('error' in listen) {
    console.error(listen.error)
    process.exit(2)
  }
  const rules = loadRuleFile(process.env.RULES || DEFAULT_RULES_FILE, 'RULES')
  if (!rules.ok) {
    console.error(firstProblem(rules.path, rules.problems))
    process.exit(2)
  }
  const tickets = sceneMapOf(rules.ruleTable)
  const site = siteOf(rules.ruleTable)
  const h5 = createH5Site({
    site,
    dist: process.env.H5_DIST || join(ROOT, 'dist-h5'),
    webRoot: process.env.WEB_ROOT || join(ROOT, 'www'),
  })
  const log = (line: string) => console.log(line)
  const push = pushFromEnv(process.env, rules, log)
  if ('error' in push) {
    console.error(push.error)
    process.exit(2)
  }
  try {
    const api = await startDemoApi({ ...listen, tickets, site: h5, log, push: push.push })
    if (push.summary) console.log(push.summary)
    const stores = DEMO_STORES.map((s) => `${s.menu.store.id} ${s.menu.store.name}`).join(', ')
    const late = listen.delayMs > 0 ? `; every answer ${listen.delayMs} ms late (API_DELAY_MS)` : ''
    console.log(`Demo order API listening on ${api.url} (stores: ${stores}; ${tickets.size} tickets${late})`)
    if (h5.missing) console.warn(h5.missing)
    else {
      const paths = site.prefixes.map((p) => `${api.url}${p.path}${p.subtree ? '…' : ''}`).join(', ')
      console.log(`Browser build served at ${paths} (as ${site.origins.join(', ')})`)
    }
    const stop = () => void api.close().then(() => process.exit(0))
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    console.error(
      code === 'EADDRINUSE'
        ? `Port ${listen.port} is in use: stop the other process or set API_PORT.`
        : `Cannot start the demo API: ${String(error)}`
    )
    process.exit(1)
  }
}

if (require.main === module) void main()
