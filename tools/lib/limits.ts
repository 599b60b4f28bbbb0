// The limits a rule file is checked against: WeChat's one limits table (@scan-to-order/wechat-api, the seeds' figures)
// with the file's own "limits" overrides applied. Each override is checked, so a typo (`"rule": 100`) is reported
// instead of silently keeping the default.
import { WECHAT_LIMITS, type LimitName } from '@scan-to-order/wechat-api'
import { isObject, isWhole, pointerKey } from '../../src/landing/json-value'
import type { CheckProblem } from './check-problem'

export { WECHAT_LIMITS, type LimitName }

/** Every limit with the rule file's overrides applied. */
export type Limits = Record<LimitName, number>

// Where the seeds and WeChat's current pages differ: an override above the current figure is probably a typo.
const DOCUMENTED_MAX: Partial<Record<LimitName, number>> = {
  rules: WECHAT_LIMITS.rulesCurrentDocs,
  publishesPerMonth: WECHAT_LIMITS.publishesPerMonthCurrentDocs,
}

// Pairs that must stay ordered after overrides.
const ORDERED: Array<[LimitName, LimitName]> = [
  ['sceneStrMin', 'sceneStrMax'],
  ['sceneIdMin', 'sceneIdPermanentMax'],
  ['sceneIdPermanentMax', 'sceneIdTemporaryMax'],
]

/** Applies a rule file's `limits` object to WeChat's defaults; every bad override is a problem at `/limits/…`. */
export function readLimits(overrides: unknown): { limits: Limits; problems: CheckProblem[] } {
  const limits: Limits = { ...WECHAT_LIMITS }
  const problems: CheckProblem[] = []
  if (overrides === undefined) return { limits, problems }
  if (!isObject(overrides)) {
    problems.push({
      severity: 'error',
      pointer: '/limits',
      message: '"limits" must be an object of limit names and numbers.',
      hint: 'Write e.g. "limits": { "rules": 100, "publishesPerMonth": 100 }, or remove it to use the defaults.',
    })
    return { limits, problems }
  }
  for (const [name, value] of Object.entries(overrides)) {
    const pointer = `/limits/${pointerKey(name)}`
    if (!Object.prototype.hasOwnProperty.call(WECHAT_LIMITS, name)) {
      problems.push({
        severity: 'error',
        pointer,
        message: `"${name}" is not a WeChat limit this project knows.`,
        hint: `Use one of: ${Object.keys(WECHAT_LIMITS).join(', ')}.`,
      })
      continue
    }
    const key = name as LimitName
    if (!isWhole(value) || value < 1) {
      problems.push({
        severity: 'error',
        pointer,
        message: `"${name}" must be a positive whole number, got ${JSON.stringify(value)}.`,
        hint: `Write a number like the default, ${WECHAT_LIMITS[key]}.`,
      })
      continue
    }
    limits[key] = value
    const documented = DOCUMENTED_MAX[key]
    if (documented !== undefined && value > documented) {
      problems.push({
        severity: 'warning',
        pointer,
        message: `"${name}" is ${value}, above the ${documented} WeChat's current documentation gives.`,
        hint: `Check the figure (qrcodejumpget reports the live publish quota); ${documented} is the documented most.`,
      })
    }
  }
  for (const [low, high] of ORDERED) {
    if (limits[low] > limits[high]) {
      problems.push({
        severity: 'error',
        pointer: `/limits/${Object.prototype.hasOwnProperty.call(overrides, low) ? low : high}`,
        message: `"${low}" (${limits[low]}) is above "${high}" (${limits[high]}).`,
        hint: `Keep ${low} ≤ ${high}.`,
      })
    }
  }
  return { limits, problems }
}
