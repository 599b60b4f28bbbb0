import type { PageInstance } from './types'

export interface SetDataCall {
  /** UTF-8 bytes of the JSON payload: what WeChat counts against its setData size limit. */
  bytes: number
  /** The data paths set, e.g. `root.cn.[0].v`. */
  paths: string[]
  /** `performance.now()` when the call was made. */
  at: number
}

export interface SetDataStats {
  calls: number
  bytes: number
  log: SetDataCall[]
}

/** Byte length of `text` as UTF-8, without relying on TextEncoder (absent from Jest's jsdom). */
export function utf8Bytes(text: string): number {
  let bytes = 0
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0
    bytes += code <= 0x7f ? 1 : code <= 0x7ff ? 2 : code <= 0xffff ? 3 : 4
  }
  return bytes
}

/**
 * Wraps one page instance's `setData` to count calls and payload bytes (`applied` runs after each call is applied). Taro renders every node of the page,
 * including those inside its recursive `comp`, through the page's `setData`, so this is the page's whole traffic.
 */
export function countSetData(instance: PageInstance, applied?: (call: SetDataCall) => void): SetDataStats {
  const stats: SetDataStats = { calls: 0, bytes: 0, log: [] }
  const original = instance.setData
  instance.setData = function (data, callback) {
    const bytes = utf8Bytes(JSON.stringify(data))
    stats.calls += 1
    stats.bytes += bytes
    const call = { bytes, paths: Object.keys(data), at: performance.now() }
    stats.log.push(call)
    const result = original.call(this, data, callback)
    // The simulator applies setData to the page's DOM before returning.
    applied?.(call)
    return result
  }
  return stats
}
