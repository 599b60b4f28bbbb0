// Builds what the bench measures, each with the project's own Taro CLI in production mode, as `taro build --type
// weapp` does: the project, and two blank Taro React apps (one page) as baselines —
//   blank-default: bench/fixtures/blank-app as `taro init` makes it (the default template's settings);
//   blank-ours:    the same blank page built with the project's own settings (.browserslistrc,
//                  config/, babel, project.config.json and the app-level app.json keys), so what is left between
//                  it and the project is our own code and the framework parts it pulls in.
import { spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { now } from './measure'
import type { BuildOutput, Builds } from './report'

export const BLANK_APP = join('bench', 'fixtures', 'blank-app')

/** The blank app's one page, as its own app.config.ts names it. */
export const BLANK_PAGE = 'pages/index/index'

// Never copied into a snapshot: build outputs and caches, VCS, and the bench's own fixture (with its dist/).
// Everything else is copied, so a build input someone adds at the top level comes along without a bench change.
const NOT_COPIED = new Set(['node_modules', 'dist', 'dist-h5', '.git', '.swc', 'coverage', 'out', 'bench'])

/** A Taro build target: the mini program (dist/app.js) or the browser app (dist-h5/index.html). */
export type BuildType = 'weapp' | 'h5'
const OUTPUT: Record<BuildType, { dir: string; entry: string }> = {
  weapp: { dir: 'dist', entry: 'app.js' },
  h5: { dir: 'dist-h5', entry: 'index.html' },
}

/** app.json keys that name the project's pages: the blank app keeps its own page instead. */
const PAGE_KEYS = new Set(['pages', 'subPackages', 'subpackages', 'preloadRule', 'tabBar', 'entryPagePath'])

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
 * The app-level settings of the project's built app.json (lazyCodeLoading, window…) with the blank app's one page
 * in place of the project's pages and everything that names them.
 */
export function blankOursAppConfig(projectAppJson: Record<string, unknown>): Record<string, unknown> {
  const settings = Object.fromEntries(Object.entries(projectAppJson).filter(([key]) => !PAGE_KEYS.has(key)))
  return { ...settings, pages: [BLANK_PAGE] }
}

type Snapshot = BuildOutput & { cleanup(): void }

/**
 * Copies the working tree (node_modules linked) into a temporary folder, lets `prepare` change the copy, and builds
 * it there, not into dist/: other engineers' tests load dist/ while the bench runs, and a rebuild there would pull
 * it from under them.
 */
function buildSnapshot(
  root: string,
  prefix: string,
  prepare: (dir: string) => void = () => {},
  type: BuildType = 'weapp'
): Snapshot {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  const cleanup = () => rmSync(dir, { recursive: true, force: true })
  try {
    for (const entry of readdirSync(root)) {
      if (!NOT_COPIED.has(entry)) cpSync(join(root, entry), join(dir, entry), { recursive: true })
    }
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir')
    prepare(dir)
    return { ...taroBuild(root, dir, type), cleanup }
  } catch (error) {
    cleanup()
    throw error
  }
}

/** The project as it is in the working tree. */
export function buildProjectSnapshot(root: string, type: BuildType = 'weapp'): Snapshot {
  return buildSnapshot(root, 'bench-project-', undefined, type)
}

// The project's config/index.ts, wrapped: source maps on, and sources named by their absolute paths (Taro's
// default names flatten them), with the project's own webpackChain still applied.
const SOURCE_MAP_CONFIG = `import project from './project-config'

export default async (merge: any, env: any) => {
  const config = typeof project === 'function' ? await (project as any)(merge, env) : project
  const own = config.mini?.webpackChain
  return merge({}, config, {
    mini: {
      enableSourceMap: true,
      sourceMapType: 'source-map',
      webpackChain(chain: any, ...rest: any[]) {
        own?.(chain, ...rest)
        chain.output.devtoolModuleFilenameTemplate('[absolute-resource-path]')
      },
    },
  })
}
`

/** The project with source maps beside every script (same code, plus a sourceMappingURL comment). */
export function buildProjectWithSourceMaps(root: string): Snapshot & { dir: string } {
  let dir = ''
  const out = buildSnapshot(root, 'bench-source-maps-', (copy) => {
    dir = copy
    renameSync(join(copy, 'config', 'index.ts'), join(copy, 'config', 'project-config.ts'))
    writeFileSync(join(copy, 'config', 'index.ts'), SOURCE_MAP_CONFIG)
  })
  return { ...out, dir }
}

/**
 * The blank app with the project's settings: a snapshot of the project whose src/ is the blank app's, with an
 * app.config.ts made from the project's built app.json (see blankOursAppConfig), so the two cannot drift apart.
 */
export function buildBlankOurs(root: string, projectDist: string): Snapshot {
  const appJson = JSON.parse(readFileSync(join(projectDist, 'app.json'), 'utf8')) as Record<string, unknown>
  return buildSnapshot(root, 'bench-blank-ours-', (dir) => {
    rmSync(join(dir, 'src'), { recursive: true, force: true })
    cpSync(join(root, BLANK_APP, 'src'), join(dir, 'src'), { recursive: true })
    writeFileSync(
      join(dir, 'src', 'app.config.ts'),
      `export default defineAppConfig(${JSON.stringify(blankOursAppConfig(appJson), null, 2)})\n`
    )
  })
}

/** The blank app as `taro init` makes it, built in its own folder (node resolves from the project's node_modules). */
export function buildBlankDefault(root: string, type: BuildType = 'weapp'): BuildOutput {
  return taroBuild(root, join(root, BLANK_APP), type)
}

/** Runs `build`, saying what it builds and then how long it took: a build is the slow wait of a bench run. */
export function timedBuild<T extends BuildOutput>(log: (m: string) => void, what: string, build: () => T): T {
  log(`building ${what}…`)
  const out = build()
  log(`  ${(out.ms / 1000).toFixed(1)} s`)
  return out
}

/** The three builds, one after the other (builds at once would slow each other and skew the build times). */
export function buildAll(root: string, log: (m: string) => void): Builds & { cleanup(): void } {
  const blankDefault = timedBuild(
    log,
    'the blank Taro React app as taro init makes it (bench/fixtures/blank-app)',
    () => buildBlankDefault(root)
  )
  const project = timedBuild(log, 'the project (production, in a temporary snapshot)', () =>
    buildProjectSnapshot(root)
  )
  try {
    const blankOurs = timedBuild(
      log,
      "the blank app with the project's settings (in a temporary snapshot)",
      () => buildBlankOurs(root, project.dist)
    )
    return {
      blankDefault,
      project,
      blankOurs,
      cleanup() {
        project.cleanup()
        blankOurs.cleanup()
      },
    }
  } catch (error) {
    project.cleanup()
    throw error
  }
}
