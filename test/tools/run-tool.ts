// Runs a command-line tool as users do: a real node process through tsx, its stdout, stderr and exit status.
import { spawn } from 'node:child_process'
import { join } from 'node:path'

import { ROOT } from '../unit/fixtures'

const TSX = require.resolve('tsx/cli')

/** What a tool run printed and how it exited. */
export interface ToolRun {
  status: number | null
  stdout: string
  stderr: string
}

/** Runs `tools/<script>` with `args`; async so cases can run side by side (tsx takes ~0.5 s to start). */
export function runTool(script: string, args: string[], options: { cwd?: string; timeout?: number } = {}) {
  // INIT_CWD would redirect relative paths (npm sets it); the tests give absolute paths or none.
  const env = { ...process.env }
  delete env.INIT_CWD
  return new Promise<ToolRun>((done, failed) => {
    const child = spawn(process.execPath, [TSX, join(ROOT, 'tools', script), ...args], {
      cwd: options.cwd ?? ROOT,
      env,
      timeout: options.timeout ?? 60_000,
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d))
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d))
    child.on('error', failed)
    child.on('close', (status) => done({ status, stdout, stderr }))
  })
}
