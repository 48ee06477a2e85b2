// Repositories: creating an account's repo and applying writes to it, as
// DESIGN §4 lays down. Each commit is built and signed over a blockstore that
// reads only the MST nodes it needs, then its blocks, root, record index, blob
// uses and outbox event are stored together: by one statement that holds only
// on the root it was built on (creates), in one transaction with the commits
// of a group (creates that arrived together), or in a transaction holding the
// root's lock (the rest). The client is answered after COMMIT, and the
// sequencer is handed the commit's outbox row.

import { TID } from '@atproto/common-web'
import type { Secp256k1Keypair } from '@atproto/crypto'
import { type Cid, parseCid } from '@atproto/lex-data'
import { type BlockMap, MemoryBlockstore, type RecordWriteOp, Repo, WriteOpAction } from '@atproto/repo'
import { AuthRequiredError, InvalidRequestError } from '@atproto/xrpc-server'
import type { Logger } from '../lib/logger.js'
import { accountMovingError } from '../lib/unavailable.js'
import type { AccountStatus } from '../storage/schema.js'
import type { Storage } from '../storage/storage.js'
import type { BlockCache } from '../storage/tenant/block-cache.js'
import type { TenantBlockstore } from '../storage/tenant/blockstore.js'
import type { BlockRow, CommitRows } from '../storage/tenant/repo-store.js'
import type { TenantReader, TenantTransactor } from '../storage/tenant/tenant-store.js'
import { type CommitEventOp, commitEvent } from '../sync/events.js'
import { outbox } from '../sync/outbox.js'
import type { HandedCommitRow } from '../sync/sequencer.js'
import { CommitGroups } from './commit-groups.js'
import type { CommitIndexer } from './commit-indexer.js'
import type { PreparedWrite } from './prepare.js'
import type { SigningKeyCache } from './signing-key-cache.js'

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
  /**
   * Told before a commit is stored; what it gives is called once the write
   * is over, with the commit's outbox row when one was committed: the
   * sequencer takes it from there without reading it back (absent:
   * outboxWritten is told instead).
   */
  outboxHandoff?: (source: string) => (row: HandedCommitRow | undefined) => void
  /** Blocks shared by every write of the process (absent: each write reads its own). */
  blockCache?: BlockCache
  /** What keeps rows derived from records (search, ...) in each commit's transaction. */
  indexers: CommitIndexer[]
  logger: Logger
}

export class RepoService {
  private readonly groups = new CommitGroups<CommitJob>(MAX_GROUP)

  constructor(private readonly deps: RepoServiceDeps) {}

  /**
   * Writes an account's first, empty, signed commit (inside the account's
   * creation transaction). `announce: false` for an account moving in: its
   * placeholder repo goes out on no firehose (importRepo replaces it).
   */
  async createRepo(
    tx: TenantTransactor,
    did: string,
    keypair: Secp256k1Keypair,
    opts: { announce: boolean } = { announce: true },
  ): Promise<{ cid: string; rev: string }> {
    const commit = await Repo.formatInitCommit(new MemoryBlockstore(), did, keypair)
    await tx.repo.putBlocks(did, commit.rev, blockRows(commit.newBlocks))
    const root = { cid: commit.cid.toString(), rev: commit.rev }
    await tx.repo.createRoot(did, root)
    if (!opts.announce) return root
    await outbox.commit(tx, did, commit, [], null)
    // #sync states the repo's whole current state (here: the first commit), as a relay resets to it.
    await outbox.sync(tx, did, commit)
    return root
  }

  /**
   * Applies writes as one commit. Throws InvalidSwap when a swap does not
   * hold, and leaves the repo untouched on any error. Returns null when there
   * was nothing to do (only deletes, with `ifExists`, of absent records).
   */
  async applyWrites(repo: RepoLocation, writes: PreparedWrite[], swapCommit?: Cid): Promise<CommitResult | null> {
    assertDistinctPaths(writes)
    const hand = this.deps.outboxHandoff?.(repo.db_name)
    let row: HandedCommitRow | undefined
    try {
      for (let draw = 1; ; draw++) {
        const stored = await this.commitDrawing(repo, writes, swapCommit, draw)
        if (stored === 'again') continue
        row = stored?.outbox
        if (stored && !hand) this.deps.outboxWritten(repo.db_name)
        return stored ? stored.result : null
      }
    } finally {
      hand?.(row)
    }
  }

