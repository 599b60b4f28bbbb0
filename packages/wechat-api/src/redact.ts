/**
 * The one place that keeps secrets out of output. Every message, log line, error and journal record passes through
 * `redact` before it leaves the process: tokens and app secrets must never reach a terminal, a CI log or a file.
 */

const MASK = '***'

// Query parameters and JSON fields that carry a credential, wherever they appear in a URL or a message.
const SECRET_PARAM =
  /((?<![A-Za-z0-9_])(?:access_token|authorizer_access_token|component_access_token|secret|appsecret)=)[^&#\s"'<>]*/gi
const SECRET_FIELD =
  /("(?:access_token|authorizer_access_token|component_access_token|secret|appsecret)"\s*:\s*")[^"]*(")/gi

// Values seen at run time (a fetched token, the configured secret): masked even where no parameter name is next to
// them, e.g. echoed inside an error body.
const known = new Set<string>()

/** Remembers a credential so that `redact` masks it anywhere it appears. Short values are ignored (too common). */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 8) known.add(value)
}

/** Returns `text` with every credential masked: `access_token=…`/`secret=…` parameters, JSON fields, known values. */
export function redact(text: string): string {
  let out = text.replace(SECRET_PARAM, `$1${MASK}`).replace(SECRET_FIELD, `$1${MASK}$2`)
  for (const value of known) {
    if (out.includes(value)) out = out.split(value).join(MASK)
  }
  return out
}
