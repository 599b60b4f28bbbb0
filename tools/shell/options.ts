// The option values several commands check the same way: whole numbers (digits only, so "1e3", " 5" and "0x10" are
// refused rather than read as something else) and request rates. One message each, whichever command asks.
import { parseRate, type RateSpec } from '@scan-to-order/wechat-api'

import { InputError } from '../lib/errors'
import { UsageError } from './errors'

/**
 * Option `name`'s `value` as a whole number (absent: undefined), or a UsageError `<name> must be a whole number`.
 * `negative` lets a leading `-` through (a seed); `showUsage` follows the message with the command's usage.
 */
export function wholeNumber(
  name: string,
  value: string | undefined,
  { negative = false, showUsage = false }: { negative?: boolean; showUsage?: boolean } = {}
): number | undefined {
  if (value === undefined) return undefined
  if (!(negative ? /^-?[0-9]+$/ : /^[0-9]+$/).test(value)) {
    throw new UsageError(`${name} must be a whole number, got "${value}".`, { showUsage })
  }
  return Number(value)
}

/** A request rate (`5/s,200/min`; absent: WeChat's limits) as the client paces by, or an InputError (exit 2). */
export function rateOption(text: string | undefined): RateSpec {
  try {
    return parseRate(text)
  } catch (e) {
    throw new InputError((e as Error).message)
  }
}
