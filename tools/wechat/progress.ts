/**
 * Progress on stderr: on a terminal, one redrawn line with a bar, rate and ETA; otherwise (CI, logs) a plain line
 * every `everyMs`, so logs stay readable.
 */
export class Progress {
  private readonly started = Date.now()
  private count = 0
  /** Items done before this process started (a resumed run): shown, but not counted in the rate. */
  private base = 0
  private lastDraw = 0
  private readonly tty: boolean

  constructor(
    private readonly label: string,
    private readonly total: number,
    /** Where the line goes (the Io's progress stream: stderr). */
    private readonly stream: { write(text: string): void; readonly isTTY: boolean },
    private readonly everyMs = 10_000
  ) {
    this.tty = Boolean(stream.isTTY)
    // Logs get their first line after `everyMs`, not a meaningless "0.0/s" at the start.
    this.lastDraw = this.tty ? 0 : Date.now()
  }

  /** Sets how many items an interrupted run had already done. */
  resume(done: number): void {
    this.count = done
    this.base = done
  }

  /** Counts `n` more done items. */
  tick(n = 1): void {
    this.count += n
    const now = Date.now()
    if (now - this.lastDraw >= (this.tty ? 100 : this.everyMs)) {
      this.lastDraw = now
      this.draw(false)
    }
  }

  /** Prints a message without garbling the bar. */
  note(line: string): void {
    if (this.tty) this.stream.write('\r\x1b[K')
    this.stream.write(`${line}\n`)
    if (this.tty && this.count > 0) this.draw(false)
  }

  /** Prints the final state. */
  finish(): void {
    this.draw(true)
  }

  private draw(final: boolean): void {
    const elapsed = (Date.now() - this.started) / 1000
    const rate = elapsed > 0 ? (this.count - this.base) / elapsed : 0
    const left = this.total - this.count
    const eta = rate > 0 ? duration(left / rate) : '?'
    const pct = this.total > 0 ? Math.floor((this.count / this.total) * 100) : 100
    const text = `${this.label} ${this.count}/${this.total} (${pct}%)  ${rate.toFixed(1)}/s  ${final ? `took ${duration(elapsed)}` : `ETA ${eta}`}`
    if (this.tty) {
      const width = 24
      const filled = this.total > 0 ? Math.round((this.count / this.total) * width) : width
      const bar = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`
      this.stream.write(`\r\x1b[K${bar} ${text}${final ? '\n' : ''}`)
    } else {
      this.stream.write(`${text}\n`)
    }
  }
}

/** 3725 → "1h02m05s", 65 → "1m05s", 4.2 → "4s". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const r = s % 60
  if (h > 0) return `${h}h${String(m).padStart(2, '0')}m${String(r).padStart(2, '0')}s`
  if (m > 0) return `${m}m${String(r).padStart(2, '0')}s`
  return `${r}s`
}
