import { closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/**
 * Replaces `path` with `data` so that a crash at any moment leaves either the old file or the new one, never a
 * truncated mix: write a temporary file beside it, fsync it, rename it over, fsync the directory.
 */
export function writeFileAtomic(path: string, data: string | Buffer): void {
  const dir = dirname(path)
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now()}.tmp`)
  let mode = 0o644
  try {
    mode = statSync(path).mode & 0o777
  } catch {
    // A new file: default mode.
  }
  const fd = openSync(tmp, 'w', mode)
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data)
    fsyncSync(fd)
  } catch (e) {
    closeSync(fd)
    unlinkSync(tmp)
    throw e
  }
  closeSync(fd)
  renameSync(tmp, path)
  syncDir(dir)
}

/** Makes a rename or a new file in `dir` durable (Linux; a no-op where directories cannot be opened). */
export function syncDir(dir: string): void {
  let fd: number | null = null
  try {
    fd = openSync(dir, 'r')
    fsyncSync(fd)
  } catch {
    // Not supported on this platform: the rename itself is still atomic.
  } finally {
    if (fd !== null) closeSync(fd)
  }
}