  /** One attempt; 'again' when the TIDs drawn for new records were taken and others were drawn. */
  private async commitDrawing(
    repo: RepoLocation,
    writes: PreparedWrite[],
    swapCommit: Cid | undefined,
    draw: number,
  ): Promise<Committed | null | 'again'> {
    try {
      return await this.commit(repo, writes, swapCommit)
    } catch (err) {
      if (!(err instanceof DrawnRkeyTaken)) throw err
      if (draw >= RKEY_DRAWS) throw err.asError()
      // Another process drew the same TID in the same millisecond (5 bits of clock id tell them apart):
      // a create that named no rkey gets another, as it would have had it come a moment later.
      for (const w of writes) if (w.action !== 'delete' && w.rkeyDrawn) w.rkey = TID.nextStr()
      assertDistinctPaths(writes)
      return 'again'
    }
  }

  /**
   * Applies writes as one commit inside a transaction the caller holds (as
   * account creation does, to write a profile with the first commit). The
   * caller tells the sequencer once it has committed.
   */
  async applyWritesWithin(
    tx: TenantTransactor,
    repo: RepoLocation,
    writes: PreparedWrite[],
  ): Promise<CommitResult | null> {
    assertDistinctPaths(writes)
    const stored = await this.commitWithin(tx, repo, writes).catch((err: unknown) => {
      throw err instanceof DrawnRkeyTaken ? err.asError() : err
    })
    return stored && resultOf(stored)
  }

  /**
   * One commit of `writes`, after the repo's earlier writes from this
   * process. Writes that need no lock wait in a group (CommitGroups) and are
   * stored together when there are several; the others run alone.
   */
  private commit(repo: RepoLocation, writes: PreparedWrite[], swapCommit?: Cid): Promise<Committed | null> {
    if (this.needsLock(writes)) return this.groups.alone(repo.did, () => this.commitOne(repo, writes, swapCommit))
    return new Promise((resolve, reject) => {
      this.groups.join(repo.did, { writes, swapCommit, resolve, reject }, (jobs) => this.commitGroup(repo, jobs))
    })
  }

  /**
   * A group of writes to one repo: each built on the one before (a write
   * that fails is left out, as it would leave the repo as it was), then
   * every commit stored in one transaction. When the root moved meanwhile
   * (another process wrote) the group is built again; a write that turns
   * out to replace records ends the group, and it and those after it go
   * one at a time, as do all of them if the root keeps moving.
   */
  private async commitGroup(repo: RepoLocation, jobs: CommitJob[]): Promise<void> {
    const one = (j: CommitJob) => this.commitOne(repo, j.writes, j.swapCommit).then(j.resolve, j.reject)
    try {
      if (jobs.length > 1) {
        for (let attempt = 0; attempt < UNLOCKED_ATTEMPTS; attempt++) {
          const rest = await this.tryGroup(repo, jobs)
          if (rest === 'moved') continue
          for (const j of rest) await one(j)
          return
        }
      }
      for (const j of jobs) await one(j)
    } catch (err) {
      // Storing the group failed: none of its commits was stored.
      for (const j of jobs) j.reject(err)
    }
  }

  /** Builds and stores `jobs` as one group; the jobs left to run one at a time, or 'moved'. */
  private async tryGroup(repo: RepoLocation, jobs: CommitJob[]): Promise<CommitJob[] | 'moved'> {
    const built: { job: CommitJob; commit: BuiltCommit }[] = []
    const settle: (() => void)[] = []
    let rest: CommitJob[] = []
    await this.deps.storage.read(repo.db_name, async (t) => {
      let root = await t.repo.rootForCommit(repo.did)
      // One store for the group: each commit's new blocks are in it for the next to build on.
      const store = t.repo.blockstore(repo.did, null, this.deps.blockCache)
      for (const [i, job] of jobs.entries()) {
        let commit: BuiltCommit | null | 'needs-lock'
        try {
          commit = await this.build(t, repo, root, job.writes, job.swapCommit, { unlocked: true, store })
        } catch (err) {
          settle.push(() => job.reject(err))
          continue
        }
        if (commit === 'needs-lock') {
          rest = jobs.slice(i)
          break
        }
        if (commit === null) {
          settle.push(() => job.resolve(null))
          continue
        }
        built.push({ job, commit })
        for (const b of commit.rows.newBlocks) await store.putBlock(parseCid(b.cid), b.content)
        if (root) root = { ...root, cid: commit.rows.root.cid, rev: commit.rows.root.rev }
      }
    })
    const rows = await this.deps.storage
      .transact(repo.db_name, async (tx) => {
        const stored: HandedCommitRow[] = []
        for (const { commit } of built) {
          const expected = { cid: commit.root.cid, signingKey: commit.root.signing_key }
          const row = await tx.repo.storeCommit(repo.did, expected, commit.rows)
          if (!row) throw new RootMoved()
          stored.push(handedRow(row, commit))
        }
        return stored
      })
      .catch((err: unknown) => {
        if (err instanceof RootMoved) return 'moved' as const
        // The writes that failed on their own keep their own error; the rest get this one.
        for (const s of settle) s()
        throw err
      })
    if (rows === 'moved') return 'moved'
    for (const [i, { job, commit }] of built.entries()) {
      this.remember(commit.rows.newBlocks)
      job.resolve({ result: resultOf(commit.stored), outbox: rows[i] as HandedCommitRow })
    }
    for (const s of settle) s()
    return rest
  }

