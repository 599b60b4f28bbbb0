import type { CompiledParam } from './compile-rule-table'

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
  /** The merchant backend could not resolve a ticket the bundled scene map lacks (network, timeout, bad answer). */
  | 'ticket-lookup-failed'

/** Which part of a link a rule rejected it on (the seed-004 error table). */
export type Mismatch = 'protocol' | 'host' | 'path' | 'query'

/** Why one rule did not match a link. */
export interface RuleMiss {
  prefix: string
  mismatch: Mismatch
}

/**
 * What exactly was wrong, beyond the code: a stable word and what it refers to. The package carries only these; the
 * words for developers and tools are src/landing/explain.ts (customers read the code's Chinese text instead).
 */
export type Why =
  | { is: 'q-type'; got: string }
  | { is: 'q-empty' | 'q-not-utf8' }
  | { is: 'q-too-long' | 'link-too-long'; length: number }
  | { is: 'link-characters' | 'link-not-absolute' | 'link-user-info' }
  | { is: 'link-host'; host: string }
  | { is: 'link-port'; port: string }
  | { is: 'no-rule' | 'no-ticket' | 'scene-malformed' }
  /** A temporary ticket past its end (`expire_time`, UNIX seconds). */
  | { is: 'ticket-expired'; end: number }
  /** An event push's scene that only temporary codes past their end carry (the push names no ticket). */
  | { is: 'scene-expired' }
  | { is: 'scene-id'; scene: number }
  /** A mini program code of this app, scanned inside it, that names another page than the entry page. */
  | { is: 'code-page'; page: string }
  | { is: 'no-route'; what: 'link' | 'scene' }
  | { is: 'segment-not-utf8'; segment: string }
  | { is: 'key-not-utf8'; key: string }
  | {
      is:
        | 'param-undeclared'
        | 'param-fixed'
        | 'param-in-path-and-query'
        | 'param-repeated'
        | 'param-not-utf8'
        | 'param-missing'
      param: string
    }
  | { is: 'param-value'; param: string; value: string; spec: Exclude<CompiledParam, { kind: 'const' }> }
  /** The ticket service's answer (`HTTP 500: …`), or why there was none (`timeout`, `network`). */
  | { is: 'ticket-service'; answer: string }
  | { is: 'order-context' }

/** A stage of the landing path that failed: `code` is stable, `why` says what exactly (explain.ts puts it in words). */
export interface LandingError {
  ok: false
  code: LandingErrorCode
  why: Why
  /** The prefix or ticket url that matched, when the failure came after matching. */
  rule?: string
  /** Per-rule reasons, for `no-matching-rule`. */
  explain?: RuleMiss[]
  /** The rejected input, as received (display it escaped and truncated). */
  input?: string
  /** For `unknown-ticket`: the canonical ticket url, to resolve through the merchant backend. */
  ticket?: string
}

/** A stage's result: its next value, or why the scan cannot land. */
export type Result<T> = { ok: true; value: T } | LandingError

/** Builds a failed result. */
export function fail(
  code: LandingErrorCode,
  why: Why,
  extra: Omit<Partial<LandingError>, 'ok' | 'code' | 'why'> = {}
): LandingError {
  return { ok: false, code, why, ...extra }
}

/** Builds a successful result. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value }
}
