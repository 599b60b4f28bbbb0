// Writes a whole output folder at once: every file goes into a staging folder beside it, which then replaces the
// old folder. A failed run leaves the previous output as it was, never a half-written mix, and stale files (codes of
// removed debug_url) disappear with the old folder.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/**
 * Replaces folder `out` with `files` (name → content). `isOurs(out)` must say the existing folder is this tool's
 * output (or it must be empty): a mistyped `--out src` must never delete a source folder. Throws with a clear
 * message when it cannot.
 */
export function replaceFolder(
  out: string,
  files: ReadonlyMap<string, string | Buffer>,
  isOurs: (out: string) => boolean
): void {
  if (existsSync(out) && readdirSync(out).length > 0 && !isOurs(out)) {
    throw new Error(
      `${out} exists and is not an output of this command; choose a new or empty folder with --out.`
    )
  }
  const parent = dirname(out)
  mkdirSync(parent, { recursive: true })
  const stage = join(parent, `.${basename(out)}.${process.pid}.staging`)
  const old = join(parent, `.${basename(out)}.${process.pid}.old`)
  rmSync(stage, { recursive: true, force: true })
  try {
    mkdirSync(stage)
    for (const [name, content] of files) writeFileSync(join(stage, name), content)
    if (existsSync(out)) renameSync(out, old)
    renameSync(stage, out)
  } catch (e) {
    rmSync(stage, { recursive: true, force: true })
    // Put the previous output back if it was moved aside.
    if (existsSync(old) && !existsSync(out)) renameSync(old, out)
    throw e
  }
  rmSync(old, { recursive: true, force: true })
}

/** True when `dir/file` exists and contains `marker` (e.g. a generator meta tag). */
export function carriesMarker(dir: string, file: string, marker: string): boolean {
  try {
    return readFileSync(join(dir, file), 'utf8').includes(marker)
  } catch {
    return false
  }
}
