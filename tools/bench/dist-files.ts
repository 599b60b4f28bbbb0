// What a built mini program weighs: every file of dist/ that goes into the package. Shared by the bench's size
// section and the CI size budget (tools/size-budget.ts), so both count the same bytes.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

/** WeChat DevTools' project settings: written into dist/ by Taro, but settings, not package content. */
const NOT_PACKAGED = new Set(['project.config.json', 'project.private.config.json'])

/** WeChat's hard cap for the main package (and for a package without subpackages). */
export const MAIN_PACKAGE_CAP = 2 * 1024 * 1024

export interface DistFile {
  /** Path under dist/, with `/` separators. */
  file: string
  bytes: number
}

/** Every packaged file under `dist`, sorted by path. */
export function listDist(dist: string): DistFile[] {
  const out: DistFile[] = []
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const rel = prefix ? `${prefix}/${entry.name}` : entry.name
      if (entry.isDirectory()) walk(join(dir, entry.name), rel)
      else if (entry.isFile() && !NOT_PACKAGED.has(rel))
        out.push({ file: rel, bytes: statSync(join(dir, entry.name)).size })
    }
  }
  walk(dist, '')
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
}

/** The folders of the subpackages an app.json declares (`subPackages`, or its older spelling `subpackages`). */
export function subpackageRoots(appJson: Record<string, unknown>): string[] {
  const list = appJson.subPackages ?? appJson.subpackages
  if (!Array.isArray(list)) return []
  return list
    .map((sub: unknown) => (sub && typeof sub === 'object' ? (sub as { root?: unknown }).root : undefined))
    .map((root) => (typeof root === 'string' ? root.replace(/^\/+|\/+$/g, '') : ''))
    .filter((root) => root !== '')
}

/** The files of the main package: every file outside the subpackages' folders (what WeChat caps at 2 MB). */
export function mainPackage(files: readonly DistFile[], appJson: Record<string, unknown>): DistFile[] {
  const roots = subpackageRoots(appJson)
  return files.filter((f) => !roots.some((root) => f.file.startsWith(`${root}/`)))
}

export function totalBytes(files: readonly DistFile[]): number {
  return files.reduce((sum, f) => sum + f.bytes, 0)
}

/**
 * The report's name for a file: the framework files by name, each page's files together (`pages/order/index`),
 * everything else (styles, app.json, licence notes, Taro's comp template) as `other`.
 */
export function groupOf(file: string): string {
  if (/^(app|runtime|taro|vendors|common)\.js$/.test(file) || file === 'base.wxml') return file
  const page = /^(.*\/index)\.[a-z.]+$/.exec(file)
  if (page && file.startsWith('pages/')) return page[1]
  return 'other'
}

/** Bytes per group (see groupOf). */
export function grouped(files: readonly DistFile[]): Map<string, number> {
  const groups = new Map<string, number>()
  for (const f of files) groups.set(groupOf(f.file), (groups.get(groupOf(f.file)) ?? 0) + f.bytes)
  return groups
}
