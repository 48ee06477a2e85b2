// com.atproto.identity's resolution: a handle or DID of anyone, our own
// accounts answered from our tables first. An identity's handle counts only
// when it and the DID document name each other; else it is `handle.invalid`.
import { type DidDocument, getHandle } from '@atproto/identity'
import { INVALID_HANDLE, isValidHandle, isValidTld, normalizeHandle } from '@atproto/syntax'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { ExternalIdentityResolver } from './external-resolver.js'

/** What we host, as resolution needs it (the AccountService). */
export type HostedHandles = {
  /** The DID of the account we host under `handle`, if any. */
  didForHandle(handle: string): Promise<string | undefined>
  /** Whether no one but us answers for `handle`: it is under one of our tenant domains, or a hostname of the service. */
  isOurs(handle: string): Promise<boolean>
}

/** The DID documents of our own did:plc accounts (the PlcService). */
export type HostedDidDocs = {
  /** Whether ops go to a PLC directory, which then answers for our DIDs too. */
  readonly publishing: boolean
  hostedDidDoc(did: string): Promise<DidDocument | undefined>
}

export type Identity = { did: string; handle: string; didDoc: DidDocument }

/** `fresh`: look everything up again instead of answering from the caches (refreshIdentity). */
export type Freshness = { fresh?: boolean }

export class IdentityService {
  constructor(
    private readonly deps: { hosted: HostedHandles; hostedDocs: HostedDidDocs; external: ExternalIdentityResolver },
  ) {}

  /** The DID a handle names: ours from our tables, anyone else's by DNS or well-known. HandleNotFound if none. */
  async resolveHandle(input: string, opts: Freshness = {}): Promise<string> {
    const handle = normalizeHandle(input)
    const ours = await this.deps.hosted.didForHandle(handle)
    if (ours) return ours
    // Handles under our domains are ours to know; reserved TLDs never resolve.
    const lookUp = isValidHandle(handle) && isValidTld(handle) && !(await this.deps.hosted.isOurs(handle))
    const did = lookUp ? await this.deps.external.handleToDid(handle, opts.fresh) : undefined
    if (!did) throw new InvalidRequestError('Unable to resolve handle', 'HandleNotFound')
    return did
  }

  /**
   * A DID's document. Our accounts' documents come from the PLC directory when
   * there is one (a user may have changed theirs there), else from our own ops.
   */
  async resolveDid(did: string, opts: Freshness = {}): Promise<DidDocument> {
    if (!this.deps.hostedDocs.publishing) {
      const ours = await this.deps.hostedDocs.hostedDidDoc(did)
      if (ours) return ours
    }
    return this.deps.external.didDoc(did, opts.fresh)
  }

  /** A handle or DID with its DID document and its handle, verified both ways. */
  async resolveIdentity(identifier: string, opts: Freshness = {}): Promise<Identity> {
    if (identifier.startsWith('did:')) {
      const didDoc = await this.resolveDid(identifier, opts)
      const claimed = claimedHandle(didDoc)
      const confirmed = claimed && (await this.resolveHandle(claimed, opts).catch(() => undefined)) === identifier
      return { did: identifier, handle: confirmed ? claimed : INVALID_HANDLE, didDoc }
    }
    const handle = normalizeHandle(identifier)
    const did = await this.resolveHandle(handle, opts)
    const didDoc = await this.resolveDid(did, opts)
    return { did, handle: claimedHandle(didDoc) === handle ? handle : INVALID_HANDLE, didDoc }
  }
}

/** The handle a DID document claims (its first at:// alias), if it is one. */
function claimedHandle(doc: DidDocument): string | undefined {
  const handle = getHandle(doc)
  return handle !== undefined && isValidHandle(handle) ? normalizeHandle(handle) : undefined
}
