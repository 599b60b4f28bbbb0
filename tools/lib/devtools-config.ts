// Puts scan conditions into a DevTools config file's text: only the conditions this tool marked are replaced; every
// other condition and every other key stays. A file that is not the JSON shape DevTools writes is refused, untouched.
import { isObject } from '../../src/landing/json-value'
import { CONDITION_MARK, type Condition } from './scan-conditions'

/** The new file text, or why the existing one cannot be edited safely. */
export type MergeResult =
  { ok: true; text: string; kept: number; replaced: number } | { ok: false; message: string; hint: string }

/** Merges `conditions` into `text` (null: no file yet). Pure: the caller reads and writes. */
export function mergeConditions(text: string | null, conditions: readonly Condition[]): MergeResult {
  let config: unknown = {}
  if (text !== null) {
    try {
      config = JSON.parse(text)
    } catch (e) {
      return refuse(`it is not valid JSON (${(e as Error).message})`)
    }
  }
  if (!isObject(config)) return refuse('it is not a JSON object')
  const condition = config.condition ?? {}
  if (!isObject(condition)) return refuse('"condition" is not an object')
  const miniprogram = condition.miniprogram ?? {}
  if (!isObject(miniprogram)) return refuse('"condition.miniprogram" is not an object')
  const list = miniprogram.list ?? []
  if (!Array.isArray(list)) return refuse('"condition.miniprogram.list" is not an array')

  const others = list.filter(
    (c) => !(isObject(c) && typeof c.name === 'string' && c.name.startsWith(CONDITION_MARK))
  )
  // Assigned in place: keys keep their order, so DevTools' own settings do not move around in a diff.
  miniprogram.list = [...others, ...conditions]
  condition.miniprogram = miniprogram
  config.condition = condition
  return {
    ok: true,
    text: `${JSON.stringify(config, null, 2)}\n`,
    kept: others.length,
    replaced: list.length - others.length,
  }
}

function refuse(why: string): MergeResult {
  return {
    ok: false,
    message: `${why}; nothing was written`,
    hint: 'Fix the file by hand (it holds your DevTools settings) or move it aside, then run the command again.',
  }
}
