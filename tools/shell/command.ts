// What a command is: its usage text, its options (node:util parseArgs' own shape), and `run(args, io)`.
import type { parseArgs } from 'node:util'

import type { Io } from './io'

/** Options as `node:util` parseArgs takes them. */
export type Options = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>

/** The typed values parseArgs gives for `O`. */
export type Values<O extends Options> = ReturnType<
  typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>
>['values']

export interface Command<O extends Options = Options> {
  /** What `--help` prints, and what follows an argument error (the README documents the same). */
  usage: string
  /** `--help`/`-h` is added to every command. */
  options: O
  /** True when the command takes words besides options (a subcommand, CONTENT); it checks them itself. */
  positionals?: boolean
  /** Does the work; returns the exit code or throws (see ./errors for the mapping). */
  run(args: { values: Values<O>; positionals: string[] }, io: Io): number | Promise<number>
}

/** Declares a command with its option types inferred. */
export function defineCommand<const O extends Options>(command: Command<O>): Command<O> {
  return command
}
