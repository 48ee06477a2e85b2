// Account DIDs at the PLC directory: the genesis op that makes a DID, the
// update ops a handle change or a change of the account's PDS host needs, and
// publishing ops that were kept because no directory was configured (or it
// was down) when they were made. An account's endpoint is its domain's PDS
// host's; any of this server's hosts is "us".
import type { Keypair } from '@atproto/crypto'
import { type DidDocument, parseToAtprotoDocument } from '@atproto/identity'
import { InvalidRequestError, UpstreamFailureError } from '@atproto/xrpc-server'
import * as plc from '@did-plc/lib'
import type { Logger } from '../lib/logger.js'
import type { TenantRegistry } from '../storage/management/tenant-registry.js'
import type { Storage } from '../storage/storage.js'
import { didDocFromPlcOp, type PlcOperationFields } from './did-doc.js'
import { type DidKeys, pdsEndpointOf } from './did-keys.js'
import { createGenesis, type Genesis } from './plc.js'
import { type PlcClient, PlcRefusedError, PlcUnreachableError } from './plc-client.js'

export type PlcServiceDeps = {
  storage: Storage
  registry: TenantRegistry
  /** Absent: no directory configured; ops are kept for `primal-pds plc publish`. */
  client?: PlcClient
  rotationKey: Keypair
  /** This server's PDS hosts (PdsHosts): each one's endpoint, and whether an endpoint is one of them. */
  hosts: PdsEndpoints
  /** DID documents of did:web accounts, which no directory holds (absent: no did:web moves in). */
  didKeys?: Pick<DidKeys, 'doc'>
  logger: Logger
}

/** What a user may change with com.atproto.identity.signPlcOperation; absent fields stay as they are. */
export type PlcFieldChanges = {
  rotationKeys?: string[]
  alsoKnownAs?: string[]
  verificationMethods?: Record<string, string>
  services?: Record<string, { type: string; endpoint: string }>
}

/** What PlcService needs of PdsHosts (src/tenant/pds-hosts.ts, a layer it may not import). */
export type PdsEndpoints = {
  /** The endpoint of a host (null: the service host). */
  endpointOf(host: string | null): string
  /** Whether `endpoint` is one of this server's hosts. */
  isOurs(endpoint: string | undefined): Promise<boolean>
}

/**
 * The DID cannot be changed with this server's rotation key (it is no longer
 * among the DID's rotation keys, or the DID is deactivated): only the user can.
 */
export class PlcUnchangeableError extends InvalidRequestError {}

type PlcSigner = Parameters<typeof plc.updateHandleOp>[1]

export type PublishReport = { published: number; failed: { did: string; error: string }[] }

export class PlcService {
  constructor(private readonly deps: PlcServiceDeps) {}

  get publishing(): boolean {
    return !!this.deps.client
  }

  /** The genesis op of a new account of a domain on `pdsHost` (its `pds_hostname`; null: the service host). */
  genesis(input: {
    signingKey: string
    handle: string
    recoveryKey?: string
    pdsHost: string | null
  }): Promise<Genesis> {
    const { pdsHost, ...keys } = input
    return createGenesis({
      ...keys,
      pdsEndpoint: this.deps.hosts.endpointOf(pdsHost),
      rotationKeypair: this.deps.rotationKey,
    })
  }

  /** The endpoint of a host (null: the service host): what an account on it names as its PDS. */
  endpointOf(host: string | null): string {
    return this.deps.hosts.endpointOf(host)
  }

  /**
   * Sends an op to the directory when one is configured. Returns when it was
   * accepted (null: kept for later). A refusal or an unreachable directory
   * becomes the XRPC error the caller's request fails with.
   */
  async publish(did: string, op: plc.OpOrTombstone): Promise<string | null> {
    const { client } = this.deps
    if (!client) return null
    try {
      await client.submit(did, op)
      return new Date().toISOString()
    } catch (err) {
      throw this.toXrpcError(did, err)
    }
  }

  /**
   * The signed op that gives `did` the handle `handle`, chained on its latest
   * op: the directory's when one is configured (the user may have changed the
   * DID with their own recovery key), else the last one this server made.
   */
  async handleUpdateOp(dbName: string, did: string, handle: string): Promise<plc.Operation> {
    const last = await this.changeableLastOp(dbName, did, 'update the handle')
    // @did-plc/lib is typed against an older @atproto/crypto; the Keypair shape is the same.
    return plc.updateHandleOp(last, this.deps.rotationKey as unknown as PlcSigner, handle)
  }

