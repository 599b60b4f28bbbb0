// `npm run api` as users run it: `tsx server/demo-api.ts`, a real process on 127.0.0.1 (API_PORT=0 in tests).
import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'

import { ROOT } from '../unit/fixtures'

const TSX = require.resolve('tsx/cli')
const ENTRY = join(ROOT, 'server', 'demo-api.ts')

export interface StartedApi {
  child: ChildProcess
  url: string
  /** Everything it printed so far, stdout and stderr together. */
  output: () => string
  /**
   * Resolves once the output satisfies `done`: a log line is printed after the answer is sent, so a test that
   * reads the log right after an answer waits for it (the test's timeout bounds the wait).
   */
  until: (done: (output: string) => boolean) => Promise<void>
}

/** Starts `tsx server/demo-api.ts` with `env` and resolves with the URL it prints. */
export function startApiProcess(env: Record<string, string>): Promise<StartedApi> {
  const child = spawn(process.execPath, [TSX, ENTRY], { cwd: ROOT, env: { ...process.env, ...env } })
  let output = ''
  const until = (done: (output: string) => boolean) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (!done(output)) return
        child.stdout?.off('data', check)
        resolve()
      }
      child.stdout?.on('data', check)
      check()
    })
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8')
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1]
      if (url) resolve({ child, url, output: () => output, until })
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code) => reject(new Error(`demo-api exited ${code} before listening:\n${output}`)))
  })
}

/** Runs the process to its exit (for start-up failures). */
export function runApiToExit(
  env: Record<string, string>
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [TSX, ENTRY], { cwd: ROOT, env: { ...process.env, ...env } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })))
}
