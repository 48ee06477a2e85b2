// Recently used repo blocks (commits and MST nodes), shared by every write
// and proof in the process. A block is named by the hash of its bytes, so an
// entry can never be stale: whatever repo or replica wrote it, the CID names
// these bytes. A hot repo's commit and upper MST nodes stay here, and a write
// to it reads no blocks from the database.

export class BlockCache {
  /** Map order is least recently used first. */
  private readonly entries = new Map<string, Uint8Array>()
  private bytes = 0

  constructor(private readonly maxBytes: number) {}

  get size(): number {
    return this.bytes
  }

  get(cid: string): Uint8Array | undefined {
    const hit = this.entries.get(cid)
    if (hit) {
      this.entries.delete(cid)
      this.entries.set(cid, hit)
    }
    return hit
  }

  set(cid: string, content: Uint8Array): void {
    // A block larger than a tenth of the cache would evict much for little.
    if (content.byteLength > this.maxBytes / 10) return
    const old = this.entries.get(cid)
    if (old) {
      this.entries.delete(cid)
      this.bytes -= old.byteLength
    }
    this.entries.set(cid, content)
    this.bytes += content.byteLength
    for (const [key, value] of this.entries) {
      if (this.bytes <= this.maxBytes) break
      this.entries.delete(key)
      this.bytes -= value.byteLength
    }
  }
}