  /**
   * com.atproto.identity.signPlcOperation's op: the DID's latest op with the
   * fields the user gave in place of its own, signed with our rotation key
   * (only while that key may still change the DID). Not sent anywhere.
   */
  async signedUpdateOp(dbName: string, did: string, fields: PlcFieldChanges): Promise<plc.Operation> {
    const last = await this.changeableLastOp(dbName, did, 'sign the operation')
    return plc.createUpdateOp(last, this.deps.rotationKey as unknown as PlcSigner, (old) => ({
      ...old,
      rotationKeys: fields.rotationKeys ?? old.rotationKeys,
      alsoKnownAs: fields.alsoKnownAs ?? old.alsoKnownAs,
      verificationMethods: fields.verificationMethods ?? old.verificationMethods,
      services: fields.services ?? old.services,
    }))
  }

  /**
   * Checks an op a user brings to com.atproto.identity.submitPlcOperation the
   * way the official PDS does, with its messages: a well-formed op that keeps
   * our rotation key, the account's endpoint (its domain's host's), its
   * signing key and handle.
   */
  assertSubmittable(op: unknown, account: { signingKey: string; handle: string; endpoint: string }): plc.Operation {
    const parsed = plc.def.operation.safeParse(op)
    if (!parsed.success) throw new InvalidRequestError('Invalid operation')
    const checked = parsed.data as plc.Operation
    if (!checked.rotationKeys.includes(this.deps.rotationKey.did())) {
      throw new InvalidRequestError("Rotation keys do not include server's rotation key")
    }
    const pds = checked.services.atproto_pds
    if (pds?.type !== 'AtprotoPersonalDataServer')
      throw new InvalidRequestError('Incorrect type on atproto_pds service')
    if (pds.endpoint !== account.endpoint) throw new InvalidRequestError('Incorrect endpoint on atproto_pds service')
    if (checked.verificationMethods.atproto !== account.signingKey)
      throw new InvalidRequestError('Incorrect signing key')
    if (checked.alsoKnownAs[0] !== `at://${account.handle}`)
      throw new InvalidRequestError('Incorrect handle in alsoKnownAs')
    // Sent as the user signed it, not as the schema check rebuilt it.
    return op as plc.Operation
  }

  /**
   * Whether a DID's op (or the document it makes) still names this server as
   * the account's host: one of our hosts' endpoints as its PDS (an account
   * switched between our hosts has not left) and `signingKey` as its atproto
   * key. A tombstone names no one.
   */
  async namesUs(op: plc.CompatibleOpOrTombstone, signingKey: string): Promise<boolean> {
    if (op.type === 'plc_tombstone') return false
    const normalized = plc.normalizeOp(op)
    return (
      normalized.verificationMethods.atproto === signingKey &&
      (await this.deps.hosts.isOurs(normalized.services.atproto_pds?.endpoint))
    )
  }

  /** Whether a resolved DID document (a did:web's) names one of our endpoints and `signingKey`. */
  async docNamesUs(pdsEndpoint: string | undefined, docSigningKey: string | undefined, signingKey: string) {
    return docSigningKey === signingKey && (await this.deps.hosts.isOurs(pdsEndpoint))
  }

  /** The directory's latest op of `did` (kept ops sent first); undefined without a directory or when it does not know the DID. */
  async directoryLastOp(dbName: string, did: string): Promise<plc.CompatibleOpOrTombstone | undefined> {
    if (!this.deps.client) return undefined
    return this.lastOp(dbName, did)
  }

  /** A page of the directory's export (see PlcClient.exportOps); an error when no directory is configured. */
  async exportOps(after: string | null, count: number): Promise<plc.ExportedOp[]> {
    const { client } = this.deps
    if (!client) throw new Error('no PLC endpoint configured (plcEndpoint)')
    try {
      return await client.exportOps(after, count)
    } catch (err) {
      throw this.toXrpcError('the export', err)
    }
  }

  /** The signed op that makes `signingKey` (a did:key) the atproto signing key of `did`, chained as handleUpdateOp's. */
  async signingKeyUpdateOp(dbName: string, did: string, signingKey: string): Promise<plc.Operation> {
    const last = await this.changeableLastOp(dbName, did, 'change the signing key')
    return plc.updateAtprotoKeyOp(last, this.deps.rotationKey as unknown as PlcSigner, signingKey)
  }

