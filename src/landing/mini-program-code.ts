import { shownInput } from './limits'
import { percentDecode } from './percent'
import { fail, ok, type Result } from './result'

/** The `rule` a mini program code's landing names: the rule table's section that routed its scene. */
export const CODE_RULE = 'miniProgramCode'

/** wxacode.getUnlimited's `scene`: at most 32 visible characters. */
export const CODE_SCENE_MAX = 32

// WeChat's scene characters (letters, digits, !#$&'()*+,/:;=?@-._~): no `%`, so once decoded a scene is final. The
// length is checked apart, which keeps counted repeats out of the expression.
export const SCENE_CHARS = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/

/**
 * Decodes a mini program code's `scene` launch option, which WeChat URL-encodes once (WeChat's docs: "scene 需要使用
 * decodeURIComponent"). Decoded exactly once: a scene WeChat made never holds `%`, so a decoded `%`, more than 32
 * characters or a character WeChat refuses means it was not made by wxacode.getUnlimited. Never throws.
 */
export function decodeScene(scene: unknown): Result<string> {
  // Every character escaped once is the longest a real scene arrives as; past it, nothing is decoded.
  const decoded = typeof scene === 'string' && scene.length <= CODE_SCENE_MAX * 3 && percentDecode(scene)
  if (!decoded || decoded.length > CODE_SCENE_MAX || !SCENE_CHARS.test(decoded)) {
    return fail(
      'malformed-scene',
      { is: 'scene-malformed' },
      { input: typeof scene === 'string' ? shownInput(scene) : undefined }
    )
  }
  return ok(decoded)
}
