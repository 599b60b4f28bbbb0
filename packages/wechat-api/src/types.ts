// Request and answer shapes of the WeChat APIs the tools call, with WeChat's own field names (wechat-facts §4, §5).

/** 1 unpublished, 2 published. */
export type RuleState = 1 | 2

/** qrcodejumpadd body for an ordinary link rule. */
export interface JumpAddBody {
  prefix: string
  permit_sub_rule: 1 | 2
  path: string
  open_version: 1 | 2 | 3
  debug_url: string[]
  /** 0 new rule, 1 edit an existing (unpublished) rule. */
  is_edit: 0 | 1
}

/** qrcodejumpadd body for a service-account link: `appid` is the mini program the code opens. */
export interface TicketJumpAddBody {
  prefix: string
  appid: string
  path: string
  is_edit: 0 | 1
}

/** One ordinary rule as qrcodejumpget returns it. */
export interface RemoteRule {
  prefix: string
  permit_sub_rule: 1 | 2
  path: string
  open_version: 1 | 2 | 3
  debug_url: string[]
  state: RuleState
}

/** One service-account link rule as qrcodejumpget (with appid) returns it. */
export interface RemoteTicketRule {
  prefix: string
  path: string
  state: RuleState
}

/** Fields common to both qrcodejumpget answers. */
export interface JumpGetAnswer<R> {
  rule_list: R[]
  qrcodejump_open: number
  list_size: number
  /** Publishes left this month. */
  qrcodejump_pub_quota: number
  /** Service-account variant: every rule, for paging. */
  total_count?: number
}

/** qrcodejumpdownload answer: the verification file. */
export interface VerifyFile {
  file_name: string
  file_content: string
}

/**
 * A qrcode/create request: a `scene_str` (1–64 characters) or a `scene_id` (1–100 000 for a permanent code, any 32-bit
 * id above 0 for a temporary one), and for a temporary code the seconds it lives (WECHAT_LIMITS.ticketExpireSeconds*).
 * The action follows: QR_LIMIT_STR_SCENE, QR_LIMIT_SCENE, or with `expire_seconds` QR_STR_SCENE, QR_SCENE.
 */
export interface TicketRequest {
  scene: string | number
  expire_seconds?: number
}

/** qrcode/create's `action_name`s. */
export type TicketAction = 'QR_LIMIT_STR_SCENE' | 'QR_LIMIT_SCENE' | 'QR_STR_SCENE' | 'QR_SCENE'

/** qrcode/create answer. */
export interface CreatedTicket {
  ticket: string
  /** Absent for permanent codes. */
  expire_seconds?: number
  /** `http://weixin.qq.com/q/…`: what the printed code holds. */
  url: string
}

/** wxacode.getUnlimited (`wxa/getwxacodeunlimit`) body: a mini program code opening `page` with `scene`. */
export interface UnlimitedCodeBody {
  /** At most 32 visible characters from WeChat's set (letters, digits, !#$&'()*+,/:;=?@-._~; never `%`). */
  scene: string
  /** The page the code opens, without a leading `/` or a query (the entry page). */
  page: string
  /** True (WeChat's default): the page must exist in the released version (41030 otherwise). */
  check_path: boolean
  /** Which version the code opens. */
  env_version: 'release' | 'trial' | 'develop'
  /** Pixels, 280–1280 (430 when left out). */
  width: number
}

/** An image WeChat answered: its bytes and content type (`image/jpeg` from WeChat, `image/png` from the fake). */
export interface CodeImage {
  image: Buffer
  contentType: string
}

/** getwxamplinkforshow: an Official Account the follow component may show. */
export interface FollowAccount {
  appid: string
  nickname: string
  headimg: string
}

export interface FollowAccountPage {
  total_num: number
  biz_info_list: FollowAccount[]
}

/** getshowwxaitem answer. */
export interface ShownFollowAccount {
  /** 1 the component may be set. */
  can_open: number
  /** 1 an account is set and shown. */
  is_open: number
  appid: string
  nickname: string
  headimg: string
}

/** cgi-bin/token answer. */
export interface TokenAnswer {
  access_token: string
  expires_in: number
}