  /** One commit of `writes` (the caller keeps the repo's order): unlocked when it can, else under the lock. */
  private async commitOne(repo: RepoLocation, writes: PreparedWrite[], swapCommit?: Cid): Promise<Committed | null> {
    const stored = await this.storeOne(repo, writes, swapCommit)
    if (!stored) return null
    this.remember(stored.newBlocks)
    return { result: resultOf(stored), outbox: stored.outbox }
  }

  private async storeOne(repo: RepoLocation, writes: PreparedWrite[], swapCommit?: Cid): Promise<StoredCommit | null> {
    if (!this.needsLock(writes)) {
      for (let attempt = 0; attempt < UNLOCKED_ATTEMPTS; attempt++) {
        const done = await this.deps.storage.write(repo.db_name, (w) =>
          this.commitUnlocked(w, repo, writes, swapCommit),
        )
        if (done !== 'moved' && done !== 'needs-lock') return done
        if (done === 'needs-lock') break
      }
    }
    return this.deps.storage.transact(repo.db_name, (tx) => this.commitWithin(tx, repo, writes, swapCommit))
  }

  /** Only once committed: the next write to this repo starts from these blocks. */
  private remember(newBlocks: BlockRow[]): void {
    if (this.deps.blockCache) for (const b of newBlocks) this.deps.blockCache.set(b.cid, b.content)
  }

  /**
   * The common write, creating records that use no blobs and that no indexer
   * wants: built on the root as read, without a lock or a transaction, and
   * stored by one statement that holds only if the root has not moved since
   * ('moved' otherwise: nothing was written). 'needs-lock' when the writes
   * turn out to replace existing records, whose blob uses must be released
   * under the lock.
   */
  private async commitUnlocked(
    w: TenantTransactor,
    repo: RepoLocation,
    writes: PreparedWrite[],
    swapCommit?: Cid,
  ): Promise<StoredCommit | null | 'moved' | 'needs-lock'> {
    const root = await w.repo.rootForCommit(repo.did)
    const built = await this.build(w, repo, root, writes, swapCommit, { unlocked: true })
    if (built === null || built === 'needs-lock') return built
    const expected = { cid: built.root.cid, signingKey: built.root.signing_key }
    const row = await w.repo.storeCommit(repo.did, expected, built.rows)
    if (!row) return 'moved'
    return { ...built.stored, outbox: handedRow(row, built) }
  }

  private async commitWithin(
    tx: TenantTransactor,
    repo: RepoLocation,
    writes: PreparedWrite[],
    swapCommit?: Cid,
  ): Promise<StoredCommit | null> {
    const locked = await tx.repo.lockForCommit(repo.did)
    const built = await this.build(tx, repo, locked, writes, swapCommit, { unlocked: false })
    if (built === null || built === 'needs-lock') return null
    await assertBlobsUsable(tx, repo.did, writes)
    const expected = { cid: built.root.cid, signingKey: built.root.signing_key }
    // Under the lock the root cannot have moved.
    const row = await tx.repo.storeCommit(repo.did, expected, built.rows)
    if (!row) throw new Error(`repo ${repo.did} moved under its lock`)
    for (const indexer of this.deps.indexers) {
      if (built.writes.some((w) => indexer.wants(w.collection))) await indexer.index(tx, repo.did, built.writes)
    }
    await setBlobUses(tx, repo.did, built.rows.root.rev, built.writes, built.existing)
    return { ...built.stored, outbox: handedRow(row, built) }
  }

