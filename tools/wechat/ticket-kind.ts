// Which kind of service-account code tickets:create makes (wechat-facts §3): permanent or temporary, a scene string
// or a numeric scene_id. A numeric code carries only its id, so each scene gets one in `serviceAccount.sceneIds`,
// saved before the code is made.
import type { RuleTableFile } from '../../src/landing'
import { InputError } from '../lib/errors'
import type { Limits } from '../lib/limits'

export interface CodeKind {
  /** QR_LIMIT_SCENE / QR_SCENE: a numeric scene_id, mapped to the scene string in sceneIds. */
  numeric: boolean
  /** Temporary codes (QR_STR_SCENE / QR_SCENE) living this long; absent: permanent. */
  expireSeconds?: number
}

/** Reads `--numeric` and `--expire-seconds N` (1 to the limits table's figure), or throws an InputError. */
export function codeKind(numeric: boolean, expire: string | undefined, limits: Limits): CodeKind {
  if (expire === undefined) return { numeric }
  const seconds = /^[0-9]{1,10}$/.test(expire) ? Number(expire) : NaN
  if (!(seconds >= 1 && seconds <= limits.ticketExpireSeconds)) {
    throw new InputError(
      `--expire-seconds "${expire}" is not a whole number from 1 to ${limits.ticketExpireSeconds} ` +
        `(WeChat's current docs: at most 2 592 000, 30 days; seed 002 said ${limits.ticketExpireSecondsSeed}).`
    )
  }
  return { numeric, expireSeconds: seconds }
}

/**
 * The scene_id of each scene to create a code for: the one sceneIds already maps it to, else the next free id (above
 * every id in use). `fresh` is what sceneIds must gain. Throws an InputError when the ids run past WeChat's range
 * (1–100 000 for permanent codes).
 */
export function assignSceneIds(
  file: RuleTableFile,
  scenes: readonly string[],
  kind: CodeKind,
  limits: Limits
): { all: Map<string, number>; fresh: Map<number, string> } {
  const known = new Map<string, number>()
  let highest = limits.sceneIdMin - 1
  for (const [id, scene] of Object.entries(file.serviceAccount?.sceneIds ?? {})) {
    const n = Number(id)
    if (!known.has(scene)) known.set(scene, n)
    highest = Math.max(highest, n)
  }
  const max = kind.expireSeconds === undefined ? limits.sceneIdPermanentMax : limits.sceneIdTemporaryMax
  const all = new Map<string, number>()
  const fresh = new Map<number, string>()
  for (const scene of scenes) {
    const id = known.get(scene) ?? ++highest
    if (id > max) {
      throw new InputError(
        `No scene_id is left for "${scene}": ${kind.expireSeconds === undefined ? 'permanent' : 'temporary'} codes ` +
          `take ${limits.sceneIdMin}–${max}, and ids up to ${highest - 1} are in use. Use scene strings (leave out --numeric).`
      )
    }
    if (!known.has(scene)) {
      known.set(scene, id)
      fresh.set(id, scene)
    }
    all.set(scene, id)
  }
  return { all, fresh }
}
