// What the service account says to a scan: the event's scene goes through the same core and the same rule table
// as a scanned ticket, and the passive text reply carries a mini program text link to where it lands.
import { fail, landTicketScene, pageUrl, type RuleTable, type LandingResult } from '../../src/landing'
import { strings } from '../../src/strings'
import { sceneExpired } from './scene-expiry'
import type { PushFields } from './xml'
import { writeXml } from './xml'

/** Where the text link opens. */
export interface LinkTarget {
  /** The mini program's appid (`serviceAccount.appid`); the service account must be linked to it (关联小程序). */
  appid: string
  /** Where clients too old for mini program links go (WeChat < 6.5.16); `null` leaves `href` out. */
  href: string | null
}

/** WeChat's "received, nothing to say" answer: no reply, no retry. */
export const NO_REPLY = 'success'

export type PushAnswer =
  | {
      ok: true
      /** The body: a passive reply `<xml>`, or `success`. */
      reply: string
      /** What happened, for the log (untrusted parts quoted). */
      summary: string
      /** The event WeChat may retry, as FromUserName + CreateTime: set for scans, whose answers are remembered. */
      event: { from: string; createTime: string } | null
    }
  | { ok: false; message: string }

/** Answers one pushed message. Pure: `now` is UNIX seconds, for the reply's CreateTime. */
export function answerPush(
  fields: PushFields,
  ruleTable: RuleTable,
  target: LinkTarget,
  now: number
): PushAnswer {
  const scene = sceneOf(fields)
  if (scene === null) {
    const kind =
      fields.MsgType === 'event' ? `event ${quote(fields.Event ?? '')}` : quote(fields.MsgType ?? '')
    return { ok: true, reply: NO_REPLY, summary: `${kind}: ${NO_REPLY}`, event: null }
  }
  const { FromUserName: from, ToUserName: to, CreateTime: createTime } = fields
  if (!from || !to || !createTime) {
    return { ok: false, message: 'the event lacks FromUserName, ToUserName or CreateTime' }
  }
  const landed = landScene(scene, ruleTable, now)
  const content = landed.ok
    ? strings.push.landed(textLink(target, pageUrl(landed.page, landed.params).slice(1)))
    : strings.push.notLanded(strings.errors[landed.code])
  const reply = writeXml([
    ['ToUserName', from],
    ['FromUserName', to],
    ['CreateTime', now],
    ['MsgType', 'text'],
    ['Content', content],
  ])
  const where = landed.ok ? pageUrl(landed.page, landed.params) : landed.code
  return {
    ok: true,
    reply,
    summary: `${fields.Event} ${quote(scene)} → ${where}`,
    event: { from, createTime },
  }
}

/** The scene of a scan: `SCAN` carries it in `EventKey`, a new follower's `subscribe` as `qrscene_<scene>`. */
function sceneOf(fields: PushFields): string | null {
  if (fields.MsgType !== 'event') return null
  if (fields.Event === 'SCAN') return fields.EventKey ?? ''
  const key = fields.EventKey ?? ''
  return fields.Event === 'subscribe' && key.startsWith('qrscene_') ? key.slice('qrscene_'.length) : null
}

// A numeric EventKey is a code's `scene_id` (a 32-bit integer, mapped through `sceneIds`); anything else is its
// `scene_str`.
const SCENE_ID = /^[1-9][0-9]{0,9}$/

function landScene(scene: string, ruleTable: RuleTable, now: number): LandingResult {
  const value = SCENE_ID.test(scene) ? Number(scene) : scene
  // The push cannot name the code scanned, only its scene: refused when only expired temporary codes carry it.
  if (sceneExpired(ruleTable, value, now)) {
    return fail('unknown-ticket', { is: 'scene-expired' })
  }
  return landTicketScene(`EventKey ${scene}`, value, ruleTable)
}

// Every part is validated (appid, href) or built by pageUrl from validated params (percent-encoded): none can
// hold a quote or an angle bracket.
function textLink({ appid, href }: LinkTarget, path: string): string {
  const hrefAttribute = href === null ? '' : ` href="${href}"`
  return `<a${hrefAttribute} data-miniprogram-appid="${appid}" data-miniprogram-path="${path}">${strings.push.linkText}</a>`
}

/** Untrusted text for a log line: quoted (control characters escaped) and cut to 64 characters. */
function quote(text: string): string {
  return JSON.stringify(text.length > 64 ? `${text.slice(0, 64)}…` : text)
}
