// The mini program code part of rules:check: every scene the rule table lists (the codes made so far) against
// wxacode.getUnlimited's limits, and where each lands through the core, as the entry page receives it.
import { CODE_SCENE_MAX, compileRuleTable, landScene, type RuleTable } from '../../src/landing'
import { SCENE_CHARS } from '../../src/landing/mini-program-code'
import { explainError } from '../../src/landing/explain'
import { isObject } from '../../src/landing/json-value'
import type { Problems } from './check-problem'
import { landingHint } from './describe'

/** Why WeChat would refuse `scene` for a mini program code (40169, 40129), or null when it takes it. */
export function sceneProblem(scene: string): string | null {
  if (scene.length === 0 || scene.length > CODE_SCENE_MAX) {
    return `${scene.length} characters; a mini program code's scene takes 1 to ${CODE_SCENE_MAX} (40169).`
  }
  if (!SCENE_CHARS.test(scene)) {
    return "it has characters WeChat refuses (40129): only letters, digits and !#$&'()*+,/:;=?@-._~ (no %, spaces or Chinese)."
  }
  return null
}

/**
 * Checks `miniProgramCode` of a rule file (its shape is compileRuleTable's; reported already when wrong). `whole`:
 * the whole file compiled, or null when it has compile problems.
 */
export function checkMiniProgramCodes(
  file: Record<string, unknown>,
  whole: RuleTable | null,
  problems: Problems
): void {
  const section = file.miniProgramCode
  if (!isObject(section) || section.scenes === undefined) return
  if (!Array.isArray(section.scenes)) {
    problems.error(
      '/miniProgramCode/scenes',
      '"scenes" must be an array of scene strings.',
      'Write e.g. ["store=12&table=5"].'
    )
    return
  }
  // The whole file's table when it compiles; else the section (and the service account whose routes it may share)
  // alone, so its landings do not wait for the rule links to compile.
  const compiled = whole
    ? { ok: true as const, ruleTable: whole }
    : compileRuleTable({ rules: [], serviceAccount: file.serviceAccount, miniProgramCode: section })
  const seen = new Map<string, number>()
  section.scenes.forEach((scene: unknown, i: number) => {
    const at = `/miniProgramCode/scenes/${i}`
    if (typeof scene !== 'string') {
      problems.error(at, 'A scene must be a string.', 'Write e.g. "store=12&table=5".')
      return
    }
    const first = seen.get(scene)
    if (first !== undefined) {
      problems.warning(
        at,
        `"${scene}" is already /miniProgramCode/scenes/${first}.`,
        'Remove the second copy.'
      )
      return
    }
    seen.set(scene, i)
    const problem = sceneProblem(scene)
    if (problem) {
      problems.error(
        at,
        `"${scene}": ${problem}`,
        'Write the scene as key=value pairs, e.g. store=12&table=5.'
      )
      return
    }
    if (!compiled.ok) return // The routes do not compile (reported): where it lands is not known yet.
    // As the entry page receives it: URL-encoded once by WeChat.
    const landed = landScene(encodeURIComponent(scene), compiled.ruleTable)
    if (!landed.ok) {
      problems.error(
        at,
        `Scanning this code lands on the error page (${landed.code}): ${explainError(landed).message}`,
        landingHint(landed)
      )
    }
  })
}
