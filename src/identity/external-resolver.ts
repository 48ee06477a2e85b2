// Handles and DIDs as the rest of the network publishes them (DNS, well-known
// documents, the PLC directory, did:web hosts), cached. What we host is
// answered before this is asked (IdentityService); a handle change here
// (AccountService) asks it fresh.
import {
  type DidDocument,
  PoorlyFormattedDidDocumentError,
  PoorlyFormattedDidError,
  UnsupportedDidMethodError,
  UnsupportedDidWebPathError,
} from '@atproto/identity'
import { InvalidRequestError, UpstreamFailureError } from '@atproto/xrpc-server'
import type { IdentityConfig } from '../config/config.js'
import { ExpiringCache } from '../lib/expiring-cache.js'
import type { AtprotoDidResolver } from './did-resolver.js'
import { DnsHandleResolver } from './handle-resolver.js'

/** How long a handle's DID (or its absence) is believed before it is looked up again. */
const HANDLE_FOUND_MS = 10 * 60 * 1000
const HANDLE_MISSING_MS = 60 * 1000
const HANDLE_CACHE_ENTRIES = 10_000

/** Fetches only from this machine: loopback-only mode (tests, local development). */
export function loopbackOnlyFetch(): typeof globalThis.fetch {
  const local = new Set(['localhost', '127.0.0.1', '[::1]'])
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input))
    if (!local.has(url.hostname)) {
      return Promise.reject(new TypeError(`identity.loopbackOnly: ${url.hostname} is not this machine`))
    }
    return globalThis.fetch(input, init)
  }
}

export class ExternalIdentityResolver {
  private readonly handles: DnsHandleResolver
  private readonly dids: AtprotoDidResolver
  private readonly handleCache = new ExpiringCache<string | null>(HANDLE_CACHE_ENTRIES)

  /** `dids`: the process's one DID resolver and cache, shared with the service proxy (context.ts). */
  constructor(config: IdentityConfig, dids: AtprotoDidResolver) {
    this.handles = new DnsHandleResolver(config, config.loopbackOnly ? loopbackOnlyFetch() : undefined)
    this.dids = dids
  }

  /** The DID `handle` names by DNS or its well-known document, or undefined; `fresh` skips the cache. */
  async handleToDid(handle: string, fresh = false): Promise<string | undefined> {
    const hit = fresh ? undefined : this.handleCache.get(handle)
    if (hit && Date.now() - hit.at < (hit.value ? HANDLE_FOUND_MS : HANDLE_MISSING_MS)) return hit.value ?? undefined
    const did = await this.handles.resolve(handle)
    this.handleCache.set(handle, did ?? null)
    return did
  }

  /**
   * The DID document of `did`; `fresh` skips the cache. Throws the lexicons'
   * errors: DidNotFound (none, or none we can read), DidDeactivated (the
   * directory's tombstone), UpstreamFailure (the directory is down).
   */
  async didDoc(did: string, fresh = false): Promise<DidDocument> {
    let doc: DidDocument | null
    try {
      doc = await this.dids.resolve(did, fresh)
    } catch (err) {
      throw resolutionError(did, err)
    }
    if (!doc) throw new InvalidRequestError(`DID not found: ${did}`, 'DidNotFound')
    return doc
  }

  /** Drops what is cached about `did` and `handles` (after a handle change of ours). */
  async forget(did: string, handles: string[]): Promise<void> {
    for (const handle of handles) this.handleCache.delete(handle)
    await this.dids.forget(did)
  }
}

function resolutionError(did: string, err: unknown): Error {
  // A DID no resolver can read: another method, a did:web with a path, malformed.
  if (
    err instanceof UnsupportedDidMethodError ||
    err instanceof UnsupportedDidWebPathError ||
    err instanceof PoorlyFormattedDidError
  ) {
    return new InvalidRequestError(err.message)
  }
  const status = (err as { status?: unknown }).status
  // The PLC directory answers 410 Gone for a tombstoned DID.
  if (status === 410) return new InvalidRequestError(`DID deactivated: ${did}`, 'DidDeactivated')
  if (err instanceof PoorlyFormattedDidDocumentError) {
    return new InvalidRequestError(`DID document of ${did} is not a valid DID document`, 'DidNotFound')
  }
  // A did:web host that cannot be reached publishes no document we can read.
  if (did.startsWith('did:web:')) {
    return new InvalidRequestError(`Could not fetch the DID document of ${did}`, 'DidNotFound')
  }
  return new UpstreamFailureError(`The PLC directory could not resolve ${did}: ${(err as Error).message}`)
}
