// The scene map's tickets (serviceAccount.tickets in the rule file): WeChat keeps no copy of url → scene, so every new code
// is saved there through the rule file's one writer, in batches.
import type { TicketEntry } from '../../src/landing'
import { saveTickets } from '../lib/rule-file-writer'

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
      saveTickets(this.path, this.pending)
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
