// The tools' one entry and process tail: `tsx tools/main.ts <command> [args]` (the npm scripts call it, e.g.
// `npm run scan --` is `tsx tools/main.ts scan`). Everything else takes an Io and never touches `process`.
import { processIo } from './shell/io'
import { runCommand } from './shell/run'

/** Runs `[command, ...args]` as this process: exit code set, and an interrupted run ended at once. */
export async function runMain(argv: readonly string[]): Promise<void> {
  const io = processIo()
  let interrupted = false
  void io.interrupted.then(() => (interrupted = true))
  const [name = '', ...args] = argv
  const code = await runCommand(name, args, io)
  // exitCode, not exit(): let the pipes drain. After Ctrl-C, pending work must not keep the process alive.
  process.exitCode = code
  if (interrupted) process.exit(code)
}

if (require.main === module) void runMain(process.argv.slice(2))
