import type { CompiledRule } from './compile-rule-table'
import type { Link } from './parse-link'
import type { Mismatch, RuleMiss } from './result'

/** Why `rule` does not match `link`, in WeChat's order (protocol, host, path, query), or `null` when it matches. */
export function mismatchOf(link: Link, rule: Link): Mismatch | null {
  if (link.scheme !== rule.scheme) return 'protocol'
  if (link.host !== rule.host) return 'host'
  // Equal path, or under a rule path that ends with `/`: `/a/b` matches neither `/a/bc` nor `/a/b/123`.
  if (link.path !== rule.path && !(rule.path.endsWith('/') && link.path.startsWith(rule.path))) return 'path'
  // A rule query is a string prefix of the link's query (`id=123` matches `id=1234`, not `id=132`).
  if (rule.query && !(link.query ?? '').startsWith(rule.query)) return 'query'
  return null
}

/** How specific a rule is: among rules that match one link, the longest path, then query, wins (as in WeChat). */
export function specificity(rule: Link): number {
  return rule.path.length * 10000 + (rule.query === null ? 0 : rule.query.length + 1)
}

/** The most specific rule matching `link`, or every rule's reason for not matching. */
export function matchRule(
  link: Link,
  rules: readonly CompiledRule[]
): { ok: true; rule: CompiledRule } | { ok: false; explain: RuleMiss[] } {
  let best: CompiledRule | null = null
  const explain: RuleMiss[] = []
  for (const rule of rules) {
    const mismatch = mismatchOf(link, rule.link)
    if (mismatch) explain.push({ prefix: rule.prefix, mismatch })
    else if (!best || specificity(rule.link) > specificity(best.link)) best = rule
  }
  return best ? { ok: true, rule: best } : { ok: false, explain }
}