  /**
   * The signed op that makes `endpoint` the atproto_pds endpoint of `did`,
   * changing nothing else, chained as handleUpdateOp's; null when its latest
   * op names that endpoint already (a switch of host cut short after the
   * directory took the op). Refused (PlcUnchangeableError) when the latest op
   * no longer names one of our hosts and `signingKey`: the account left with
   * our rotation key still listed, and pointing its DID back at us would break
   * it at its new PDS; the departures check is what should see it.
   */
  async endpointUpdateOp(
    dbName: string,
    did: string,
    endpoint: string,
    signingKey: string,
  ): Promise<plc.Operation | null> {
    const latest = await this.lastOp(dbName, did)
    if (
      latest &&
      latest.type !== 'plc_tombstone' &&
      plc.normalizeOp(latest).services.atproto_pds?.endpoint === endpoint
    ) {
      return null
    }
    if (latest && latest.type !== 'plc_tombstone' && !(await this.namesUs(latest, signingKey))) {
      throw new PlcUnchangeableError(`The DID ${did} no longer names this server as its PDS: it is not switched`)
    }
    const last = this.changeable(latest, did, 'change the PDS endpoint')
    return plc.createUpdateOp(last, this.deps.rotationKey as unknown as PlcSigner, (old) => ({
      ...old,
      services: {
        ...old.services,
        atproto_pds: { type: 'AtprotoPersonalDataServer', endpoint },
      },
    }))
  }

  /** The latest op of `did`, once it is known that this server's rotation key may chain another on it. */
  private async changeableLastOp(dbName: string, did: string, what: string): Promise<plc.CompatibleOp> {
    return this.changeable(await this.lastOp(dbName, did), did, what)
  }

  private changeable(last: plc.CompatibleOpOrTombstone | undefined, did: string, what: string): plc.CompatibleOp {
    if (!last || last.type === 'plc_tombstone') {
      throw new PlcUnchangeableError(`The DID ${did} is deactivated at the PLC directory`)
    }
    const rotationKeys = 'rotationKeys' in last ? last.rotationKeys : [last.recoveryKey, last.signingKey]
    if (!rotationKeys.includes(this.deps.rotationKey.did())) {
      throw new PlcUnchangeableError(
        `This server's rotation key can no longer change ${did}; ${what} with your own rotation key`,
      )
    }
    return last
  }

  /**
   * What the DID document should hold for this server to host the account
   * (com.atproto.identity.getRecommendedDidCredentials): our rotation key,
   * the signing key we hold for the account (a new one for an account moving
   * in), its handle and its domain's PDS endpoint.
   */
  recommendedCredentials(handle: string, signingKey: string, endpoint: string) {
    return {
      rotationKeys: [this.deps.rotationKey.did()],
      alsoKnownAs: [`at://${handle}`],
      verificationMethods: { atproto: signingKey },
      services: { atproto_pds: { type: 'AtprotoPersonalDataServer', endpoint } },
    }
  }

  /**
   * What an account moving in brings: a did:plc's current op as the directory
   * holds it, or the fields of a did:web's document in an op's shape. Kept as
   * the account's op until activation stores what names us.
   */
  async currentOp(did: string): Promise<unknown> {
    if (did.startsWith('did:web:')) return opFieldsOfDoc(await this.webDoc(did))
    if (!did.startsWith('did:plc:')) throw new InvalidRequestError(`Unsupported DID method: ${did}`)
    const { client } = this.deps
    if (!client) throw new InvalidRequestError('This server has no PLC directory configured: it cannot take a did:plc')
    let last: plc.CompatibleOpOrTombstone | undefined
    try {
      last = await client.lastOp(did)
    } catch (err) {
      throw this.toXrpcError(did, err)
    }
    if (!last) throw new InvalidRequestError(`DID not found: ${did}`, 'DidNotFound')
    if (last.type === 'plc_tombstone') throw new InvalidRequestError(`DID deactivated: ${did}`, 'DidDeactivated')
    return plc.normalizeOp(last)
  }

  /**
   * Throws unless the DID's latest op (the directory's, when one is
   * configured) still makes this server its host: our rotation key among its
   * rotation keys, one of `endpoints` (the account's: its domain's host's, or
   * the host it is on while a switch of host is under way) as its PDS,
   * `signingKey` (a did:key) as its atproto key. What the official PDS checks
   * before activating an account, with its messages.
   */
  async assertHostedHere(dbName: string, did: string, signingKey: string, endpoints: string[]): Promise<unknown> {
    if (did.startsWith('did:web:')) return this.assertWebHostedHere(did, signingKey, endpoints)
    const last = await this.lastOp(dbName, did)
    if (!last || last.type === 'plc_tombstone')
      throw new InvalidRequestError(`The DID ${did} is deactivated at the PLC directory`)
    const op = plc.normalizeOp(last)
    if (!op.rotationKeys.includes(this.deps.rotationKey.did())) {
      throw new InvalidRequestError('Server rotation key not included in PLC DID data')
    }
    if (!endpoints.includes(op.services.atproto_pds?.endpoint as string)) {
      throw new InvalidRequestError('DID document atproto_pds service endpoint does not match PDS public url')
    }
    if (op.verificationMethods.atproto !== signingKey) {
      throw new InvalidRequestError('DID document verification method does not match expected signing key')
    }
    return op
  }

