// `npm run api`: the demo order backend on 127.0.0.1 (API_PORT, default 3001). Ctrl-C stops it.
import { startDemoApi } from './app'
import { DEMO_STORES } from './demo-menu'
import { loadTicketBook } from './ticket-book'
import { pushFromEnv } from './wechat-push'

/** Where to listen, from the environment: API_PORT (0-65535, default 3001) and API_HOST (default 127.0.0.1). */
export function listenOptions(
  env: Record<string, string | undefined>
): { port: number; host: string } | { error: string } {
  const rawPort = env.API_PORT ?? '3001'
  if (!/^\d{1,5}$/.test(rawPort) || Number(rawPort) > 65535) {
    return { error: `API_PORT must be a port number 0-65535, got ${JSON.stringify(rawPort)}` }
  }
  return { port: Number(rawPort), host: env.API_HOST || '127.0.0.1' }
}

async function main(): Promise<void> {
  const listen = listenOptions(process.env)
  if ('error' in listen) {
    console.error(listen.error)
    process.exit(2)
  }
  let tickets
  try {
    tickets = loadTicketBook(process.env.RULES || undefined)
  } catch (error) {
    console.error(`Cannot read the ticket table: ${(error as Error).message}`)
    process.exit(2)
  }
  const log = (line: string) => console.log(line)
  const push = pushFromEnv(process.env, log)
  if ('error' in push) {
    console.error(push.error)
    process.exit(2)
  }
  try {
    const api = await startDemoApi({ ...listen, tickets, log, push: push.push })
    if (push.summary) console.log(push.summary)
    const stores = DEMO_STORES.map((s) => `${s.menu.store.id} ${s.menu.store.name}`).join(', ')
    console.log(`Demo order API listening on ${api.url} (stores: ${stores}; ${tickets.size} tickets)`)
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