  /** Writes that must take the lock: blobs to check and count, an index to keep, records to delete. */
  private needsLock(writes: PreparedWrite[]): boolean {
    const indexed = (collection: string) => this.deps.indexers.some((i) => i.wants(collection))
    return writes.some((w) => w.action === 'delete' || w.blobs.length > 0 || indexed(w.collection))
  }

  /** Checks the writes against the repo at `root` and signs the commit they make; null when there is nothing to do. */
  private async build(
    t: TenantReader,
    repo: RepoLocation,
    root: CommitRoot | undefined,
    writes: PreparedWrite[],
    swapCommit: Cid | undefined,
    /** `store`: the blockstore to read (and keep) blocks in; else one of its own. */
    opts: { unlocked: boolean; store?: TenantBlockstore },
  ): Promise<BuiltCommit | null | 'needs-lock'> {
    if (!root) throw new InvalidRequestError(`Could not find repo: ${repo.did}`, 'RepoNotFound')
    if (root.status !== 'active') throw new InvalidRequestError(`Account is ${root.status}`, 'AccountTakedown')
    // As the official PDS refuses a deactivated account's writes (it may still log in, to activate again).
    if (root.deactivated_at !== null) throw new AuthRequiredError('Account is deactivated', 'AccountDeactivated')
    if (root.moving_since !== null) throw accountMovingError()
    if (swapCommit && swapCommit.toString() !== root.cid) {
      throw new InvalidRequestError(`Commit was at ${root.cid}`, 'InvalidSwap')
    }
    const rootCid = parseCid(root.cid)
    const store = opts.store ?? t.repo.blockstore(repo.did, rootCid, this.deps.blockCache)
    const current = await Repo.load(store, rootCid)
    // The MST is the record index's source of truth, and its nodes on these paths are needed for the commit anyway.
    const existing = await currentCids(current, writes)
    if (opts.unlocked && existing.size > 0) return 'needs-lock'
    const ops = toOps(writes, existing)
    if (ops.length === 0) return null
    const keypair = await this.deps.signingKeys.open(repo.did, root.signing_key)
    const commit = await current.formatCommit(
      ops.map((o) => o.op),
      keypair,
    )
    const stored = writes.filter((w) => w.action !== 'delete' || existing.has(`${w.collection}/${w.rkey}`))
    const newBlocks = blockRows(commit.newBlocks)
    const rows: CommitRows = {
      root: { cid: commit.cid.toString(), rev: commit.rev },
      newBlocks,
      kept: stored.flatMap((w) => (w.action === 'delete' ? [] : [{ ...w, cid: w.cid.toString() }])),
      deleted: stored.filter((w) => w.action === 'delete'),
      removedCids: commit.removedCids.toList().map((c) => c.toString()),
      outboxEvent: await commitEvent(repo.did, commit, eventOps(ops), current.commit.data),
    }
    return {
      root,
      rows,
      writes: stored,
      existing,
      stored: {
        cid: rows.root.cid,
        rev: commit.rev,
        blocksRead: store.blocksRead,
        results: ops.map((o) => o.result),
        newBlocks,
      },
    }
  }
}

/** How many times a write is rebuilt on a root another process moved before it takes the lock instead. */
const UNLOCKED_ATTEMPTS = 3
/** Writes to one repo stored together in one transaction, at most. */
const MAX_GROUP = 32

/** A commit as stored, with its outbox row for the sequencer. */
type Committed = { result: CommitResult; outbox: HandedCommitRow }

/** A write waiting in its repo's group. */
type CommitJob = {
  writes: PreparedWrite[]
  swapCommit?: Cid
  resolve: (committed: Committed | null) => void
  reject: (err: unknown) => void
}

/** A group's commit found the root moved: the transaction is rolled back, and the group built again. */
class RootMoved extends Error {}

type CommitRoot = {
  cid: string
  rev: string
  signing_key: Uint8Array
  status: AccountStatus
  deactivated_at: string | null
  /** Set while the account is being moved to another domain: no commit until it is there. */
  moving_since: string | null
}
type StoredCommit = CommitResult & { newBlocks: BlockRow[]; outbox: HandedCommitRow }
type BuiltCommit = {
  root: CommitRoot
  rows: CommitRows
  /** The writes that change the repo (deletes of absent records left out). */
  writes: PreparedWrite[]
  existing: Map<string, string>
  stored: Omit<StoredCommit, 'outbox'>
}

