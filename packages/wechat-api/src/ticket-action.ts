import type { TicketAction } from './types'

/**
 * qrcode/create's `action_name` for a kind of code: a numeric `scene_id` or a `scene_str`, temporary (it has
 * `expire_seconds`) or permanent. One table, because the client sends it and the tools name it in their plans.
 */
export function ticketAction(kind: { numeric: boolean; temporary: boolean }): TicketAction {
  if (kind.numeric) return kind.temporary ? 'QR_SCENE' : 'QR_LIMIT_SCENE'
  return kind.temporary ? 'QR_STR_SCENE' : 'QR_LIMIT_STR_SCENE'
}
