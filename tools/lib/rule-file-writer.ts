// The one writer of the rule file. `rules:sync apply` records each rule's state and `tickets:create` saves every new
// code (url → scene) into the same hand-edited file, possibly at the same time: every write takes the file's one lock
// (`.<name>.lock` beside it), reads the file afresh under it, edits only what changes (./json-edit), checks the result
// and replaces the file atomically. No interleaving of writers loses a line.
import { readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

import type { RuleState } from '@scan-to-order/wechat-api'

import type { RuleTableFile, TicketEntry } from '../../src/landing'
import { writeFileAtomic } from './atomic-file'
import { withLock } from './file-lock'
import { addJsonMembers, appendJsonItems, setJsonValue } from './json-edit'

/** The lock every writer of the rule file at `path` takes. */
export function ruleFileLock(path: string): string {
  return join(dirname(path), `.${basename(path)}.lock`)
}

/**
 * Under the rule file's lock: reads it, asks `edit` for the new text (null: nothing to change), and writes that
 * atomically. Returns whether the file changed. Throws if the file is not valid JSON or the edit does not read back.
 */
export function editRuleFile(
  path: string,
  edit: (text: string, file: RuleTableFile) => string | null
): boolean {
  return withLock(ruleFileLock(path), path, () => {
    const text = readFileSync(path, 'utf8')
    const next = edit(text, JSON.parse(text) as RuleTableFile)
    if (next === null || next === text) return false
    JSON.parse(next) // never write what does not read back
    writeFileAtomic(path, next)
    return true
  })
}

/** Appends the tickets whose url the file does not hold yet (WeChat keeps no copy of url → scene); returns how many. */
export function saveTickets(path: string, entries: readonly TicketEntry[]): number {
  let added = 0
  editRuleFile(path, (text, file) => {
    if (!file.serviceAccount) throw new Error('the rule file has no "serviceAccount"')
    const known = new Set((file.serviceAccount.tickets ?? []).map((t) => t.url))
    const fresh = entries.filter((e) => !known.has(e.url) && known.add(e.url))
    added = fresh.length
    if (fresh.length === 0) return null
    const tickets = fresh.map(({ url, scene, expire_time }) =>
      expire_time === undefined ? { url, scene } : { url, scene, expire_time }
    )
    return appendJsonItems(text, ['serviceAccount', 'tickets'], tickets)
  })
  return added
}

/**
 * Maps new numeric `scene_id`s to their scene strings in `serviceAccount.sceneIds` (ids the file maps already are left
 * as they are); returns how many were added. Saved before the codes are created: an id a code carries must never be
 * without its scene.
 */
export function saveSceneIds(path: string, ids: ReadonlyMap<number, string>): number {
  let added = 0
  editRuleFile(path, (text, file) => {
    if (!file.serviceAccount) throw new Error('the rule file has no "serviceAccount"')
    const known = file.serviceAccount.sceneIds ?? {}
    const fresh = [...ids].filter(([id]) => !Object.prototype.hasOwnProperty.call(known, String(id)))
    added = fresh.length
    return addJsonMembers(
      text,
      ['serviceAccount', 'sceneIds'],
      fresh.map(([id, scene]) => [String(id), scene])
    )
  })
  return added
}

/** Appends mini program code scenes `miniProgramCode.scenes` lacks (codes:create's record); returns how many. */
export function saveCodeScenes(path: string, scenes: readonly string[]): number {
  let added = 0
  editRuleFile(path, (text, file) => {
    if (!file.miniProgramCode) throw new Error('the rule file has no "miniProgramCode"')
    const known = new Set(file.miniProgramCode.scenes ?? [])
    const fresh = scenes.filter((s) => !known.has(s) && known.add(s))
    added = fresh.length
    if (fresh.length === 0) return null
    return appendJsonItems(text, ['miniProgramCode', 'scenes'], fresh)
  })
  return added
}

/**
 * Records `state` (1 unpublished, 2 published) on the ordinary rules named in `states` (prefix → state), so
 * rules:check can tell a published rule from a newer unpublished one. Returns whether the file changed.
 */
export function recordRuleStates(path: string, states: ReadonlyMap<string, RuleState>): boolean {
  return editRuleFile(path, (text, file) => {
    let next = text
    file.rules.forEach((rule, i) => {
      const state = states.get(rule.prefix)
      if (state !== undefined && rule.state !== state) next = setJsonValue(next, ['rules', i, 'state'], state)
    })
    return next
  })
}
