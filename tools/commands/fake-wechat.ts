// `npm run fake-wechat`: the tests' fake WeChat, standalone, for trying the tools without touching a real account.
import { parseRate, type RateSpec } from '@scan-to-order/wechat-api'
import { FAKE_CREDENTIALS, FakeWechat } from '@scan-to-order/wechat-api/fake'

import { InputError } from '../lib/errors'
import { defineCommand } from '../shell/command'
import { UsageError } from '../shell/errors'

const USAGE = `Usage: npm run fake-wechat -- [--port 8788] [--rate 5/s,200/min | --no-rate] [--delay MS]
Starts a fake WeChat API on 127.0.0.1, its state in memory. GET /__fake/state: the state and the call log.
POST /__fake/control with JSON, e.g. {"faults":[{"api":"qrcode/create","answer":"late"},{"code":886000}]}
(also "delayMs", "rate", "pubQuota", "expireTokens": true, "revokeTokens": true).`

export const command = defineCommand({
  usage: USAGE,
  options: {
    port: { type: 'string', default: '8788' },
    rate: { type: 'string' },
    'no-rate': { type: 'boolean', default: false },
    delay: { type: 'string', default: '0' },
  },
  async run({ values }, io) {
    for (const [name, value] of [
      ['--port', values.port],
      ['--delay', values.delay],
    ] as const) {
      if (!/^[0-9]+$/.test(value)) throw new UsageError(`${name} must be a whole number, got "${value}".`)
    }
    let rate: RateSpec | false
    try {
      rate = values['no-rate'] ? false : parseRate(values.rate)
    } catch (e) {
      throw new InputError((e as Error).message)
    }
    const fake = new FakeWechat({
      port: Number(values.port),
      rate,
      delayMs: Number(values.delay),
      realImages: true,
    })
    let url: string
    try {
      url = await fake.start()
    } catch (e) {
      throw new InputError(`Cannot start the fake WeChat: ${(e as Error).message}`)
    }
    io.onInterrupt(() => void fake.close())
    io.out(
      [
        `Fake WeChat listening on ${url}`,
        'Point the tools at it (these credentials exist only in the fake):',
        `  export WECHAT_API_BASE=${url}`,
        `  export WECHAT_APPID=${FAKE_CREDENTIALS.appid} WECHAT_SECRET=${FAKE_CREDENTIALS.secret}`,
        `  # or: export WECHAT_ACCESS_TOKEN=${FAKE_CREDENTIALS.token}`,
        `State: curl ${url}/__fake/state   Stop: Ctrl-C`,
      ].join('\n')
    )
    // Serves until Ctrl-C: the shell ends the run then (the cleanup above closes the server).
    return new Promise<number>(() => undefined)
  },
})
