// com.atproto.repo.importRepo: an account moving here brings its repo as a
// CAR. Read up to a configured size, every block checked against its CID,
// the root a commit of the account's DID signed with a key that is or was
// its atproto signing key (the old PDS's: the document names it until the
// user names ours, and a retried import after that still brings its
// commit), the whole MST walked; then stored in one transaction that replaces the repo:
// blocks, record index, blob uses, commit indexers' rows and the root. The
// imported commit and its rev stay the head; our next commit chains on it.
import type { Readable } from 'node:stream'
import { decode } from '@atproto/lex-cbor'
import { type Cid, isCid } from '@atproto/lex-data'
import { type BlockMap, RepoVerificationError, readCarWithRoot, verifyRepo } from '@atproto/repo'
import { InvalidRequestError, ResponseType, XRPCError } from '@atproto/xrpc-server'
import type { DidKeys } from '../identity/did-keys.js'
import type { ByteBudget, Lease } from '../lib/byte-budget.js'
import type { Logger } from '../lib/logger.js'
import { readBody } from '../lib/read-body.js'
import { accountMovingError } from '../lib/unavailable.js'
import type { Storage } from '../storage/storage.js'
import type { CommitIndexer } from './commit-indexer.js'
import type { BlobUse, PreparedRecordWrite, PreparedWrite } from './prepare.js'
import type { RepoLocation } from './repo-service.js'

export type RepoImportDeps = {
  storage: Storage
  didKeys: Pick<DidKeys, 'signingKey' | 'signingKeysEver'>
  indexers: CommitIndexer[]
  /** Largest CAR taken, in bytes (limits.importRepoBytes). */
  maxBytes: number
  /** What all imports under way may hold (limits.importRepoMemoryBytes). */
  memory: ByteBudget
  logger: Logger
}

export type ImportResult = { cid: string; rev: string; records: number; changed: boolean }

type VerifiedImport = {
  root: { cid: string; rev: string }
  blocks: { cid: string; content: Uint8Array }[]
  records: PreparedRecordWrite[]
}

export class RepoImporter {
  constructor(private readonly deps: RepoImportDeps) {}

  /**
   * Checks the CAR and, only when all of it holds, replaces the repo with it.
   * Importing the repo's current commit again changes nothing.
   */
  async import(repo: RepoLocation, body: Readable | Uint8Array): Promise<ImportResult> {
    const held: Lease[] = []
    try {
      const bytes = body instanceof Uint8Array ? body : await this.read(body, held)
      if (bytes.byteLength > this.deps.maxBytes) throw tooLarge(this.deps.maxBytes)
      return await this.store(repo, await this.verify(repo.did, bytes))
    } finally {
      for (const lease of held) lease.release()
    }
  }

  /**
   * Reads the body into memory, failing as soon as it passes the limit, or as
   * soon as it would pass what all imports together may hold (unless it is the only one).
   */
  private async read(stream: Readable, held: Lease[]): Promise<Uint8Array> {
    const { memory, maxBytes } = this.deps
    let mine = 0
    const empty = 'importRepo needs a CAR as its body'
    return readBody(stream, {
      max: maxBytes,
      tooLarge: () => tooLarge(maxBytes),
      empty,
      hold: (bytes) => {
        const lease = memory.tryAcquire(bytes) ?? (memory.held === mine ? memory.draw(bytes) : undefined)
        if (!lease) {
          throw new XRPCError(
            ResponseType.NotEnoughResources,
            'Too many repositories are being imported at once; try again shortly',
          )
        }
        mine += bytes
        held.push(lease)
      },
    })
  }

  private async store(repo: RepoLocation, verified: VerifiedImport): Promise<ImportResult> {
    const { root, records } = verified
    const changed = await this.deps.storage.transact(repo.db_name, async (tx) => {
      const current = await tx.repo.lockForCommit(repo.did)
      if (!current) throw new InvalidRequestError(`Could not find repo: ${repo.did}`, 'RepoNotFound')
      if (current.status !== 'active') throw new InvalidRequestError(`Account is ${current.status}`, 'AccountTakedown')
      // A move to another of our domains copies the account: an import landing here now would miss the copy.
      if (current.moving_since !== null) throw accountMovingError()
      if (current.deactivated_at === null) {
        // Replacing a repo relays follow, with no event to tell them, would leave them out of step.
        throw new InvalidRequestError(
          'importRepo is for an account that is not activated yet (moving here): deactivate it first',
        )
      }
      if (current.cid === root.cid) return false
      const before = await tx.repo.recordPaths(repo.did)
      await tx.repo.replaceRepo(repo.did, {
        root,
        blocks: verified.blocks,
        records: records.map((r) => ({ collection: r.collection, rkey: r.rkey, cid: r.cid.toString() })),
      })
      await tx.blobs.replaceRecordBlobs(
        repo.did,
        root.rev,
        records.map((r) => ({ path: `${r.collection}/${r.rkey}`, blobCids: r.blobs.map((b) => b.cid) })),
      )
      const kept = new Set(records.map((r) => `${r.collection}/${r.rkey}`))
      const writes: PreparedWrite[] = [
        ...before
          .filter((p) => !kept.has(`${p.collection}/${p.rkey}`))
          .map((p) => ({ action: 'delete' as const, collection: p.collection, rkey: p.rkey })),
        ...records,
      ]
      for (const indexer of this.deps.indexers) {
        if (writes.some((w) => indexer.wants(w.collection))) await indexer.index(tx, repo.did, writes)
      }
      return true
    })
    this.deps.logger.info(
      { did: repo.did, tenant: repo.db_name, rev: root.rev, records: records.length, changed },
      'repo imported',
    )
    return { ...root, records: records.length, changed }
  }

