// The follow banner's box in the BUILT styles: WeChat hides an official-account banner smaller than 300 × 84 real
// pixels (wechat-facts §5), and Taro's pxtransform turns every lower-case px into rpx (half as large on a 375 pt-wide
// phone), so the minimum size must reach the wxss in px, written PX in the source.
import fs from 'node:fs'
import path from 'node:path'

import { DEFAULT_DIST } from './harness/mini-program'

/** Every declaration block for `selector` in the built wxss files, as property → value maps. */
function builtRules(selector: string): Array<Record<string, string>> {
  const files = fs
    .readdirSync(DEFAULT_DIST, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.wxss'))
  const found: Array<Record<string, string>> = []
  for (const file of files) {
    const css = fs.readFileSync(path.join(DEFAULT_DIST, file), 'utf8')
    const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    for (const m of css.matchAll(new RegExp(`(?:^|[}\\s,])${escaped}\\s*\\{([^}]*)\\}`, 'g'))) {
      const decls = m[1]
        .split(';')
        .map((d) => d.split(':').map((x) => x.trim()))
        .filter(([prop, value]) => prop && value)
      found.push(Object.fromEntries(decls))
    }
  }
  return found
}

describe('the follow banner in the built wxss', () => {
  it('keeps its minimum size in real pixels: 300px wide, 84px high, not rpx', () => {
    const rules = builtRules('.follow-official-account')
    expect(rules).toHaveLength(1)
    const [rule] = rules
    // CSS units are case-insensitive: 300PX is 300px to WeChat, and the only spelling pxtransform leaves alone.
    expect(rule['min-width']).toMatch(/^300px$/i)
    expect(rule['min-height']).toMatch(/^84px$/i)
  })
})
