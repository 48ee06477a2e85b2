// Repositories: creating an account's repo and applying writes to it, as
// DESIGN §4 lays down. One tenant transaction per commit: lock the root row,
// check swaps under the lock, build and sign the commit over a blockstore that
// reads only the MST nodes it needs, then store blocks, root, record index,
// blob uses and the outbox event together. The client is answered after COMMIT.
import type { Secp256k1Keypair } from '@atproto/crypto'
import { encode } from '@atproto/lex-cbor'
import { type Cid, parseCid } from '@atproto/lex-data'
import {
  BlockMap,
  blocksToCarFile,
  type CommitData,
  MemoryBlockstore,
  type RecordWriteOp,
  Repo,
  WriteOpAction,
} from '@atproto/repo'
import { InvalidRequestError } from '@atproto/xrpc-server'
import { blobReader, blobWriter } from '../blob/blob-store.js'
import type { Storage } from '../db/storage.js'
import type { Logger } from '../logger.js'
import { searchTransactor } from '../search/search-store.js'
import { TenantBlockstore } from './blockstore.js'
import type { PreparedWrite } from './prepare.js'
import { type RepoTx, repoReader, repoTransactor } from './repo-store.js'
import type { SigningKeyCache } from './signing-keys.js'

export type RepoLocation = { did: string; db_name: string }

export type WriteResult = {
  action: 'create' | 'update' | 'delete'
  collection: string
  rkey: string
  cid?: string
  validationStatus?: 'valid' | 'unknown'
}

export type CommitResult = { cid: string; rev: string; results: WriteResult[]; blocksRead: number }

export type RepoServiceDeps = {
  storage: Storage
  signingKeys: SigningKeyCache
  /** Tells the sequencer that a tenant's outbox has new rows. */
  outboxWritten: (source: string) => void
  logger: Logger
}

export class RepoService {
  constructor(private readonly deps: RepoServiceDeps) {}

  /** Writes an account's first, empty, signed commit (inside the account's creation transaction). */
  async createRepo(trx: RepoTx, did: string, keypair: Secp256k1Keypair): Promise<{ cid: string; rev: string }> {
    const commit = await Repo.formatInitCommit(new MemoryBlockstore(), did, keypair)
    await repoTransactor.putBlocks(trx, did, commit.rev, blockRows(commit.newBlocks))
    const root = { cid: commit.cid.toString(), rev: commit.rev }
    await repoTransactor.createRoot(trx, did, root)
    await repoTransactor.appendOutbox(trx, did, 'commit', await commitEvent(did, commit, [], null))
    // #sync states the repo's whole current state (here: the first commit), as a relay resets to it.
    await repoTransactor.appendOutbox(trx, did, 'sync', await syncEvent(did, commit))
    return root
  }

  /**
   * Applies writes as one commit. Throws InvalidSwap when a swap does not
   * hold, and leaves the repo untouched on any error. Returns null when there
   * was nothing to do (only deletes, with `ifExists`, of absent records).
   */
  async applyWrites(repo: RepoLocation, writes: PreparedWrite[], swapCommit?: Cid): Promise<CommitResult | null> {
    assertDistinctPaths(writes)
    const result = await this.commit(repo, writes, swapCommit)
    if (result) this.deps.outboxWritten(repo.db_name)
    return result
  }

  /**
   * Applies writes as one commit inside a transaction the caller holds (as
   * account creation does, to write a profile with the first commit). The
   * caller tells the sequencer once it has committed.
   */
  async applyWritesWithin(trx: RepoTx, repo: RepoLocation, writes: PreparedWrite[]): Promise<CommitResult | null> {
    assertDistinctPaths(writes)
    return this.commitWithin(trx, repo, writes)
  }

  private commit(repo: RepoLocation, writes: PreparedWrite[], swapCommit?: Cid): Promise<CommitResult | null> {
    return this.deps.storage.withTenant(repo.db_name, (db) =>
      db.transaction().execute((trx) => this.commitWithin(trx, repo, writes, swapCommit)),
    )
  }