  /** As assertHostedHere, for a did:web: its document (fetched fresh) names our endpoint and `signingKey`. */
  private async assertWebHostedHere(did: string, signingKey: string, endpoints: string[]): Promise<unknown> {
    const doc = await this.webDoc(did)
    const fields = opFieldsOfDoc(doc)
    if (!endpoints.includes(pdsEndpointOf(doc) as string)) {
      throw new InvalidRequestError('DID document atproto_pds service endpoint does not match PDS public url')
    }
    if (fields.verificationMethods.atproto !== signingKey) {
      throw new InvalidRequestError('DID document verification method does not match expected signing key')
    }
    return fields
  }

  /** A did:web's document, fetched fresh from its host. */
  private webDoc(did: string): Promise<DidDocument> {
    if (!this.deps.didKeys) throw new InvalidRequestError(`did:web is not supported here: ${did}`)
    return this.deps.didKeys.doc(did, true)
  }

  /** The account's DID document as its latest op makes it (for describeRepo); an account without one gets a bare document. */
  async didDoc(account: { db_name: string; did: string; handle: string; pds_host: string | null }) {
    const row = await this.deps.storage.read(account.db_name, (t) => t.accounts.get(account.did))
    const op = (row?.plc_op ?? {}) as PlcOperationFields
    return didDocFromPlcOp(account.did, op, account.handle, this.deps.hosts.endpointOf(account.pds_host))
  }

  /** The DID document of an account we host, as its latest op makes it; undefined for any other DID. */
  async hostedDidDoc(did: string) {
    const home = await this.deps.registry.findHome('did', did)
    return home && this.didDoc(home)
  }

  /** Sends every kept op of every tenant (or of one DID), oldest first; a DID whose op fails waits for the next run. */
  async publishPending(only?: { dbName: string; did: string }): Promise<PublishReport> {
    const report: PublishReport = { published: 0, failed: [] }
    const { client, storage, registry } = this.deps
    if (!client) throw new Error('no PLC endpoint configured (plcEndpoint)')
    const stores = only
      ? [only.dbName]
      : (await registry.listDomains()).filter((d) => d.status === 'active').map((d) => d.db_name)
    for (const dbName of stores) {
      const pending = await storage.read(dbName, (t) => t.plc.unpublished(only?.did))
      const failedDids = new Set<string>()
      for (const op of pending) {
        // Ops chain: once one of a DID fails, its later ones would be refused.
        if (failedDids.has(op.did)) continue
        try {
          await client.submit(op.did, op.op as plc.OpOrTombstone)
          await storage.write(dbName, (w) => w.plc.markPublished(op))
          report.published++
        } catch (err) {
          failedDids.add(op.did)
          report.failed.push({ did: op.did, error: (err as Error).message })
          this.deps.logger.warn({ did: op.did, err }, 'publishing a PLC operation failed')
        }
      }
    }
    return report
  }

  private async lastOp(dbName: string, did: string): Promise<plc.CompatibleOpOrTombstone | undefined> {
    const { client, storage } = this.deps
    if (client) {
      // Ops kept while the directory was unset or down go first, so the new op chains on what it knows.
      const pending = await this.publishPending({ dbName, did })
      if (pending.failed.length > 0) throw this.toXrpcError(did, new PlcUnreachableError(pending.failed[0]?.error))
      try {
        const last = await client.lastOp(did)
        if (last) return last
      } catch (err) {
        throw this.toXrpcError(did, err)
      }
    }
    const stored = await storage.read(dbName, (t) => t.plc.latest(did))
    return stored?.op as plc.CompatibleOpOrTombstone | undefined
  }

  private toXrpcError(did: string, err: unknown): Error {
    this.deps.logger.warn({ did, err }, 'PLC directory request failed')
    if (err instanceof PlcRefusedError) {
      return new InvalidRequestError(`The PLC directory refused the DID operation: ${err.message}`)
    }
    if (err instanceof PlcUnreachableError) {
      return new UpstreamFailureError(`The PLC directory could not be reached; nothing was changed. ${err.message}`)
    }
    return err as Error
  }
}

/** A DID document's atproto data in the shape of a PLC op's fields (what didDocFromPlcOp reads). */
function opFieldsOfDoc(doc: DidDocument) {
  const data = parseToAtprotoDocument(doc)
  return {
    verificationMethods: data.signingKey ? { atproto: data.signingKey } : ({} as Record<string, string>),
    alsoKnownAs: doc.alsoKnownAs ?? [],
    services: data.pds ? { atproto_pds: { type: 'AtprotoPersonalDataServer', endpoint: data.pds } } : {},
  }
}
