// The image files the WeChat tools save (service-account codes from showqrcode, mini program codes from
// wxacode.getUnlimited): named after their scene, written whole or not at all, and listed in an index for printing.
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Image types WeChat answers, and the extension each is saved with. */
export const IMAGE_EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': '.jpg',
  'image/jpg': '.jpg',
  'image/png': '.png',
}

/** A file name for a scene's image: the scene itself when safe, else a readable form plus a short hash (unique). */
export function imageBase(scene: string): string {
  const safe = scene.replace(/[^A-Za-z0-9._-]+/g, '_')
  return safe === scene ? safe : `${safe}-${createHash('sha256').update(scene).digest('hex').slice(0, 8)}`
}

/** The file of `base` in `dir` (any of the extensions), or undefined when there is none yet. */
export function imageFile(dir: string, base: string): string | undefined {
  return Object.values(IMAGE_EXTENSIONS)
    .map((ext) => base + ext)
    .find((name) => existsSync(join(dir, name)))
}

/**
 * Writes an image as `<base><ext for its content type>` in `dir` (created when missing); write then rename, so a
 * killed run never leaves a half image that a resume would take as done. Returns the file name.
 */
export function writeImage(dir: string, base: string, image: Buffer, contentType: string): string {
  mkdirSync(dir, { recursive: true })
  const name = base + (IMAGE_EXTENSIONS[contentType.split(';')[0].trim()] ?? '.jpg')
  const tmp = join(dir, `${base}.part`)
  writeFileSync(tmp, image)
  renameSync(tmp, join(dir, name))
  return name
}

/** One CSV field, quoted when it must be. */
export function csv(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value
}
