/**
 * WeChat's limits, in one table (wechat-facts §2–§4). Where the seed documents and WeChat's current pages differ, both
 * are listed; users of this package take the seed figure unless told otherwise (the tools read overrides from the
 * rule file), and prefer a live figure (such as `qrcodejump_pub_quota`) whenever WeChat returns one.
 */
export const WECHAT_LIMITS = {
  /** Ordinary link rules per mini program: 10 in seed 004, 100 in current docs. */
  rules: 10,
  rulesCurrentDocs: 100,
  /** debug_url entries per rule. */
  debugUrls: 5,
  /** Rule publishes per month: 20 in seed 004, 100 in current docs (live: qrcodejump_pub_quota). */
  publishesPerMonth: 20,
  publishesPerMonthCurrentDocs: 100,
  /** Service-account links (jump rules) per mini program, and permanent parameter codes per service account. */
  ticketRules: 100_000,
  permanentTickets: 100_000,
  /** `scene_str` length for QR_LIMIT_STR_SCENE. */
  sceneStrMin: 1,
  sceneStrMax: 64,
  /** `scene_id`: 1–100 000 for permanent codes (QR_LIMIT_SCENE); a temporary one (QR_SCENE) is any 32-bit id > 0. */
  sceneIdMin: 1,
  sceneIdPermanentMax: 100_000,
  sceneIdTemporaryMax: 4_294_967_295,
  /** qrcodejumpget (service account): page size for get_type 2, prefixes per get_type 1, rules for get_type 0. */
  pageSize: 200,
  prefixList: 200,
  latestRules: 10_000,
  /** getwxamplinkforshow: records per page. */
  followPageSize: 20,
  /** Calls a second per API (44990) and service-account rule calls a minute. */
  requestsPerSecond: 5,
  ticketCallsPerMinute: 200,
} as const

export type LimitName = keyof typeof WECHAT_LIMITS
