// `follow-account list|get|set` against the fake WeChat, in-process through the shell.
import type { FakeWechat } from '@scan-to-order/wechat-api/fake'

import { runInProcess } from '../run-tool'
import { FAKE_CREDENTIALS, cliEnv, startFake } from './helpers'

let fake: FakeWechat
beforeAll(async () => {
  fake = await startFake()
})
afterAll(async () => {
  await fake.close()
})

const follow = (args: string[]) =>
  runInProcess('follow-account', args, { env: cliEnv(fake, { WECHAT_ACCESS_TOKEN: FAKE_CREDENTIALS.token }) })

describe('follow-account', () => {
  it('lists, sets, reads and switches off the shown Official Account', async () => {
    const list = await follow(['list'])
    expect(list.status).toBe(0)
    expect(list.stdout).toBe('wxf0110w0000000001  Demo Store News\nwxf0110w0000000002  Demo Store Deals\n')

    expect((await follow(['set', '--appid', 'wxf0110w0000000002'])).status).toBe(0)
    expect(fake.snapshot().shown).toEqual({ is_open: 1, appid: 'wxf0110w0000000002' })
    const get = await follow(['get', '--json'])
    expect(JSON.parse(get.stdout)).toMatchObject({
      is_open: 1,
      appid: 'wxf0110w0000000002',
      nickname: 'Demo Store Deals',
    })

    expect((await follow(['set', '--off'])).stdout).toContain('off')
    expect(fake.snapshot().shown.is_open).toBe(0)
  })

  it('refuses an account the component may not show, naming the ones it may', async () => {
    const r = await follow(['set', '--appid', 'wxnotlinked'])
    expect(r.status).toBe(2)
    expect(r.stderr).toContain('wxf0110w0000000001, wxf0110w0000000002')
  })
})
