// A bounded in-memory cache whose entries say how old they are: it holds at
// most `maxEntries` and forgets the oldest written first (the identity
// resolvers' handles and DIDs, which come from anyone on the internet; the
// sequencer's memory of what it sequenced lately).

export class ExpiringCache<V> {
  private readonly entries = new Map<string, { value: V; at: number }>()

  constructor(private readonly maxEntries: number) {}

  /** The value and when it was written (ms since the epoch), if held. */
  get(key: string): { value: V; at: number } | undefined {
    return this.entries.get(key)
  }

  set(key: string, value: V): void {
    // Deleted first so a rewritten key moves to the young end of the Map's order.
    this.entries.delete(key)
    this.entries.set(key, { value, at: Date.now() })
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value
      if (oldest === undefined) break
      this.entries.delete(oldest)
    }
  }

  delete(key: string): void {
    this.entries.delete(key)
  }

  clear(): void {
    this.entries.clear()
  }
}
