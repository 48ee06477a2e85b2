// What a DID document says about an account arriving from another PDS: its
// atproto signing key (which signs its service-auth tokens and, until the
// document names ours, its repo's commits) and its PDS endpoint. Read through
// the process's one DID resolver and cache; `fresh` asks the authority again,
// as a signature that fails against a cached key must. A repo an account
// brings may be signed with a key its DID had before (the old PDS's, once the
// user has named ours): the keys of a did:plc's log at the directory.
import { type DidDocument, getKey, parseToAtprotoDocument } from '@atproto/identity'
import { InvalidRequestError, UpstreamFailureError } from '@atproto/xrpc-server'
import * as plc from '@did-plc/lib'
import type { ExternalIdentityResolver } from './external-resolver.js'
import type { PlcClient } from './plc-client.js'

export class DidKeys {
  /** `plc`: the PLC directory did:plc documents are read from (none: only the current key is known). */
  constructor(
    private readonly external: Pick<ExternalIdentityResolver, 'didDoc'>,
    private readonly plc?: Pick<PlcClient, 'log'>,
  ) {}

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

  /**
   * Every key that has been the DID's atproto signing key, newest first, in
   * one request: for a did:plc, those of the ops in its log at the directory
   * (checked as a chain from the DID's creation, each op signed by a rotation
   * key of the one before; the ops a recovery nullified are not in it, so a
   * key a recovery undid is not either); for a did:web, whose past is not
   * published, its document's key now (as cached).
   */
  async signingKeysEver(did: string): Promise<string[]> {
    if (!did.startsWith('did:plc:') || !this.plc) return [await this.signingKey(did)]
    let ops: plc.CompatibleOpOrTombstone[] | undefined
    try {
      ops = await this.plc.log(did)
    } catch (err) {
      throw new UpstreamFailureError(`The PLC directory could not give the log of ${did}: ${(err as Error).message}`)
    }
    if (!ops || ops.length === 0) throw new InvalidRequestError(`DID not found: ${did}`, 'DidNotFound')
    let current: plc.DocumentData | null
    try {
      current = await plc.validateOperationLog(did, ops)
    } catch (err) {
      throw new UpstreamFailureError(`The PLC directory's log of ${did} does not hold: ${(err as Error).message}`)
    }
    if (!current) throw new InvalidRequestError(`DID deactivated: ${did}`, 'DidDeactivated')
    const keys = new Set<string>()
    for (const op of ops.toReversed()) {
      const key = plc.opToData(did, op)?.verificationMethods.atproto
      if (key) keys.add(key)
    }
    return [...keys]
  }
}

/** The PDS endpoint a document names, if any. */
export function pdsEndpointOf(doc: DidDocument): string | undefined {
  return parseToAtprotoDocument(doc).pds
}
