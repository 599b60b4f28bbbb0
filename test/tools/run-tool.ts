// Runs the tools' commands in-process through the shell, the tests' fast path: the same parser, Io and exit codes
// as the real process, without tsx's start-up per case. What needs a real process (the smoke tests, a kill,
// concurrent runs) starts one through real-process.ts.
import { captureIo } from '../../tools/shell/io'
import { runCommand } from '../../tools/shell/run'
import { ROOT } from '../unit/fixtures'

/** What a run printed and how it exited (null: killed). */
export interface ToolRun {
  status: number | null
  stdout: string
  stderr: string
}

/** An environment for a command: only what the test gives, never the developer's WECHAT_* variables. */
export type Env = Record<string, string | undefined>

/**
 * Runs `npm run <name> -- args` in this process, through the same shell, parser, Io and exit codes as the real
 * process. `env` is all the command sees; relative paths resolve from `cwd` (default: the project root).
 */
export async function runInProcess(
  name: string,
  args: readonly string[],
  options: { env?: Env; cwd?: string } = {}
): Promise<ToolRun> {
  const io = captureIo({ env: options.env, cwd: options.cwd ?? ROOT })
  const status = await runCommand(name, args, io)
  return { status, stdout: io.stdout, stderr: io.stderr }
}
