// Shared by the package's tests: a fake WeChat per test, a client pointed at it, a clock that records waits, virtual
// time a client and a fake share for the rate tests.
import { FAKE_CREDENTIALS, FakeWechat, type FakeOptions } from '../fake'
import { WechatClient, type ClientConfig, type Clock, type RateSpec } from '../src'

/** Fast rates both sides agree on (WeChat's 5/s would make a test of a thousand calls take minutes). */
export const FAST = { perSecond: 2000, perMinute: 1_000_000 }

/** Starts a fake WeChat on 127.0.0.1 (fast rates unless given). */
export async function startFake(options: FakeOptions = {}): Promise<FakeWechat> {
  const fake = new FakeWechat({ rate: FAST, ...options })
  await fake.start()
  return fake
}

const clients = new Set<WechatClient>()
const lockstepStops = new Set<() => void>()
afterEach(() => {
  for (const c of clients) c.close()
  clients.clear()
  for (const stop of lockstepStops) stop()
  lockstepStops.clear()
})

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

/**
 * A virtual clock a client and a fake share (startInLockstep). Give the client `onSend`, and call `onAnswer` once for
 * every answer it has dealt with: a call that resolved or failed for good, and each refusal it retries (onRetry).
 * `waits` records every sleep.
 */
export type LockstepClock = Clock & { waits: number[]; onSend: () => void; onAnswer: () => void }

/**
 * A fake WeChat at `rate` and the virtual time it shares with one client, for the rate tests. Both read `now`, and a
 * sleep moves it on only once nothing is on its way: every call the client's windows let go has been sent, has
 * reached the fake, and its answer has been dealt with. So the fake meters each call at the very time the client
 * started it, and the client reads each answer at the time it was given, however long the machine takes to carry
 * them: the tests assert what the two limiters decide, never how fast the machine is. The client must have a given
 * token (GIVEN_TOKEN: no token call between a window's start and onSend).
 */
export async function startInLockstep(rate: RateSpec): Promise<{ fake: FakeWechat; clock: LockstepClock }> {
  let now = 0
  let sent = 0
  let answered = 0
  let over = false
  lockstepStops.add(() => (over = true))
  const waits: number[] = []
  const clock: LockstepClock = {
    waits,
    now: () => now,
    onSend: () => void sent++,
    onAnswer: () => void answered++,
    sleep: async (ms) => {
      waits.push(ms)
      // setImmediate runs after the pending promise callbacks: a call its window has just let go reaches onSend
      // first. Then wait (on events, not on a clock) for every call sent so far to be answered and dealt with.
      do {
        // A test that failed midway leaves calls that will never be answered: stop them after it.
        if (over) throw new Error('the test is over')
        await new Promise((resolve) => setImmediate(resolve))
      } while (answered < sent || fake.snapshot().log.length < sent)
      now += ms
    },
  }
  const fake = await startFake({ rate, clock })
  return { fake, clock }
}

/** Both accounts with the fake's given token: no token call. */
export const GIVEN_TOKEN = {
  miniProgram: { token: FAKE_CREDENTIALS.token },
  serviceAccount: { token: FAKE_CREDENTIALS.token },
}

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
