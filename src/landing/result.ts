/** Stable error codes: tests, the `scan` command and the error page depend on these words. */
export type LandingErrorCode =
  | 'malformed-q'
  /** A mini program code's `scene` that WeChat could not have made (not text, too long, characters it refuses). */
  | 'malformed-scene'
  | 'not-a-link'
  | 'no-matching-rule'
  | 'unknown-ticket'
  | 'no-route'
  | 'invalid-param'
  /** The merchant backend could not resolve a ticket the bundled table lacks (network, timeout, bad answer). */
  | 'ticket-lookup-failed'

/** Which part of a link a rule rejected it on (the seed-004 error table). */
export type Mismatch = 'protocol' | 'host' | 'path' | 'query'

/** Why one rule did not match a link. */
export interface RuleMiss {
  prefix: string
  mismatch: Mismatch
}

/** A step of the landing path that failed: `code` is stable, `message` says what was wrong, `hint` what to do. */
export interface LandingError {
  ok: false
  code: LandingErrorCode
  message: string
  hint: string
  /** The prefix or ticket url that matched, when the failure came after matching. */
  rule?: string
  /** Per-rule reasons, for `no-matching-rule`. */
  explain?: RuleMiss[]
  /** The rejected input, as received (display it escaped and truncated). */
  input?: string
  /** For `unknown-ticket`: the canonical ticket url, to resolve through the merchant backend. */
  ticket?: string
}

/** A step's result: its next value, or why the scan cannot land. */
export type Step<T> = { ok: true; value: T } | LandingError

/** Builds a failed step. */
export function fail(
  code: LandingErrorCode,
  message: string,
  hint: string,
  extra: Omit<Partial<LandingError>, 'ok' | 'code' | 'message' | 'hint'> = {}
): LandingError {
  return { ok: false, code, message, hint, ...extra }
}

/** Builds a successful step. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value }
}
