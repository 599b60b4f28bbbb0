// Counted nouns in the tools' messages: "1 code", "3 codes", "2 publishes" — one rule instead of a `(s)` or an
// `s` glued on in each message ("publishs").

/** `n` and `noun`, plural unless n is 1: nouns ending in s, x, z, ch or sh take -es; `plural` overrides the rule. */
export function count(n: number, noun: string, plural?: string): string {
  return `${n} ${n === 1 ? noun : (plural ?? pluralOf(noun))}`
}

/** The plural of a regular English noun: code → codes, publish → publishes, prefix → prefixes. */
export function pluralOf(noun: string): string {
  return /(?:s|x|z|ch|sh)$/.test(noun) ? `${noun}es` : `${noun}s`
}