/** What a write's caller is told of its commit. */
function resultOf(stored: Omit<StoredCommit, 'outbox'>): CommitResult {
  return { cid: stored.cid, rev: stored.rev, results: stored.results, blocksRead: stored.blocksRead }
}

/** A stored commit's outbox row as the sequencer is handed it: with its rev and the rev it follows. */
function handedRow(row: Omit<HandedCommitRow, 'rev' | 'since'>, built: BuiltCommit): HandedCommitRow {
  return { ...row, rev: built.rows.root.rev, since: built.root.rev }
}

/** The CIDs the repo holds now at the paths these writes touch (absent paths are left out). */
async function currentCids(repo: Repo, writes: PreparedWrite[]): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  for (const w of writes) {
    const path = `${w.collection}/${w.rkey}`
    const cid = await repo.data.get(path)
    if (cid) found.set(path, cid.toString())
  }
  return found
}

/**
 * Records which blobs each written record uses. A new record without blobs
 * had no uses and has none, so it costs no statement.
 */
async function setBlobUses(
  tx: TenantTransactor,
  did: string,
  rev: string,
  writes: PreparedWrite[],
  existing: Map<string, string>,
): Promise<void> {
  const changed = writes.filter(
    (w) => existing.has(`${w.collection}/${w.rkey}`) || (w.action !== 'delete' && w.blobs.length > 0),
  )
  await tx.blobs.setRecordBlobs(
    did,
    rev,
    changed.map((w) => ({
      path: `${w.collection}/${w.rkey}`,
      blobCids: w.action === 'delete' ? [] : w.blobs.map((b) => b.cid),
    })),
  )
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
    if (w.action === 'create' && current) {
      if (w.rkeyDrawn) throw new DrawnRkeyTaken(path)
      throw new InvalidRequestError(`Record already exists: ${path}`)
    }
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

/** The ops as the #commit event states them. */
function eventOps(ops: PlannedOp[]): CommitEventOp[] {
  return ops.map((o) => ({
    action: o.result.action,
    collection: o.result.collection,
    rkey: o.result.rkey,
    cid: o.cid,
    prev: o.prev,
  }))
}

/** How many TIDs a create without an rkey draws before a clash is the caller's error. */
const RKEY_DRAWS = 3

/** A TID this server drew for a create is a record's already (applyWrites draws another). */
class DrawnRkeyTaken extends Error {
  constructor(readonly path: string) {
    super(`Record already exists: ${path}`)
  }

  asError(): Error {
    return new InvalidRequestError(this.message)
  }
}

function assertDistinctPaths(writes: PreparedWrite[]): void {
  const seen = new Set<string>()
  for (const w of writes) {
    const path = `${w.collection}/${w.rkey}`
    if (seen.has(path)) throw new InvalidRequestError(`More than one write to ${path} in one commit`)
    seen.add(path)
  }
}

/**
 * Every blob a record names must have been uploaded by this account, with the
 * MIME type and size the record claims: the lexicon's accept and maxSize were
 * checked against those claims, so this is what makes them hold for the stored bytes.
 */
async function assertBlobsUsable(t: TenantReader, did: string, writes: PreparedWrite[]): Promise<void> {
  const uses = writes.flatMap((w) => (w.action === 'delete' ? [] : w.blobs))
  if (uses.length === 0) return
  const stored = new Map((await t.blobs.metas(did, [...new Set(uses.map((u) => u.cid))])).map((b) => [b.cid, b]))
  for (const use of uses) {
    const blob = stored.get(use.cid)
    if (!blob) throw new InvalidRequestError(`Could not find blob: ${use.cid}`, 'BlobNotFound')
    if (blob.mime_type !== use.mimeType) {
      throw new InvalidRequestError(
        `Blob ${use.cid} is ${blob.mime_type}, but the record says ${use.mimeType.slice(0, 200)}`,
        'InvalidMimeType',
      )
    }
    if (blob.size !== use.size) {
      throw new InvalidRequestError(
        `Blob ${use.cid} is ${blob.size} bytes, but the record says ${use.size < 0 ? 'none (a legacy blob ref)' : use.size}`,
        'InvalidSize',
      )
    }
  }
}

function blockRows(blocks: BlockMap): { cid: string; content: Uint8Array }[] {
  const rows: { cid: string; content: Uint8Array }[] = []
  blocks.forEach((content, cid) => {
    rows.push({ cid: cid.toString(), content })
  })
  return rows
}
