// Small checks for JSON read from a file or a request, shared by the core, the order domain, the tools and the
// server: one definition each (pure, so everything above src/landing may import it).

/** True for a JSON object (not null, not an array): what a rule file's sections, routes and params must be. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

/** True for a whole number JavaScript holds exactly (a safe integer). */
export function isWhole(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n)
}

/** True for an appid as WeChat issues them: "wx" and 16 hex digits (mini programs and service accounts alike). */
export function isAppId(v: unknown): v is string {
  return typeof v === 'string' && /^wx[0-9a-f]{16}$/.test(v)
}

/** Escapes an object key for a JSON pointer (RFC 6901): `~` as `~0`, `/` as `~1`. */
export function pointerKey(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1')
}