  /**
   * The repo checked against each key the DID has had until one holds; the
   * signature checked first, so a wrong key costs no walk of the MST.
   */
  private async verifySigned(did: string, car: { root: Cid; blocks: BlockMap }) {
    const tried = new Set<string>()
    let refused: unknown
    for await (const key of candidateKeys(this.deps.didKeys, did)) {
      if (tried.has(key)) continue
      tried.add(key)
      try {
        return await verifyRepo(car.blocks, car.root, did, key)
      } catch (err) {
        if (!isBadSignature(err)) throw err
        refused = err
      }
    }
    throw refused
  }

  /** The CAR's repo, once every check holds: CIDs, the commit's DID and signature, the MST and every record. */
  private async verify(did: string, bytes: Uint8Array): Promise<VerifiedImport> {
    let car: { root: Cid; blocks: BlockMap }
    try {
      car = await readCarWithRoot(bytes)
    } catch (err) {
      throw new InvalidRequestError(`Could not read the repository CAR: ${message(err)}`)
    }
    let repo: Awaited<ReturnType<typeof verifyRepo>>
    try {
      repo = await this.verifySigned(did, car)
    } catch (err) {
      if (err instanceof XRPCError) throw err
      throw new InvalidRequestError(`Invalid repository CAR: ${message(err)}`)
    }
    const records = await Promise.all(
      repo.creates.map(async (c): Promise<PreparedRecordWrite> => {
        const path = `${c.collection}/${c.rkey}`
        const content = car.blocks.get(c.cid)
        let record: unknown
        try {
          record = content && decode(content)
        } catch {
          record = undefined
        }
        if (!record || typeof record !== 'object' || Array.isArray(record) || isCid(record)) {
          throw new InvalidRequestError(`Could not parse record at '${path}'`)
        }
        return {
          action: 'create',
          collection: c.collection,
          rkey: c.rkey,
          record: record as PreparedRecordWrite['record'],
          cid: c.cid,
          blobs: blobsIn(record),
        }
      }),
    )
    const blocks: VerifiedImport['blocks'] = []
    repo.commit.newBlocks.forEach((content, cid) => {
      blocks.push({ cid: cid.toString(), content })
    })
    return { root: { cid: repo.commit.cid.toString(), rev: repo.commit.rev }, blocks, records }
  }
}

/** The keys a repo's commit may be signed with, in the order they are tried: the likeliest first, a request each. */
async function* candidateKeys(didKeys: RepoImportDeps['didKeys'], did: string): AsyncGenerator<string> {
  yield await didKeys.signingKey(did)
  // The DID's key may have changed since it was cached: ask its authority again.
  yield await didKeys.signingKey(did, true)
  // The CAR an old PDS exported is signed with its key, which the document stops naming once the user
  // names ours: an import retried after that (it failed, or the repo is restored from a backup) brings it.
  yield* await didKeys.signingKeysEver(did)
}

function isBadSignature(err: unknown): boolean {
  return err instanceof RepoVerificationError && err.message.startsWith('Invalid signature')
}

/**
 * Every blob a record (in its DAG-CBOR form) names, wherever it sits: a blob
 * ref (`$type: blob`, a CID link), or a legacy one (`cid` and `mimeType` only).
 */
function blobsIn(value: unknown, found: BlobUse[] = [], depth = 0): BlobUse[] {
  if (depth > 32 || !value || typeof value !== 'object' || value instanceof Uint8Array || isCid(value)) return found
  if (Array.isArray(value)) {
    for (const v of value) blobsIn(v, found, depth + 1)
    return found
  }
  const obj = value as Record<string, unknown>
  if (obj.$type === 'blob' && isCid(obj.ref)) {
    const size = typeof obj.size === 'number' ? obj.size : -1
    found.push({ cid: obj.ref.toString(), mimeType: String(obj.mimeType), size })
    return found
  }
  const keys = Object.keys(obj)
  if (keys.length === 2 && typeof obj.cid === 'string' && typeof obj.mimeType === 'string') {
    found.push({ cid: obj.cid, mimeType: obj.mimeType, size: -1 })
    return found
  }
  for (const v of Object.values(obj)) blobsIn(v, found, depth + 1)
  return found
}

function message(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 500)
}

function tooLarge(max: number): XRPCError {
  return new XRPCError(413, `The repository CAR is larger than the limit of ${max} bytes`, 'PayloadTooLarge')
}
