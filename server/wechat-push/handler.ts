// `/wechat/push` over node:http: the envelope is checked before anything is processed (401 bad signature or stale
// timestamp, 400 malformed XML, 413 oversized body), then a scan is answered and remembered for WeChat's retries.
import type http from 'node:http'
import type { RuleTable } from '../../src/landing'
import { splitTarget } from '../request-target'
import { answerPush, NO_REPLY, type LinkTarget } from './answer'
import type { PushConfig } from './config'
import { checkUrl, openPush, sealReply } from './envelope'
import { ReplyMemory } from './reply-memory'

export const PUSH_PATH = '/wechat/push'

/** Bytes of a push body: WeChat's events are well under 2 KB, encrypted ones under 3 KB. */
export const PUSH_BODY_LIMIT = 16 * 1024
// Past this many bytes a body is not read to its end: the connection is dropped after the 413.
const DRAIN_LIMIT = 1024 * 1024

export interface PushHandlerOptions {
  config: PushConfig
  /** The compiled rule table: scenes route through `serviceAccount` like scanned tickets. */
  ruleTable: RuleTable
  target: LinkTarget
  /** One line per push: method, status and what happened; never the query (signatures, openid) or secrets. */
  log?: (line: string) => void
  /** The clock in ms (default `Date.now`). */
  now?: () => number
  memory?: ReplyMemory
}

/** Handles a request when its path is `/wechat/push` (returns true), else leaves it to the caller (false). */
export type PushHandler = (req: http.IncomingMessage, res: http.ServerResponse) => boolean

interface Answer {
  status: number
  body: string
  type: 'text/plain' | 'application/xml'
  /** For the log. */
  note: string
}

const refuse = (status: number, message: string): Answer => ({
  status,
  body: `${message}\n`,
  type: 'text/plain',
  note: message,
})

export function createPushHandler({
  config,
  ruleTable,
  target,
  log,
  now = Date.now,
  memory = new ReplyMemory({ now }),
}: PushHandlerOptions): PushHandler {
  function urlCheck(query: URLSearchParams): Answer {
    const checked = checkUrl(query, config, now())
    if (!checked.ok) return refuse(checked.status, checked.message)
    return { status: 200, body: checked.echo, type: 'text/plain', note: 'URL check passed' }
  }

  function event(query: URLSearchParams, raw: Buffer | null): Answer {
    if (raw === null) return refuse(413, `the body exceeds ${PUSH_BODY_LIMIT} bytes`)
    const opened = openPush(query, raw.toString('utf8'), config, now())
    if (!opened.ok) return refuse(opened.status, opened.message)
    const { fields } = opened
    let reply: string
    let note: string
    const earlier =
      fields.FromUserName && fields.CreateTime && memory.get(fields.FromUserName, fields.CreateTime)
    if (earlier) {
      reply = earlier.reply
      note = `retry (answered as before): ${earlier.summary}`
    } else {
      const answer = answerPush(fields, ruleTable, target, Math.floor(now() / 1000))
      if (!answer.ok) return refuse(400, `malformed event: ${answer.message}`)
      if (answer.event) memory.remember(answer.event.from, answer.event.createTime, answer)
      reply = answer.reply
      note = answer.summary
    }
    // `success` is never sealed: WeChat takes it plain in every mode.
    if (reply === NO_REPLY) return { status: 200, body: reply, type: 'text/plain', note }
    const { safeMode } = config
    const body = safeMode ? sealReply(reply, safeMode, config.token, now()) : reply
    return { status: 200, body, type: 'application/xml', note }
  }

  return (req, res) => {
    const asked = splitTarget(req.url)
    if (asked.path !== PUSH_PATH) return false
    const query = new URLSearchParams(asked.query)
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= PUSH_BODY_LIMIT) chunks.push(chunk)
      else if (size > DRAIN_LIMIT) req.destroy()
    })
    req.on('end', () => {
      let answer: Answer
      try {
        if (req.method === 'GET') answer = urlCheck(query)
        else if (req.method === 'POST')
          answer = event(query, size <= PUSH_BODY_LIMIT ? Buffer.concat(chunks) : null)
        else answer = refuse(405, `${PUSH_PATH} accepts GET and POST`)
      } catch (error) {
        // A bug answers 500 (WeChat retries); the server keeps serving.
        console.error(error)
        answer = refuse(500, 'the push handler failed on this request')
      }
      res.writeHead(answer.status, {
        'Content-Type': `${answer.type}; charset=utf-8`,
        'Content-Length': Buffer.byteLength(answer.body),
        'Cache-Control': 'no-store',
        ...(answer.status === 405 ? { Allow: 'GET, POST' } : {}),
      })
      res.end(answer.body)
      log?.(`${req.method} ${PUSH_PATH} ${answer.status} ${oneLine(answer.note)}`)
    })
    req.on('error', () => res.destroy())
    return true
  }
}

/** A note for the log: parser messages quote the input, so control characters go and length is capped. */
function oneLine(note: string): string {
  const flat = note.replace(/[\u0000-\u001f\u007f]/g, ' ')
  return flat.length > 200 ? `${flat.slice(0, 200)}…` : flat
}
