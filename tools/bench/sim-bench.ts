// Runs one simulator bench file (test/bench/*.bench.ts) on a built dist/ in a child Jest: the sim harness needs
// Jest's module registry and spies. The file writes its figures as JSON to the path in `outVar`.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { BenchContext } from './report'

/** Runs `test/bench/<file>` against `dist` and returns what it wrote. */
export function runSimBench<T>(ctx: BenchContext, dist: string, file: string, outVar: string): T {
  const dir = mkdtempSync(join(tmpdir(), 'bench-sim-'))
  const out = join(dir, 'figures.json')
  try {
    const jest = require.resolve('jest/bin/jest', { paths: [ctx.root] })
    const child = spawnSync(
      process.execPath,
      [
        jest,
        '--config',
        join(ctx.root, 'test', 'bench', 'jest.config.js'),
        '--silent',
        join('test', 'bench', file),
      ],
      {
        cwd: ctx.root,
        env: { ...process.env, SIM_DIST: dist, [outVar]: out },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      }
    )
    if (child.status !== 0) {
      throw new Error(`${file} (jest) failed:\n${`${child.stdout}${child.stderr}`.slice(-4000)}`)
    }
    return JSON.parse(readFileSync(out, 'utf8')) as T
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
