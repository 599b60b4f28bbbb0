// What several commands share: the rule file named by --rules, loaded (and for the WeChat tools, checked like
// rules:check checks it) or refused as an input error; the rate a dry run assumes; and the WeChat client a command
// calls with.
import { type Account, type ClientConfig, type RateSpec, type WechatClient } from '@scan-to-order/wechat-api'

import { DEFAULT_RULES_FILE, loadRuleFile, type LoadedRuleFile } from '../../server/rule-file'
import { formatReport } from '../lib/check-problem'
import { checkRules } from '../lib/check-rules'
import { InputError } from '../lib/errors'
import { readLimits, type Limits } from '../lib/limits'
import { count } from '../lib/plural'
import { formatProblems } from '../lib/rule-file'
import type { Io } from '../shell/io'
import { rateOption } from '../shell/options'
import { clientFromEnv } from '../wechat/credentials'

/** The rule file `--rules FILE` names (from where the user typed it), else the project's. */
export function rulesPath(io: Io, arg: string | undefined): string {
  return arg === undefined ? DEFAULT_RULES_FILE : io.path(arg)
}

/** Loads and compiles the rule file at `rulesPath(io, arg)`, or throws an InputError listing every problem. */
export function loadRules(io: Io, arg: string | undefined, note = ''): LoadedRuleFile {
  const loaded = loadRuleFile(rulesPath(io, arg))
  if (loaded.ok) return loaded
  throw new InputError(`${formatProblems(io.shown(loaded.path), loaded.problems)}${note}`)
}

/** What the commands that only read the rule table add: where to see every problem. */
export const CHECK_NOTE = '\n  (npm run rules:check lists every problem.)'

/**
 * The rule file at `path` for a tool that changes WeChat: loaded, then checked by rules:check's own checks and limits
 * reader, so the tools never disagree about what is valid. Errors refuse the file (exit 2) with rules:check's report.
 */
export function loadCheckedRules(io: Io, path: string): LoadedRuleFile & { limits: Limits } {
  const loaded = loadRules(io, path)
  const report = checkRules(loaded.file, {}, { ok: true, ruleTable: loaded.ruleTable })
  if (report.errors > 0) {
    throw new InputError(
      `${io.shown(path)} has ${count(report.errors, 'error')} that WeChat or the mini program ` +
        `would refuse; nothing was sent.\n${formatReport(io.shown(path), report.problems)}`
    )
  }
  return { ...loaded, limits: readLimits(loaded.file.limits).limits }
}

/** The rate a dry run assumes: `--rate`, else WECHAT_RATE, else WeChat's; a bad one is an InputError (exit 2). */
export function dryRunRate(io: Io, arg: string | undefined): RateSpec {
  return rateOption(arg ?? io.env.WECHAT_RATE)
}

/**
 * The client a WeChat command calls with: credentials from the environment, `--rate` and `--timeout` (else theirs),
 * the progress lines (slow calls, retries, pace) on stderr; `onSend` as ClientConfig's.
 */
export function commandClient(
  io: Io,
  values: { rate?: string; timeout?: string },
  need: Account[],
  onSend?: ClientConfig['onSend']
): WechatClient {
  return clientFromEnv(io.env, {
    rate: values.rate,
    timeout: values.timeout,
    need,
    say: (line) => io.err(line),
    onSend,
  })
}
