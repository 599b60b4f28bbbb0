// Builds what the bench measures: the project and the blank Taro React fixture, each with the project's own
// Taro CLI, production mode, as `taro build --type weapp` does.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { now } from './measure'
import type { BuildOutput, Builds } from './report'

export const BLANK_APP = join('bench', 'fixtures', 'blank-app')

// Never copied into the snapshot: build outputs and caches, VCS, and the bench's own fixture (with its dist/).
// Everything else is copied, so a build input someone adds at the top level comes along without a bench change.
const NOT_COPIED = new Set(['node_modules', 'dist', 'dist-h5', '.git', '.swc', 'coverage', 'out', 'bench'])

/** A Taro build target: the mini program (dist/app.js) or the browser app (dist-h5/index.html). */
export type BuildType = 'weapp' | 'h5'
const OUTPUT: Record<BuildType, { dir: string; entry: string }> = {
  weapp: { dir: 'dist', entry: 'app.js' },
  h5: { dir: 'dist-h5', entry: 'index.html' },
}

/** Runs the project's Taro CLI in `cwd`; throws with the end of the build log when it fails. */
export function taroBuild(root: string, cwd: string, type: BuildType = 'weapp'): BuildOutput {
  // Jest and some shells set NODE_ENV; babel-preset-taro would then emit CommonJS for node (see test/sim/global-setup.js).
  const env = { ...process.env }
  delete env.NODE_ENV
  const taro = require.resolve('@tarojs/cli/bin/taro', { paths: [root] })
  const start = now()
  const build = spawnSync(process.execPath, [taro, 'build', '--type', type], {
    cwd,
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  const ms = now() - start
  const dist = join(cwd, OUTPUT[type].dir)
  if (build.status !== 0 || !existsSync(join(dist, OUTPUT[type].entry))) {
    throw new Error(
      `taro build in ${cwd} failed (exit ${build.status ?? build.signal}):\n${buildErrors(`${build.stdout ?? ''}${build.stderr ?? ''}`)}`
    )
  }
  return { dist, ms }
}

/** The errors of a Taro build log, without its progress bars (ANSI redraws) — or the log's end. */
export function buildErrors(log: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = log.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '')
  const at = plain.search(/✖ Errors|ERROR in|Error:/)
  return (at >= 0 ? plain.slice(at) : plain.slice(-4000)).slice(0, 4000)
}

/**
 * Builds a snapshot of the working tree in a temporary folder (node_modules linked), not into dist/: other
 * engineers' tests load dist/ while the bench runs, and a rebuild there would pull it from under them.
 */
export function buildProjectSnapshot(
  root: string,
  type: BuildType = 'weapp'
): BuildOutput & { cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'bench-project-'))
  for (const entry of readdirSync(root)) {
    if (!NOT_COPIED.has(entry)) cpSync(join(root, entry), join(dir, entry), { recursive: true })
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
  const cleanup = () => rmSync(dir, { recursive: true, force: true })
  try {
    return { ...taroBuild(root, dir, type), cleanup }
  } catch (error) {
    cleanup()
    throw error
  }
}

/** Builds the blank app in its own folder; node resolves its imports from the project's node_modules above it. */
export function buildBlankApp(root: string, type: BuildType = 'weapp'): BuildOutput {
  return taroBuild(root, join(root, BLANK_APP), type)
}

/** Both builds, one after the other (two builds at once would slow each other and skew the build times). */
export function buildBoth(root: string, log: (m: string) => void): Builds & { cleanup(): void } {
  log('building the blank Taro React app (bench/fixtures/blank-app)…')
  const blank = buildBlankApp(root)
  log(`  ${(blank.ms / 1000).toFixed(1)} s`)
  log('building the project (production, in a temporary snapshot)…')
  const project = buildProjectSnapshot(root)
  log(`  ${(project.ms / 1000).toFixed(1)} s`)
  return { blank, project, cleanup: project.cleanup }
}