  private async commitWithin(
    trx: RepoTx,
    repo: RepoLocation,
    writes: PreparedWrite[],
    swapCommit?: Cid,
  ): Promise<CommitResult | null> {
    const root = await repoTransactor.lockRoot(trx, repo.did)
    if (!root) throw new InvalidRequestError(`Could not find repo: ${repo.did}`, 'RepoNotFound')
    if (swapCommit && swapCommit.toString() !== root.cid) {
      throw new InvalidRequestError(`Commit was at ${root.cid}`, 'InvalidSwap')
    }
    const existing = await repoReader.recordCids(trx, repo.did, writes)
    const ops = toOps(writes, existing)
    if (ops.length === 0) return null
    await assertBlobsUsable(trx, repo.did, writes)
    const keypair = await this.keypairFor(trx, repo.did)
    const rootCid = parseCid(root.cid)
    const store = new TenantBlockstore(trx, repo.did, rootCid)
    const current = await Repo.load(store, rootCid)
    const commit = await current.formatCommit(
      ops.map((o) => o.op),
      keypair,
    )
    await persistCommit(
      trx,
      repo.did,
      commit,
      writes.filter((w) => w.action !== 'delete' || existing.has(`${w.collection}/${w.rkey}`)),
    )
    const event = await commitEvent(repo.did, commit, ops, current.commit.data)
    await repoTransactor.appendOutbox(trx, repo.did, 'commit', event)
    return {
      cid: commit.cid.toString(),
      rev: commit.rev,
      blocksRead: store.blocksRead,
      results: ops.map((o) => o.result),
    }
  }

  private async keypairFor(trx: RepoTx, did: string): Promise<Secp256k1Keypair> {
    const row = await trx
      .selectFrom('account')
      .select(['signing_key', 'status'])
      .where('did', '=', did)
      .executeTakeFirst()
    if (!row) throw new InvalidRequestError(`Could not find repo: ${did}`, 'RepoNotFound')
    if (row.status !== 'active') throw new InvalidRequestError(`Account is ${row.status}`, 'AccountTakedown')
    return this.deps.signingKeys.open(did, row.signing_key)
  }
}

type PlannedOp = {
  op: RecordWriteOp
  result: WriteResult
  /** For the firehose: the record's previous CID (updates and deletes). */
  prev: string | null
  cid: Cid | null
}

/** Checks each write against what exists now (under the lock) and turns it into a repo op. */
function toOps(writes: PreparedWrite[], existing: Map<string, string>): PlannedOp[] {
  return writes.flatMap((w): PlannedOp[] => {
    const path = `${w.collection}/${w.rkey}`
    const current = existing.get(path) ?? null
    if (w.swapCid !== undefined) {
      const expected = w.swapCid === null ? null : w.swapCid.toString()
      if (expected !== current) {
        throw new InvalidRequestError(`Record was at ${current ?? 'null'}`, 'InvalidSwap')
      }
    }
    const base = { collection: w.collection as never, rkey: w.rkey as never }
    if (w.action === 'delete') {
      if (!current && w.ifExists) return []
      if (!current) throw new InvalidRequestError(`Could not find record: ${path}`)
      return [
        {
          op: { action: WriteOpAction.Delete, ...base },
          result: { action: 'delete', collection: w.collection, rkey: w.rkey },
          prev: current,
          cid: null,
        },
      ]
    }
    if (w.action === 'create' && current) throw new InvalidRequestError(`Record already exists: ${path}`)
    // An update of a record that does not exist creates it (putRecord semantics).
    const action = current ? WriteOpAction.Update : WriteOpAction.Create
    return [
      {
        op: { action, ...base, record: w.record },
        result: {
          action: current ? 'update' : 'create',
          collection: w.collection,
          rkey: w.rkey,
          cid: w.cid.toString(),
          validationStatus: w.validationStatus,
        },
        prev: current,
        cid: w.cid,
      },
    ]
  })
}

function assertDistinctPaths(writes: PreparedWrite[]): void {
  const seen = new Set<string>()
  for (const w of writes) {
    const path = `${w.collection}/${w.rkey}`
    if (seen.has(path)) throw new InvalidRequestError(`More than one write to ${path} in one commit`)
    seen.add(path)
  }
}

