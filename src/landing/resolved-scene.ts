import { fail, type LandingError } from './result'

/**
 * Reads the merchant backend's answer for a ticket (`{ "scene": "store=12&table=5" }` or `{ "scene": 1001 }`).
 * The answer crosses the network, so it is checked like any other untrusted input: WeChat's scene_str is 1–64
 * characters, scene_id a positive 32-bit number.
 */
export function readResolvedScene(
  body: unknown,
  url: string
): { ok: true; scene: string | number } | LandingError {
  const scene = typeof body === 'object' && body !== null ? (body as { scene?: unknown }).scene : undefined
  if (typeof scene === 'string' && scene.length >= 1 && scene.length <= 64) return { ok: true, scene }
  if (typeof scene === 'number' && Number.isInteger(scene) && scene > 0 && scene <= 0xffffffff)
    return { ok: true, scene }
  return fail(
    'ticket-lookup-failed',
    'The ticket service answered without a valid scene.',
    'Try again in a moment.',
    {
      rule: url,
    }
  )
}
