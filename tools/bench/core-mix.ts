// A realistic mix of `q` launch options for the core throughput figure: mostly good table and counter codes,
// some service-account tickets, and the malformed and hostile content a public QR code also meets. Seeded, so
// every run measures the same inputs.
import type { RuleTableFile } from '../../src/landing'

/** A small deterministic PRNG (mulberry32): the mix must not change between runs. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface MixEntry {
  kind: 'dine-in' | 'takeaway' | 'ticket' | 'malformed' | 'hostile'
  q: string
}

/** Share of each kind in the mix (sums to 1). */
export const MIX_WEIGHTS: Record<MixEntry['kind'], number> = {
  'dine-in': 0.45,
  takeaway: 0.2,
  ticket: 0.15,
  malformed: 0.1,
  hostile: 0.1,
}

const HOSTILE = [
  'https://shop.example.com@evil.com/s/12/t/5',
  'https://shop.example.com.evil.com/s/12/t/5',
  'https://shop.exarnple.com/s/12/t/5',
  'https://shop.example.com/s/..%2F..%2Fadmin',
  'https://shop.example.com/s/12/t/5?mode=takeaway&page=pages/admin/index',
  'https://shop.example.com/s/12?__proto__=1',
  `https://shop.example.com/s/12/t/${'9'.repeat(400)}`,
  'javascript:alert(1)//shop.example.com/s/12',
]
const MALFORMED = ['%E0%A4%A', '%', '%E4%BD%A0%%E5%A5%BD', 'not a link', '%FF%FE', 'https%3A%2F%2F']

/** `count` encoded `q` values drawn from the weights; `file` supplies the ticket urls. */
export function coreMix(file: RuleTableFile, count = 2000, seed = 6): MixEntry[] {
  const random = seeded(seed)
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]
  const tickets = (file.serviceAccount?.tickets ?? []).map((t) => t.url)
  const kinds = Object.entries(MIX_WEIGHTS) as Array<[MixEntry['kind'], number]>
  const out: MixEntry[] = []
  for (let i = 0; i < count; i++) {
    let r = random()
    const kind = kinds.find(([, w]) => (r -= w) < 0)?.[0] ?? 'dine-in'
    const store = 1 + Math.floor(random() * 99999)
    const table = `${pick(['', 'A', 'B-'])}${1 + Math.floor(random() * 60)}`
    let q: string
    switch (kind) {
      case 'dine-in':
        q = encodeURIComponent(`https://shop.example.com/s/${store}/t/${table}`)
        break
      case 'takeaway':
        q = encodeURIComponent(`https://shop.example.com/s/${store}${random() < 0.5 ? '?mode=takeaway' : ''}`)
        break
      case 'ticket':
        // Known tickets and a share of unknown ones (new or retired codes).
        q = encodeURIComponent(
          tickets.length > 0 && random() < 0.8 ? pick(tickets) : `http://weixin.qq.com/q/02unknown${store}`
        )
        break
      case 'malformed':
        q = pick(MALFORMED)
        break
      case 'hostile':
        q = encodeURIComponent(pick(HOSTILE))
        break
    }
    out.push({ kind, q })
  }
  return out
}
