// `npm run fake-wechat`: the tests' fake WeChat, standalone, for trying the tools without touching a real account.
import { parseArgs } from 'node:util'

import { FAKE_CREDENTIALS, FakeWechat } from '../test/fake-wechat/server'
import { parseRate } from './wechat/rate'

const USAGE = `Usage: npm run fake-wechat -- [--port 8788] [--rate 5/s,200/min | --no-rate] [--delay MS]
Starts a fake WeChat API on 127.0.0.1 (state in memory; control: POST /__fake/control, GET /__fake/state).`

function main(): number {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '8788' },
        rate: { type: 'string' },
        'no-rate': { type: 'boolean', default: false },
        delay: { type: 'string', default: '0' },
        help: { type: 'boolean', default: false },
      },
    }))
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`)
    return 2
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const fake = new FakeWechat({
    port: Number(values.port),
    rate: values['no-rate'] ? false : parseRate(values.rate),
    delayMs: Number(values.delay),
    realImages: true,
  })
  fake.start().then(
    (url) => {
      process.stdout.write(
        [
          `Fake WeChat listening on ${url}`,
          'Point the tools at it (these credentials exist only in the fake):',
          `  export WECHAT_API_BASE=${url}`,
          `  export WECHAT_APPID=${FAKE_CREDENTIALS.appid} WECHAT_SECRET=${FAKE_CREDENTIALS.secret}`,
          `  # or: export WECHAT_ACCESS_TOKEN=${FAKE_CREDENTIALS.token}`,
          `State: curl ${url}/__fake/state   Stop: Ctrl-C`,
          '',
        ].join('\n')
      )
    },
    (e: Error) => {
      process.stderr.write(`Cannot start the fake WeChat: ${e.message}\n`)
      process.exitCode = 1
    }
  )
  const stop = () => void fake.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  return 0
}

process.exitCode = main()
