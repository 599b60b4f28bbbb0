import type { WechatClient } from '@scan-to-order/wechat-api'

import type { DesiredState, RemoteState } from './plan'

/**
 * Reads what WeChat holds now: the ordinary rules (one call) and, when the file has a service account, every
 * service-account link (paged, 200 a call).
 */
export async function readRemote(
  client: WechatClient,
  desired: DesiredState,
  onPage?: (read: number, total: number) => void
): Promise<RemoteState> {
  const ordinary = await client.getRules()
  const remote: RemoteState = { rules: ordinary.rule_list, pubQuota: ordinary.qrcodejump_pub_quota }
  if (desired.tickets) {
    const all = await client.getAllTicketRules(desired.tickets.appid, onPage)
    remote.ticketRules = all.rules
    remote.ticketTotal = all.totalCount
  }
  return remote
}
