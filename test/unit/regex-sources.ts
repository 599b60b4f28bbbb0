// Every regular expression a folder's TypeScript builds, found by parsing the source (not by a hand-kept list that
// could drift): literals, with their source and flags, and the places that build one at run time (`RegExp(…)`).
import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'

export interface RegexSite {
  /** `file:line`, relative to the project root. */
  at: string
  /** For literals: the pattern and flags as JavaScript compiles them. */
  source?: string
  flags?: string
  /** For `RegExp(…)` / `new RegExp(…)`: the first argument as written. */
  built?: string
}

/** The regex literals and run-time RegExp constructions in `.ts`/`.tsx` files under `dirs` (relative to `root`). */
export function regexSites(
  root: string,
  dirs: readonly string[]
): { literals: RegexSite[]; built: RegexSite[] } {
  const literals: RegexSite[] = []
  const built: RegexSite[] = []
  for (const file of dirs.flatMap((dir) => sourceFiles(path.join(root, dir)))) {
    const text = fs.readFileSync(file, 'utf8')
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
    const at = (node: ts.Node) =>
      `${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) {
        const slash = node.text.lastIndexOf('/')
        literals.push({ at: at(node), source: node.text.slice(1, slash), flags: node.text.slice(slash + 1) })
      } else if (
        (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp'
      ) {
        built.push({ at: at(node), built: node.arguments?.[0]?.getText(source) ?? '' })
      }
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return { literals, built }
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => path.join(dir, f))
}
