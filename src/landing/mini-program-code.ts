import type { CompiledTable } from './compile-table'
import type { LandingResult } from './land'
import { shownInput } from './limits'
import { percentDecode } from './percent'
import { fail, ok, type Step } from './result'
import { parsePairs, routeScene } from './route'

/** The `rule` a mini program code's landing names: the rule table's section that routed its scene. */
export const CODE_RULE = 'miniProgramCode'

/** wxacode.getUnlimited's `scene`: at most 32 visible characters. */
export const CODE_SCENE_MAX = 32

// WeChat's scene characters (letters, digits, !#$&'()*+,/:;=?@-._~): no `%`, so once decoded a scene is final. The
// length is checked apart, which keeps counted repeats out of the expression.
const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/

const SCENE_HINT = 'Scan the code on the table again.'

/**
 * Decodes a mini program code's `scene` launch option, which WeChat URL-encodes once (WeChat's docs: "scene 需要使用
 * decodeURIComponent"). Decoded exactly once: a scene WeChat made never holds `%`, so a decoded `%`, more than 32
 * characters or a character WeChat refuses means it was not made by wxacode.getUnlimited. Never throws.
 */
export function decodeScene(scene: unknown): Step<string> {
  // Every character escaped once is the longest a real scene arrives as; past it, nothing is decoded.
  const decoded = typeof scene === 'string' && scene.length <= CODE_SCENE_MAX * 3 && percentDecode(scene)
  if (!decoded || decoded.length > CODE_SCENE_MAX || !SCENE_CHARS.test(decoded)) {
    return fail('malformed-scene', 'The scene is not one WeChat makes.', SCENE_HINT, {
      input: typeof scene === 'string' ? shownInput(scene) : undefined,
    })
  }
  return ok(decoded)
}

/** Lands a mini program code's `scene` option through the table's `miniProgramCode` routes. Never throws. */
export function landScene(scene: unknown, table: CompiledTable): LandingResult {
  const decoded = decodeScene(scene)
  if (!decoded.ok) return decoded
  const input = shownInput(decoded.value)
  // Without a miniProgramCode section no route takes a code: routeScene says no-route.
  const step = routeScene(table.codeRoutes ?? [], CODE_RULE, parsePairs(decoded.value))
  return step.ok ? { ok: true, ...step.value } : { ...step, input }
}
