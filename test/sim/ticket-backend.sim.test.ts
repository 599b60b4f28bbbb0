// A service-account code the package does not bundle: the built app asks the merchant backend (the REAL demo
// backend over HTTP on 127.0.0.1) for its scene, then lands as if the ticket had been bundled.
import { startDemoApi, type RunningDemoApi } from '../../server/app'
import { ticketSceneMap } from '../../server/scene-map'
import { findByText, launch, tap, textOf, type MiniProgram } from './harness'
import { closedPortUrl } from '../fixtures/closed-port'
import { bridgeWxRequest, type Bridge } from './order-api-bridge'

// Issued after the build: in the backend's full scene map, not in the bundled one.
const NEW_TICKET = 'http://weixin.qq.com/q/02issuedAfterTheBuild'
// Temporary codes issued after the build: one still valid for a day, one that expired an hour ago.
const TEMPORARY = 'http://weixin.qq.com/q/02temporaryStillValid'
const EXPIRED = 'http://weixin.qq.com/q/02temporaryExpired'

let api: RunningDemoApi
beforeEach(async () => {
  api = await startDemoApi({
    port: 0,
    tickets: ticketSceneMap([
      { url: NEW_TICKET, scene: 'store=12&table=17' },
      { url: TEMPORARY, scene: 'store=12&table=18', expire_time: nowSeconds() + 86_400 },
      { url: EXPIRED, scene: 'store=12&table=19', expire_time: nowSeconds() - 3600 },
    ]),
  })
})
afterEach(async () => {
  await api.close()
})

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000)
}

async function scan(link: string, target = api.url): Promise<{ mp: MiniProgram; bridge: Bridge }> {
  let bridge: Bridge | undefined
  const mp = await launch({
    query: { q: encodeURIComponent(link), scancode_time: '1700000000' },
    scene: 1011,
    followNavigation: true,
    navigationQuery: 'raw',
    beforeLoad: (app) => {
      bridge = bridgeWxRequest(app, target)
    },
  })
  if (!bridge) throw new Error('beforeLoad did not run')
  return { mp, bridge }
}

describe('a ticket the package does not bundle', () => {
  it('is resolved by the merchant backend and lands on its table', async () => {
    const { mp, bridge } = await scan(NEW_TICKET)

    const call = await mp.waitForNavigation('redirectTo', { timeout: 5000 })
    expect(call.query).toEqual({ store: '12', table: '17', mode: 'dine-in' })
    expect(bridge.requests[0]).toMatchObject({
      method: 'GET',
      path: `/api/tickets/resolve?url=${encodeURIComponent(NEW_TICKET)}`,
    })
  })

  it('is resolved by the same prefix rules when the printed link carries a query', async () => {
    const link = `${NEW_TICKET}?utm_source=poster`
    const { mp, bridge } = await scan(link)

    const call = await mp.waitForNavigation('redirectTo', { timeout: 5000 })
    expect(call.query).toEqual({ store: '12', table: '17', mode: 'dine-in' })
    expect(bridge.requests[0]).toMatchObject({ path: `/api/tickets/resolve?url=${encodeURIComponent(link)}` })
  })

  it('lands on the unknown-ticket error when the backend does not know it either', async () => {
    const { mp, bridge } = await scan('http://weixin.qq.com/q/02neverIssued')

    await mp.waitFor(() => bridge.requests.length === 1, { what: 'the ticket lookup' })
    await mp.waitFor(() => textOf(mp.currentPage).includes('二维码已失效'), {
      what: 'the unknown-ticket error',
    })
    expect(mp.nav.calls).toEqual([])
  })

  it('offers a retry when the backend is down, and the retry lands once it is back', async () => {
    const { mp, bridge } = await scan(NEW_TICKET, await closedPortUrl())

    await mp.waitFor(() => textOf(mp.currentPage).includes('暂时无法识别二维码'), {
      what: 'the lookup-failed error',
      timeout: 8000,
    })
    expect(mp.nav.calls).toEqual([])
    // The bundled tickets never needed the backend; this one did, and said so: the customer can retry.
    bridge.target = api.url
    await tap(findByText(mp.currentPage, '重试'))

    const call = await mp.waitForNavigation('redirectTo', { timeout: 5000 })
    expect(call.query).toEqual({ store: '12', table: '17', mode: 'dine-in' })
  }, 20000)

  it('lands a temporary code before it expires', async () => {
    const { mp } = await scan(TEMPORARY)

    const call = await mp.waitForNavigation('redirectTo', { timeout: 5000 })
    expect(call.query).toEqual({ store: '12', table: '18', mode: 'dine-in' })
  })

  it('lands an expired temporary code on the error screen, like an unknown ticket', async () => {
    const { mp, bridge } = await scan(EXPIRED)

    await mp.waitFor(() => bridge.requests.length === 1, { what: 'the ticket lookup' })
    await mp.waitFor(() => textOf(mp.currentPage).includes('二维码已失效'), {
      what: 'the unknown-ticket error',
    })
    expect(findByText(mp.currentPage, '重新扫码')).toBeTruthy()
    expect(mp.nav.calls).toEqual([])
  })

  it('does not ask the backend for a ticket the package bundles', async () => {
    const { mp, bridge } = await scan('http://weixin.qq.com/q/02demoStoreTicketS12T8')

    await mp.waitForNavigation('redirectTo')
    expect(bridge.requests.filter((r) => r.path.startsWith('/api/tickets'))).toEqual([])
  })
})
