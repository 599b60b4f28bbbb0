// The local ledger of WeChat's lifetime budget of service-account qrcodejumpadd calls. Seed 000: "a single mini program
// … the total number of calls of 'create QR code rule' is 100 000": every add and every edit spends one, and deleting
// a link gives none back. WeChat reports no count of calls: qrcodejumpget's `total_count` counts the links live now,
// a floor only (deleted, edited and re-added links are not in it). So the tools count every such request they send,
// before it leaves (a request that may have reached WeChat counts), in a small file beside the rule file, and take
// the larger of the two figures as spent. The ledger belongs with the rule table: commit it.
import { existsSync, readFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

import type { Account, WechatClient } from '@scan-to-order/wechat-api'

import { writeFileAtomic } from '../lib/atomic-file'
import { InputError } from '../lib/errors'
import { withLock } from '../lib/file-lock'
import type { TicketBudget } from './plan'

/** The ledger file beside a rule file: `rules.json` → `rules.jump-ledger.json`. */
export function jumpLedgerBeside(rulesPath: string): string {
  return join(dirname(rulesPath), `${basename(rulesPath).replace(/\.json$/i, '')}.jump-ledger.json`)
}

interface LedgerFile {
  about: string
  /** `<mini program appid> at <API base>` → calls sent. Keyed by API base so runs against a fake count apart. */
  spent: Record<string, number>
}

const ABOUT =
  "qrcodejumpadd calls sent for service-account links, per mini program and WeChat API: WeChat allows 100 000 over the mini program's life (seed 000). Written by the tools; commit it with the rule file."

/** One mini program's count in a ledger file. Every method reads the file afresh: several tools may spend at once. */
export class JumpLedger {
  readonly key: string

  constructor(
    readonly path: string,
    appid: string,
    apiBase: string
  ) {
    this.key = `${appid} at ${apiBase}`
  }

  /** Calls counted so far (0 without a file). Throws when the file is not a ledger: a count must never be guessed. */
  spent(): number {
    return this.read()?.spent[this.key] ?? 0
  }

  /** Counts one call, durably, before it is sent (under the file's lock, so concurrent tools lose no count). */
  spend(): void {
    withLock(`${this.path}.lock`, this.path, () => {
      const file = this.read() ?? { about: ABOUT, spent: {} }
      file.spent[this.key] = (file.spent[this.key] ?? 0) + 1
      writeFileAtomic(this.path, `${JSON.stringify(file, null, 2)}\n`)
    })
  }

  /** For the client's `onSend`: counts the service-account qrcodejumpadd requests, retries included. */
  readonly onSend = ({ api, account }: { api: string; account: Account }): void => {
    if (api === 'qrcodejumpadd' && account === 'serviceAccount') this.spend()
  }

  private read(): LedgerFile | null {
    if (!existsSync(this.path)) return null
    let file: unknown
    try {
      file = JSON.parse(readFileSync(this.path, 'utf8'))
    } catch (e) {
      throw new InputError(
        `${this.path} is not valid JSON (${(e as Error).message}): restore it from version control.`
      )
    }
    const spent = (file as Partial<LedgerFile> | null)?.spent
    if (
      typeof spent !== 'object' ||
      spent === null ||
      Object.values(spent).some((n) => !Number.isSafeInteger(n))
    ) {
      throw new InputError(
        `${this.path} is not a jump ledger ({ "spent": { … } }): restore it from version control.`
      )
    }
    return file as LedgerFile
  }
}

/** The budget as far as it is known: the larger of the ledger's count and WeChat's count of live links. */
export function ticketBudget(limit: number, ledger: number, totalCount: number): TicketBudget {
  return { limit, ledger, totalCount, spent: Math.max(ledger, totalCount) }
}

/** Reads WeChat's count of live service-account links (one qrcodejumpget page) and returns the budget as known. */
export async function readTicketBudget(
  client: WechatClient,
  appid: string,
  ledger: JumpLedger,
  limit: number
): Promise<TicketBudget> {
  const page = await client.getTicketRulesPage(appid, 1, 1)
  return ticketBudget(limit, ledger.spent(), page.total_count ?? page.list_size)
}

/** The budget in words, for a tool's output. */
export function describeBudget(b: TicketBudget): string {
  return (
    `${b.spent} of WeChat's ${b.limit} lifetime qrcodejumpadd calls for service-account links spent ` +
    `(ledger ${b.ledger}, live links ${b.totalCount}), ${Math.max(0, b.limit - b.spent)} left`
  )
}
