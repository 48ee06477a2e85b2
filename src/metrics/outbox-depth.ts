// How many outbox rows wait to be sequenced, kept by the sequencer from what
// it is told and what it drains, so /metrics never counts rows in every
// tenant database. Each write signal stands for one row; a drain that read
// less than a full batch emptied the outbox as of its read, which corrects
// the estimate (rows a signal never announced, signals with no row).

type SourceDepth = {
  /** Write signals ever received for this source: a drain marks where it started. */
  signals: number
  /** Rows believed to wait. */
  depth: number
}

export class OutboxDepth {
  private readonly sources = new Map<string, SourceDepth>()
  private sum = 0

  /** Rows believed to wait in every outbox together. */
  get total(): number {
    return this.sum
  }

  /** A write to `source`'s outbox was signalled. */
  signalled(source: string): void {
    const s = this.entry(source)
    s.signals++
    s.depth++
    this.sum++
  }

  /** Taken before a drain reads the outbox: the signals so far. */
  mark(source: string): number {
    return this.sources.get(source)?.signals ?? 0
  }

  /**
   * A drain that began at `mark` read `read` rows and moved them to the
   * firehose. Unless the batch was full, the outbox held nothing else then:
   * what waits now is what was signalled since.
   */
  drained(source: string, mark: number, read: number, full: boolean): void {
    const s = this.sources.get(source)
    if (!s) return
    // Negative only if the count was cleared mid-drain (leadership lost and regained).
    const since = Math.max(0, s.signals - mark)
    const depth = full ? Math.max(s.depth - read, since) : since
    this.sum += depth - s.depth
    s.depth = depth
    // An empty outbox with no drain in flight needs no entry: marks live only within one drain.
    if (depth === 0 && !full) this.sources.delete(source)
  }

  /** Leadership was lost: another process counts now. */
  clear(): void {
    this.sources.clear()
    this.sum = 0
  }

  private entry(source: string): SourceDepth {
    let s = this.sources.get(source)
    if (!s) {
      s = { signals: 0, depth: 0 }
      this.sources.set(source, s)
    }
    return s
  }
}
