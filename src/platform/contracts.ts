// What the platform services return, shared by their weapp and h5 implementations (Taro picks `x.weapp.ts` or
// `x.h5.ts` for an import of `x` at build time; see README "One codebase, two targets").
import type { ApiBase } from '../order/api-base'
import type { Transport } from '../order/api-client'

/** What the camera read: the raw QR content, or why there is none (`error: null`: no landing error, the camera failed). */
export type CameraScan =
  | { kind: 'content'; content: string }
  /** A mini program code of this app: WeChat gives the path it opens (`pages/index/index?scene=…`), not content. */
  | { kind: 'code'; path: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: null }

/** How this build reaches the order API, or why it cannot (said in the developer's console). */
export type ApiConnection = { ok: true; base: string; transport: Transport } | Extract<ApiBase, { ok: false }>
