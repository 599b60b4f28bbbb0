/**
 * The rule table file (`rules.json`): the single source of truth for routing, the rules registered with WeChat,
 * DevTools compile conditions and the testers' QR sheet. WeChat-facing fields keep WeChat's own names.
 */
export interface RuleTableFile {
  /** Overrides of WeChat's limits (defaults are the seeds' figures; see tools' limits table). */
  limits?: Record<string, number>
  /** Ordinary link QR rules, as registered with `qrcodejumpadd`. */
  rules: RuleEntry[]
  /** Service-account parameter QR codes registered as jump rules. */
  serviceAccount?: ServiceAccountEntry
  /** Mini program codes (wxacode.getUnlimited): their `scene` in the entry page's query, routed like a ticket's. */
  miniProgramCode?: MiniProgramCodeEntry
}

/** One ordinary link QR rule. */
export interface RuleEntry {
  /** The registered prefix, e.g. `https://m.example.com/s/`. */
  prefix: string
  /** 1: do not reserve sub-rules, 2: reserve them. */
  permit_sub_rule: 1 | 2
  /** Version testers open through `debug_url`: 1 develop, 2 trial, 3 release. */
  open_version: 1 | 2 | 3
  /** Test links (at most 5): each must match this rule. */
  debug_url: string[]
  /** WeChat's state after the last sync: 1 unpublished, 2 published. Unknown when absent. */
  state?: 1 | 2
  /** How a matched link becomes a page; a rule without routes matches but lands on `no-route`. */
  routes?: RouteEntry[]
}

/** The service account whose parameter QR codes open this mini program. */
export interface ServiceAccountEntry {
  /** This mini program's appid, as `qrcodejumpadd` takes it for service-account rules (the token is the service account's). */
  appid: string
  /** Ticket url → scene, kept by us because WeChat stores none. `scene` is a `scene_str` or a numeric `scene_id`. */
  tickets: TicketEntry[]
  /** Numeric `scene_id` → the scene string it stands for (`store=12&table=5`). */
  sceneIds?: Record<string, string>
  /** How a scene string becomes a page: its `key=value` pairs are the params. */
  routes?: RouteEntry[]
}

/** One service-account parameter QR code. */
export interface TicketEntry {
  /** The code's url, `http://weixin.qq.com/q/…`, as `qrcode/create` returned it. */
  url: string
  /** `scene_str` (1–64 characters) or `scene_id`. */
  scene: string | number
  /**
   * A temporary code's end (QR_SCENE, QR_STR_SCENE), UNIX seconds: from then on it lands like an unknown ticket.
   * Absent for a permanent code.
   */
  expire_time?: number
}

/** The mini program codes that open this mini program: the page they name and how their scene becomes a page. */
export interface MiniProgramCodeEntry {
  /** The page every code names (`page` of wxacode.getUnlimited): the entry page, which reads `scene`. */
  page: string
  /**
   * How a scene string becomes a page: its `key=value` pairs are the params (as for service-account scenes); or
   * `"serviceAccount"`: the very routes of `serviceAccount`, written (and bundled) once.
   */
  routes?: RouteEntry[] | 'serviceAccount'
  /** The scenes of the codes made so far (codes:create records them): checked, and offered as DevTools conditions. */
  scenes?: string[]
}

/** How a link (path + query) or a scene becomes a page and its params. */
export interface RouteEntry {
  /** The page, one of the app's pages (never the entry page). */
  page: string
  /** Path pattern for link rules, `:name` capturing one segment: `/s/:store/t/:table`. Absent for scenes. */
  path?: string
  /**
   * Every param the page receives, with its type. A link's query key that no route of its rule declares is ignored
   * (never passed on); a scene's must be declared.
   */
  params: Record<string, ParamSpec>
}

/** A declared param. Values are validated before any navigation. */
export type ParamSpec =
  | { type: 'int'; min?: number; max?: number; optional?: boolean; default?: number }
  | { type: 'string'; pattern: string; maxLength?: number; optional?: boolean; default?: string }
  | { type: 'enum'; values: readonly string[]; optional?: boolean; default?: string }
  | { const: string | number }
