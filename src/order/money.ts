import type { Fen } from './api-contract'

/** ¥x.xx from integer fen, without floating point: 1050 → "¥10.50", 5 → "¥0.05". */
export function formatFen(fen: Fen): string {
  const sign = fen < 0 ? '-' : ''
  const abs = Math.abs(Math.trunc(fen))
  const cents = abs % 100
  return `${sign}¥${(abs - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`
}
