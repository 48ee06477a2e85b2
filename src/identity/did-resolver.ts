// DID → DID document: did:plc from the PLC directory of our config, did:web
// from https://<host>/.well-known/did.json, with @atproto/identity's
// resolvers and a bounded cache. One per process (context.ts), shared by
// identity lookups and the service proxy's atproto-proxy DIDs.
import { type CacheResult, type DidCache, type DidDocument, DidPlcResolver, DidResolver } from '@atproto/identity'
import { ExpiringCache } from '../lib/expiring-cache.js'

type Fetch = typeof globalThis.fetch

/** A cached document older than this is fetched again before it is used (kept if that fails). */
const DID_STALE_MS = 10 * 60 * 1000
/** A cached document older than this is not used at all. */
const DID_MAX_AGE_MS = 24 * 60 * 60 * 1000
const DID_CACHE_ENTRIES = 10_000
/**
 * A document larger than this (as JSON) is used but not kept: anyone can make
 * DIDs with large documents, and 10,000 of the fetch's 512 KB would be gigabytes.
 */
const DID_CACHE_DOC_BYTES = 32 * 1024

export class AtprotoDidResolver extends DidResolver {
  /**
   * `plcUrl` absent: no directory, so no did:plc resolves here. The directory
   * is the operator's, reached with the plain fetch; did:web hosts are anyone's,
   * reached with `webFetch` (the library's https-to-public-addresses fetch when absent).
   */
  constructor(opts: { plcUrl?: string; timeoutMs: number; webFetch?: Fetch }) {
    super({ timeout: opts.timeoutMs, didCache: new BoundedDidCache(), fetch: opts.webFetch })
    if (opts.plcUrl)
      this.methods.set('plc', new DidPlcResolver(opts.plcUrl, opts.timeoutMs, undefined, globalThis.fetch))
    else this.methods.delete('plc')
  }

  /** The document as published, unchecked; null when the method's authority says there is none. */
  override async resolveNoCheck(did: string): Promise<unknown> {
    if (did.startsWith('did:plc:') && !this.methods.has('plc')) return null
    return super.resolveNoCheck(did)
  }

  forget(did: string): Promise<void> {
    return this.cache?.clearEntry(did) ?? Promise.resolve()
  }
}

/** @atproto/identity's DidCache over a bounded map: stale documents are refreshed, and kept when the refresh fails. */
class BoundedDidCache implements DidCache {
  private readonly docs = new ExpiringCache<DidDocument>(DID_CACHE_ENTRIES)

  async cacheDid(did: string, doc: DidDocument): Promise<void> {
    this.keep(did, doc)
  }

  private keep(did: string, doc: DidDocument): void {
    if (JSON.stringify(doc).length <= DID_CACHE_DOC_BYTES) this.docs.set(did, doc)
    else this.docs.delete(did)
  }

  async checkCache(did: string): Promise<CacheResult | null> {
    const hit = this.docs.get(did)
    if (!hit) return null
    const age = Date.now() - hit.at
    return { did, doc: hit.value, updatedAt: hit.at, stale: age > DID_STALE_MS, expired: age > DID_MAX_AGE_MS }
  }

  async refreshCache(did: string, getDoc: () => Promise<DidDocument | null>): Promise<void> {
    try {
      const doc = await getDoc()
      if (doc) this.keep(did, doc)
      else this.docs.delete(did)
    } catch {
      // The stale document is still the best answer while its host is unreachable.
    }
  }

  async clearEntry(did: string): Promise<void> {
    this.docs.delete(did)
  }

  async clear(): Promise<void> {
    this.docs.clear()
  }
}
