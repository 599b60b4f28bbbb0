// The ticket table (serviceAccount.tickets in the rule file): WeChat keeps no copy of url → scene, so every new code
// is written here, atomically, without disturbing the rest of the hand-edited file.
import { readFileSync } from 'node:fs'

import type { RuleTableFile, TicketEntry } from '../../src/landing'
import { writeFileAtomic } from './atomic-file'
import { formatJson, spliceJson } from './json-format'

/**
 * Appends `entries` whose url the file does not hold yet. Re-reads the file first (it may have been edited while a
 * long run went on), writes it atomically, and returns how many were added. Throws if the file is not valid JSON.
 */
export function appendTickets(path: string, entries: readonly TicketEntry[]): number {
  const text = readFileSync(path, 'utf8')
  const file = JSON.parse(text) as RuleTableFile
  if (!file.serviceAccount) throw new Error('the rule file has no "serviceAccount"')
  const tickets = file.serviceAccount.tickets ?? []
  const known = new Set(tickets.map((t) => t.url))
  const fresh = entries.filter((e) => !known.has(e.url) && known.add(e.url))
  if (fresh.length === 0) return 0
  const all = [...tickets, ...fresh]
  const spliced = spliceJson(text, ['serviceAccount', 'tickets'], all)
  let next: string
  if (spliced !== null) {
    next = spliced
  } else {
    file.serviceAccount.tickets = all
    next = formatJson(file)
  }
  // Never write what does not read back as the intended table.
  const check = JSON.parse(next) as RuleTableFile
  if (check.serviceAccount?.tickets.length !== all.length) throw new Error('ticket table did not round-trip')
  writeFileAtomic(path, next)
  return fresh.length
}

/**
 * Buffers new tickets and saves them in batches: rewriting a 100 000-ticket file for every code would be quadratic.
 * Nothing is lost meanwhile: each url is already in the fsync'd journal, and a restart saves it first.
 */
export class TicketSaver {
  private pending: TicketEntry[] = []
  private last = Date.now()

  constructor(
    private readonly path: string,
    private readonly onError: (message: string) => void,
    private readonly batch = 100,
    private readonly everyMs = 10_000
  ) {}

  add(entry: TicketEntry): void {
    this.pending.push(entry)
    if (this.pending.length >= this.batch || Date.now() - this.last >= this.everyMs) this.flush()
  }

  /** Saves what is pending; on failure keeps it pending (and says why). Returns true when nothing is pending. */
  flush(): boolean {
    this.last = Date.now()
    if (this.pending.length === 0) return true
    try {
      appendTickets(this.path, this.pending)
      this.pending = []
      return true
    } catch (e) {
      this.onError(
        `Cannot save ${this.pending.length} new tickets to ${this.path} yet (${(e as Error).message}); ` +
          'they are safe in the journal and saved on the next run.'
      )
      return false
    }
  }
}
