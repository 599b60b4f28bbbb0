// Shared by the package's tests: a fake WeChat per test, a client pointed at it, a clock that records waits, and a
// port nothing listens on.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { FAKE_CREDENTIALS, FakeWechat, type FakeOptions } from '../fake'
import { WechatClient, type ClientConfig, type Clock } from '../src'

/** Fast rates both sides agree on (WeChat's 5/s would make a test of a thousand calls take minutes). */
export const FAST = { perSecond: 2000, perMinute: 1_000_000 }

/** Starts a fake WeChat on 127.0.0.1 (fast rates unless given). */
export async function startFake(options: FakeOptions = {}): Promise<FakeWechat> {
  const fake = new FakeWechat({ rate: FAST, ...options })
  await fake.start()
  return fake
}

/**
 * Virtual time: `sleep` records the wait and moves `now` on at once, so retry waits and rate windows are asserted,
 * never timed (sindresorhus/ky's retry tests do the same).
 */
export function recordingClock(): Clock & { waits: number[] } {
  let slept = 0
  const waits: number[] = []
  return {
    waits,
    now: () => Date.now() + slept,
    sleep: async (ms) => {
      waits.push(ms)
      slept += ms
    },
  }
}

const clients = new Set<WechatClient>()
afterEach(() => {
  for (const c of clients) c.close()
  clients.clear()
})

/**
 * A client of the fake's default accounts, with fast rates, a recording clock and jitter fixed at its middle; closed
 * after the test.
 */
export function clientOf(fake: FakeWechat, config: Partial<ClientConfig> = {}): WechatClient {
  const credentials = { appid: FAKE_CREDENTIALS.appid, secret: FAKE_CREDENTIALS.secret }
  const client = new WechatClient({
    apiBase: fake.url,
    mpBase: fake.url,
    credentials: { miniProgram: credentials, serviceAccount: credentials },
    rate: FAST,
    clock: recordingClock(),
    random: () => 0.5,
    ...config,
  })
  clients.add(client)
  return client
}

/** A port on 127.0.0.1 that was just free: nothing listens on it, so a connection is refused (nothing is sent). */
export async function closedPort(): Promise<number> {
  const server = http.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