/** Every blob a record names must have been uploaded by this account, with the MIME type the record claims. */
async function assertBlobsUsable(trx: RepoTx, did: string, writes: PreparedWrite[]): Promise<void> {
  const uses = writes.flatMap((w) => (w.action === 'delete' ? [] : w.blobs))
  if (uses.length === 0) return
  const stored = new Map(
    (await blobReader.metas(trx, did, [...new Set(uses.map((u) => u.cid))])).map((b) => [b.cid, b]),
  )
  for (const use of uses) {
    const blob = stored.get(use.cid)
    if (!blob) throw new InvalidRequestError(`Could not find blob: ${use.cid}`, 'BlobNotFound')
    if (blob.mime_type !== use.mimeType) {
      throw new InvalidRequestError(
        `Blob ${use.cid} is ${blob.mime_type}, but the record says ${use.mimeType.slice(0, 200)}`,
        'InvalidMimeType',
      )
    }
  }
}

async function persistCommit(trx: RepoTx, did: string, commit: CommitData, writes: PreparedWrite[]): Promise<void> {
  await repoTransactor.putBlocks(trx, did, commit.rev, blockRows(commit.newBlocks))
  const kept = writes.filter((w) => w.action !== 'delete')
  await repoTransactor.upsertRecords(
    trx,
    did,
    commit.rev,
    kept.map((w) => ({ collection: w.collection, rkey: w.rkey, cid: w.cid.toString() })),
  )
  await repoTransactor.deleteRecords(
    trx,
    did,
    writes.filter((w) => w.action === 'delete'),
  )
  await searchTransactor.indexWrites(trx, did, writes)
  // After the index moved, so a block another record still names is kept.
  await repoTransactor.dropBlocks(
    trx,
    did,
    commit.rev,
    commit.removedCids.toList().map((c) => c.toString()),
  )
  await blobWriter.setRecordBlobs(
    trx,
    did,
    commit.rev,
    writes.map((w) => ({
      path: `${w.collection}/${w.rkey}`,
      blobCids: w.action === 'delete' ? [] : w.blobs.map((b) => b.cid),
    })),
  )
  await repoTransactor.moveRoot(trx, did, { cid: commit.cid.toString(), rev: commit.rev })
}

async function syncEvent(did: string, commit: CommitData): Promise<Uint8Array> {
  const blocks = new BlockMap()
  const commitBlock = commit.newBlocks.get(commit.cid)
  if (commitBlock) blocks.set(commit.cid, commitBlock)
  return encode({ did, rev: commit.rev, blocks: await blocksToCarFile(commit.cid, blocks) })
}

function blockRows(blocks: BlockMap): { cid: string; content: Uint8Array }[] {
  const rows: { cid: string; content: Uint8Array }[] = []
  blocks.forEach((content, cid) => {
    rows.push({ cid: cid.toString(), content })
  })
  return rows
}

/**
 * The #commit event body (sync 1.1) without seq and time: the diff's blocks
 * as a CAR rooted at the commit, the ops with their previous CIDs, and the
 * previous MST root so a consumer can check the commit inductively.
 */
async function commitEvent(
  did: string,
  commit: CommitData,
  ops: PlannedOp[],
  prevData: Cid | null,
): Promise<Uint8Array> {
  const blocks = new BlockMap()
  blocks.addMap(commit.newBlocks)
  blocks.addMap(commit.relevantBlocks)
  return encode({
    repo: did,
    commit: commit.cid,
    rev: commit.rev,
    since: commit.since,
    blocks: await blocksToCarFile(commit.cid, blocks),
    ops: ops.map((o) => ({
      action: o.result.action,
      path: `${o.result.collection}/${o.result.rkey}`,
      cid: o.cid,
      ...(o.prev ? { prev: parseCid(o.prev) } : {}),
    })),
    ...(prevData ? { prevData } : {}),
    blobs: [],
    rebase: false,
    tooBig: false,
  })
}
