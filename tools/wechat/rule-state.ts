// After a complete apply every ordinary rule is published: record `state: 2` in the rule file, so rules:check can
// tell a published broader rule from a newer, unpublished more specific one that would swallow its links.
import { readFileSync } from 'node:fs'
import { format, resolveConfig } from 'prettier'

import type { RuleTableFile } from '../../src/landing'
import { writeFileAtomic } from './atomic-file'

/** Marks every ordinary rule of the file at `rulesPath` published; rewrites it (atomically) only if that changes it. */
export async function recordPublished(rulesPath: string): Promise<boolean> {
  // Read again now: tickets:create may have saved codes into the file while apply ran.
  const text = readFileSync(rulesPath, 'utf8')
  const file = JSON.parse(text) as RuleTableFile
  if (file.rules.every((rule) => rule.state === 2)) return false
  file.rules = file.rules.map((rule) => ({ ...rule, state: 2 }))
  // Formatted like the rest of the repo, so the diff is the state lines and `prettier --check` stays clean.
  const options = (await resolveConfig(rulesPath)) ?? {}
  writeFileAtomic(rulesPath, await format(JSON.stringify(file), { ...options, filepath: rulesPath }))
  return true
}
