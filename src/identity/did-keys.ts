// What a DID document says about an account arriving from another PDS: its
// atproto signing key (which signs its service-auth tokens and, until the
// document names ours, its repo's commits) and its PDS endpoint. Read through
// the process's one DID resolver and cache; `fresh` asks the authority again,
// as a signature that fails against a cached key must.
import { type DidDocument, getKey, parseToAtprotoDocument } from '@atproto/identity'
import { InvalidRequestError } from '@atproto/xrpc-server'
import type { ExternalIdentityResolver } from './external-resolver.js'

export class DidKeys {
  constructor(private readonly external: Pick<ExternalIdentityResolver, 'didDoc'>) {}

  /** The DID's document, from the directory (did:plc) or its host (did:web). */
  doc(did: string, fresh = false): Promise<DidDocument> {
    return this.external.didDoc(did, fresh)
  }

  /** The did:key its document names as its atproto signing key; InvalidRequest when it names none. */
  async signingKey(did: string, fresh = false): Promise<string> {
    const key = getKey(await this.doc(did, fresh))
    if (!key)
      throw new InvalidRequestError(`The DID document of ${did} names no atproto signing key`, 'IncompatibleDidDoc')
    return key
  }
}

/** The PDS endpoint a document names, if any. */
export function pdsEndpointOf(doc: DidDocument): string | undefined {
  return parseToAtprotoDocument(doc).pds
}
