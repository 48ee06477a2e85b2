// DID documents of the services calls are passed on to, kept in memory. Any
// authenticated caller can name a DID in an atproto-proxy header, so the
// cache has a ceiling: past it, it starts over rather than grow.
import { type DidDocument, MemoryCache } from '@atproto/identity'

export class BoundedDidCache extends MemoryCache {
  constructor(
    staleMs: number,
    maxAgeMs: number,
    private readonly maxEntries: number,
  ) {
    super(staleMs, maxAgeMs)
  }

  override async cacheDid(did: string, doc: DidDocument): Promise<void> {
    if (this.cache.size >= this.maxEntries && !this.cache.has(did)) this.cache.clear()
    await super.cacheDid(did, doc)
  }
}
