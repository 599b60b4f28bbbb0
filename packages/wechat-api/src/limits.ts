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
  /**
   * qrcodejumpadd calls for service-account rules over the mini program's whole life (seed 000: "the total number of
   * calls … is 100 000"): every add and every edit spends one, and deleting a link gives none back.
   */
  ticketRuleAdds: 100_000,
  /**
   * A temporary code's `expire_seconds` (QR_SCENE, QR_STR_SCENE): at most 2 592 000 (30 days) in current docs, 1 800
   * in seed 002; 60 when the request leaves it out. Unlike the other pairs the current figure is the default: asking
   * too much cannot make a code that does not work, because qrcode/create answers the `expire_seconds` it granted
   * and that live figure is what the rule table records (`expire_time`).
   */
  ticketExpireSeconds: 2_592_000,
  ticketExpireSecondsSeed: 1800,
  ticketExpireSecondsDefault: 60,
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
  /**
   * wxacode.getUnlimited (mini program codes): `scene` of at most 32 visible characters from WeChat's set (no `%`),
   * `width` 280–1280 px (430 when left out), 5 000 calls a minute (45009 past it); the number of codes is unlimited.
   */
  codeSceneMax: 32,
  codeWidthMin: 280,
  codeWidthMax: 1280,
  codeWidthDefault: 430,
  codeCallsPerMinute: 5000,
} as const

export type LimitName = keyof typeof WECHAT_LIMITS
