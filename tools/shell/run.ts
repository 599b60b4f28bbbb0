// Runs one command: parse (node:util parseArgs), --help, run, and every error through the one exit-code mapping.
//
// Why node:util parseArgs rather than commander or cac: the commands' usage texts are documented word for word in
// the README, so a library's generated help would be a second copy to keep true; parseArgs never prints, exits or
// touches `process`, which is what lets a test run a command in-process through an Io; it is strict (an unknown
// option is an error, exit 2) and built into Node, so the tools add no dependency for it.
import { parseArgs } from 'node:util'

import type { Command, Options } from './command'
import { EXIT, UsageError, reportError } from './errors'
import type { Io } from './io'
import { COMMANDS } from './registry'

const HELP = { help: { type: 'boolean', short: 'h' } } as const

/** The command list, for an unknown or missing command name. */
export function commandList(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length))
  return COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')
}

/** Runs the command `name` on `argv` (its arguments) through `io`; resolves with the exit code, never rejects. */
export async function runCommand(name: string, argv: readonly string[], io: Io): Promise<number> {
  const entry = COMMANDS.find((c) => c.name === name)
  if (!entry) {
    io.err(`${name === '' ? 'No command given' : `Unknown command "${name}"`}. Commands:\n${commandList()}`)
    return EXIT.usage
  }
  let command: Command<Options>
  try {
    command = await entry.load()
  } catch (error) {
    return reportError(error, name, '', io)
  }
  let parsed: { values: Record<string, unknown>; positionals: string[] }
  try {
    parsed = parseArgs({
      args: [...argv],
      options: { ...command.options, ...HELP },
      allowPositionals: command.positionals ?? false,
      strict: true,
    })
  } catch (error) {
    return reportError(new UsageError((error as Error).message, { showUsage: true }), name, command.usage, io)
  }
  if (parsed.values.help === true) {
    io.out(command.usage)
    return EXIT.ok
  }
  const running = (async () => command.run(parsed as Parameters<typeof command.run>[0], io))().catch(
    (error: unknown) => reportError(error, name, command.usage, io)
  )
  // Ctrl-C: the cleanups have run (journal saved, lock released); the process ends without waiting for the work.
  return Promise.race([running, io.interrupted])
}
