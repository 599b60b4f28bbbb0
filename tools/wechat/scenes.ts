// The scenes to create codes for: from a file (one a line) or a store × table range, checked before any code is
// created (a permanent code cannot be deleted, and each is one of 100 000).
import { readFileSync } from 'node:fs'

import { WECHAT_LIMITS } from '@scan-to-order/wechat-api'

import type { RuleTable } from '../../src/landing'
import { parsePairs, routeScene } from '../../src/landing/route'
import { InputError } from '../lib/errors'
import { explainError } from '../../src/landing/explain'
import { count } from '../lib/plural'
import { UsageError } from '../shell/errors'
import type { Io } from '../shell/io'

/** Reads one scene per line; blank lines and lines starting with `#` are skipped. */
export function scenesFromFile(path: string): string[] {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new InputError(`Cannot read --scenes ${path}: ${(e as Error).message}`)
  }
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
}

/** `store=S&table=T` for every store and table: `--stores 12-14 --tables 1-20` (lists like `1,3,5-7` too). */
export function scenesFromRanges(stores: string, tables: string): string[] {
  const s = parseRange('--stores', stores)
  const t = parseRange('--tables', tables)
  if (s.length * t.length > WECHAT_LIMITS.permanentTickets) {
    throw new InputError(
      `${s.length} stores × ${t.length} tables is more than WeChat's ${WECHAT_LIMITS.permanentTickets} codes.`
    )
  }
  const out: string[] = []
  for (const store of s) for (const table of t) out.push(`store=${store}&table=${table}`)
  return out
}

function parseRange(flag: string, text: string): number[] {
  const out: number[] = []
  for (const part of text.split(',')) {
    const m = /^\s*(\d{1,9})\s*(?:-\s*(\d{1,9})\s*)?$/.exec(part)
    if (!m) throw new InputError(`${flag} "${text}" is not like 12-14 or 1,3,5-7.`)
    const from = Number(m[1])
    const to = m[2] === undefined ? from : Number(m[2])
    if (to < from) throw new InputError(`${flag} "${part}" runs backwards.`)
    if (out.length + (to - from + 1) > WECHAT_LIMITS.permanentTickets) {
      throw new InputError(`${flag} "${text}" names more than ${WECHAT_LIMITS.permanentTickets} values.`)
    }
    for (let n = from; n <= to; n++) out.push(n)
  }
  return out
}

/** A scene WeChat or the mini program would refuse, and why. */
export interface BadScene {
  scene: string
  why: string
}

/**
 * Checks each scene: 1–64 characters (QR_LIMIT_STR_SCENE), and landing on a page through the rule file's scene
 * routes (the same core the mini program runs), so no code is printed that would open the error page.
 */
export function checkScenes(scenes: readonly string[], ruleTable: RuleTable): BadScene[] {
  const bad: BadScene[] = []
  for (const scene of scenes) {
    if (scene.length < WECHAT_LIMITS.sceneStrMin || scene.length > WECHAT_LIMITS.sceneStrMax) {
      bad.push({
        scene,
        why: `${scene.length} characters; scene_str takes ${WECHAT_LIMITS.sceneStrMin}–${WECHAT_LIMITS.sceneStrMax}.`,
      })
      continue
    }
    const routed = routeScene(ruleTable.sceneRoutes, 'scene', parsePairs(scene))
    if (!routed.ok)
      bad.push({
        scene,
        why: `would land on the error page (${routed.code}): ${explainError(routed).message}`,
      })
  }
  return bad
}

/** The options `askedScenes` reads, as a bulk command declares them. */
export const SCENE_OPTIONS = {
  scenes: { type: 'string' },
  stores: { type: 'string' },
  tables: { type: 'string' },
} as const

/**
 * The scenes a bulk command was asked for — `--scenes FILE`, or `--stores` × `--tables` — without repeats (said on
 * stderr), each checked by `check` before anything is made. Throws a UsageError for the flags, an InputError listing
 * the refused scenes (at most 20, then a count) ending `… refused; <nothing>`.
 */
export function askedScenes(
  values: { scenes?: string; stores?: string; tables?: string },
  io: Io,
  check: (scenes: readonly string[]) => BadScene[],
  nothing: string
): string[] {
  const ranged = values.stores !== undefined || values.tables !== undefined
  if ((values.scenes === undefined) === !ranged || (ranged && (!values.stores || !values.tables))) {
    throw new UsageError('Give either --scenes FILE or both --stores and --tables.', { showUsage: true })
  }
  const asked = values.scenes
    ? scenesFromFile(io.path(values.scenes))
    : scenesFromRanges(values.stores!, values.tables!)
  const scenes = [...new Set(asked)]
  if (scenes.length < asked.length)
    io.err(`${count(asked.length - scenes.length, 'repeated scene')} ignored.`)
  if (scenes.length === 0) throw new InputError('No scenes given.')
  const bad = check(scenes)
  if (bad.length > 0) {
    const lines = [`${count(bad.length, 'scene')} refused; ${nothing}:`]
    for (const b of bad.slice(0, 20)) lines.push(`  ${JSON.stringify(b.scene)}: ${b.why}`)
    if (bad.length > 20) lines.push(`  … and ${bad.length - 20} more`)
    throw new InputError(lines.join('\n'))
  }
  return scenes
}
