import { strings } from '.'

/**
 * Where an order is served, as the customer reads it: 堂食 · 5 号桌, or 外带 — with `pickupNote`, where the order is
 * placed or shown, the takeaway's note on where to collect it.
 */
export function placeText(
  place: { mode: 'dine-in' | 'takeaway'; table: string | null },
  { pickupNote = false } = {}
): string {
  if (place.mode === 'dine-in' && place.table !== null) {
    return `${strings.order.dineIn} · ${strings.order.table(place.table)}`
  }
  return pickupNote ? `${strings.order.takeaway} · ${strings.confirm.takeawayNote}` : strings.order.takeaway
}
