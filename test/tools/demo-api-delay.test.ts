// The demo backend's injected delay (API_DELAY_MS, the bench's server delay L): every API answer waits for its timer,
// then leaves whole. The timer is the test's own: nothing here waits for real time to pass.
import http from 'node:http'

import { startDemoApi, type RunningDemoApi } from '../../server/app'
import { checkMenu } from '../../src/order/api-contract'

let api: RunningDemoApi
const held: Array<{ send: () => void; ms: number }> = []
let onHeld: (() => void) | undefined

beforeEach(async () => {
  held.length = 0
  api = await startDemoApi({
    delayMs: 150,
    timer: (send, ms) => {
      held.push({ send, ms })
      onHeld?.()
    },
  })
})
afterEach(() => api.close())

function get(path: string): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, api.url), (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (d: string) => (text += d))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }))
      })
      .on('error', reject)
  })
}

it('holds each API answer for the delay, then sends it whole', async () => {
  const heldOnce = new Promise<void>((resolve) => (onHeld = resolve))
  let answered = false
  const reply = get('/api/stores/12/menu').then((r) => {
    answered = true
    return r
  })
  await heldOnce

  expect(held.map((h) => h.ms)).toEqual([150])
  expect(answered).toBe(false)
  held[0].send()
  const { status, json } = await reply
  expect(status).toBe(200)
  expect(checkMenu(json)).toMatchObject({ ok: true, value: { store: { id: 12, name: '小满面馆' } } })
})

it('delays error answers alike', async () => {
  const heldOnce = new Promise<void>((resolve) => (onHeld = resolve))
  const reply = get('/api/stores/99/menu')
  await heldOnce
  held[0].send()
  expect(await reply).toMatchObject({ status: 404, json: { error: { code: 'unknown-store' } } })
})
