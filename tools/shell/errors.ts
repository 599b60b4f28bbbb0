// The one mapping from errors to the tools' documented exit codes: 0 done, 1 stopped (by WeChat, the network, or
// a run the tool cannot continue), 2 usage or rule-file error, 3 done except what cannot be done as asked. Commands
// that answer 1 for a reason of their own (scan: the error page; rules:check: errors found) return it themselves.
import { WechatApiError } from '@scan-to-order/wechat-api'

import { InputError, StopError } from '../lib/errors'
import type { Io } from './io'

export const EXIT = { ok: 0, stopped: 1, usage: 2, incomplete: 3 } as const

/** A mistake on the command line: an InputError whose message is followed by the command's usage when asked. */
export class UsageError extends InputError {
  readonly showUsage: boolean

  constructor(message: string, options: { showUsage?: boolean } = {}) {
    super(message)
    this.name = 'UsageError'
    this.showUsage = options.showUsage ?? false
  }
}

/** Prints `error` for a person (redacted, through `io`) and returns its exit code. */
export function reportError(error: unknown, name: string, usage: string, io: Io): number {
  if (error instanceof InputError) {
    const withUsage = error instanceof UsageError && error.showUsage
    io.err(`${name}: ${error.message}${withUsage ? `\n\n${usage}` : ''}`)
    return EXIT.usage
  }
  if (error instanceof StopError || error instanceof WechatApiError) {
    io.err(`Stopped: ${error.message}`)
    return EXIT.stopped
  }
  // A bug: the stack helps whoever reports it (redacted like every line).
  io.err(error instanceof Error ? (error.stack ?? error.message) : `Error: ${String(error)}`)
  return EXIT.stopped
}
