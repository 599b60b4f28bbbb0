// What the tools' domain code throws when it cannot go on, by meaning; the shell maps each to its exit code.

/** The input is wrong (the rule file, a scene list, a value given on the command line): exit 2. */
export class InputError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InputError'
  }
}

/** A run cannot go on for a reason the tool found itself (not a WeChat code): exit 1; the message says what to do. */
export class StopError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'StopError'
  }
}
