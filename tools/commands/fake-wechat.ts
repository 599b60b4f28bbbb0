// `npm run fake-wechat`: the tests' fake WeChat, standalone, for trying the tools without touching a real account.
import { FAKE_CREDENTIALS, FakeWechat } from '@scan-to-order/wechat-api/fake'

import { InputError } from '../lib/errors'
import { defineCommand } from '../shell/command'
import { rateOption, wholeNumber } from '../shell/options'

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
    const port = wholeNumber('--port', values.port)
    const delayMs = wholeNumber('--delay', values.delay)
    const rate = values['no-rate'] ? false : rateOption(values.rate)
    const fake = new FakeWechat({
      port,
      rate,
      delayMs,
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
