/**
 * Input bounds of the landing path, in one place. A QR code holds at most 4 296 alphanumeric characters
 * (version 40, level L), so a longer link cannot have come from a printed code.
 */
export const LANDING_LIMITS = {
  /** Longest decoded link accepted. */
  maxLinkLength: 4296,
  /** Longest raw `q` accepted: a link of maxLinkLength, every character escaped once (`%XX`). */
  maxQLength: 4296 * 3,
  /** How many extra decodes a double-encoded `q` may get (tools that encoded twice, or three times). */
  maxExtraDecodes: 2,
  /** Longest string param value unless the route declares its own `maxLength`. */
  maxParamLength: 64,
  /** Longest raw value shown back to the customer on the error page. */
  maxShownInput: 120,
} as const

/** Rejected input as it may be shown back: at most `maxShownInput` characters, `…` marking a cut. */
export function shownInput(text: string): string {
  const max = LANDING_LIMITS.maxShownInput
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
