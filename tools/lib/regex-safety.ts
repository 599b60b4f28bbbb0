// Is a regular expression safe from catastrophic backtracking (ReDoS)? Asked of recheck
// (https://makenowjust-labs.github.io/recheck/), on its pure-JavaScript checker: no native binary, JVM or worker
// thread, so it runs wherever `npm ci` ran. rules:check asks it of every declared param pattern; a test asks it of
// the core's own regular expressions.
import { checkSync, type Diagnostics, type Parameters } from 'recheck'

/** Safe, or why not: a ReDoS-prone pattern (with an input that makes it backtrack), or one that could not be judged. */
export type RegexVerdict =
  | { safe: true }
  | { safe: false; kind: 'vulnerable'; complexity: string; attack: string }
  | { safe: false; kind: 'unknown'; why: string }

// recheck's own defaults: automata theory where the pattern allows (exact), else seeded fuzzing that runs the
// pattern — which is what catches nested counted repeats such as (a|b|ab){1,64} (finite in theory, 2^32 steps in
// practice). The whole check is bounded: a pattern it cannot judge in time is "unknown", and refused.
const TIMEOUT_MS = 10_000

/**
 * Judges `source` with `flags` as JavaScript would run it. Never throws. `timeoutMs` bounds the whole analysis
 * (default 10 000; `null`: none, for expressions known to be decided by automata, whose verdict then never depends
 * on the machine's speed).
 */
export function regexSafety(
  source: string,
  flags = '',
  { timeoutMs = TIMEOUT_MS }: { timeoutMs?: number | null } = {}
): RegexVerdict {
  let result: Diagnostics
  try {
    result = pureCheck(source, flags, { timeout: timeoutMs })
  } catch (e) {
    return { safe: false, kind: 'unknown', why: (e as Error).message }
  }
  switch (result.status) {
    case 'safe':
      return { safe: true }
    case 'vulnerable':
      return {
        safe: false,
        kind: 'vulnerable',
        complexity: result.complexity.summary,
        attack: result.attack.pattern,
      }
    default:
      return { safe: false, kind: 'unknown', why: describeError(result.error) }
  }
}

// recheck picks its synchronous backend from RECHECK_SYNC_BACKEND at each call; "pure" runs in this thread. A
// value the user set wins; ours is removed again so nothing else in the process sees it.
function pureCheck(source: string, flags: string, parameters: Parameters): Diagnostics {
  const before = process.env.RECHECK_SYNC_BACKEND
  if (before === undefined) process.env.RECHECK_SYNC_BACKEND = 'pure'
  try {
    return checkSync(source, flags, parameters)
  } finally {
    if (before === undefined) delete process.env.RECHECK_SYNC_BACKEND
  }
}

function describeError(error: { kind: string; message?: string }): string {
  switch (error.kind) {
    case 'timeout':
      return 'the analysis did not finish in time'
    case 'unsupported':
      return `recheck does not support it (${error.message ?? 'unsupported syntax'})`
    default:
      return `the analysis failed (${error.kind}${error.message ? `: ${error.message}` : ''})`
  }
}
