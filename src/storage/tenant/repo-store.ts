// SQL on a tenant's repo tables, split as the official PDS splits it: the
// reader runs anywhere without locks; the transactor runs only inside the
// write transaction that holds the repo's root row (`lockForCommit`), or in
// the one statement that stores a commit only on the root it was built on.
import type { Cid } from '@atproto/lex-data'
import { type RawBuilder, sql } from 'kysely'
import { compiledOnce } from '../compiled-query.js'
import type { AccountStatus } from '../schema.js'
import type { TenantDb } from '../storage.js'
import { schemaPrefix } from '../table-ref.js'
import type { BlockCache } from './block-cache.js'
import { TenantBlockstore } from './blockstore.js'
import { appendOutboxWhen, type OutboxRow } from './outbox-store.js'

export type RootRow = { cid: string; rev: string }
export type RecordRow = { collection: string; rkey: string; cid: string; content: Uint8Array }
export type BlockRow = { cid: string; content: Uint8Array }
export type RecordPath = { collection: string; rkey: string }
/** An account's state (its status and deactivation) with what was read of its repo; undefined: no such account. */
export type AccountWith<T> = { status: AccountStatus; deactivated_at: string | null; found: T } | undefined

/** What a commit stores, in the one statement `storeCommit` runs. */
export type CommitRows = {
  root: RootRow
  newBlocks: BlockRow[]
  /** Records the commit creates or updates, with their new CIDs. */
  kept: (RecordPath & { cid: string })[]
  deleted: RecordPath[]
  /** Blocks the commit no longer names (old commit, replaced MST nodes and records). */
  removedCids: string[]
  outboxEvent: Uint8Array
}

/** Values no call passes, where each call's go in the compiled reads below. */
const DID = '\u0000did'
const COLLECTION = '\u0000collection'
const RKEY = '\u0000rkey'
const CURSOR = '\u0000cursor'
const LIMIT = -1

/** The account's status with one of its records (not taken down) and its block; no row: no such account. */
const recordOfAccount = compiledOnce({ did: DID, collection: COLLECTION, rkey: RKEY }, (db: TenantDb, v) =>
  db
    .selectFrom('account')
    .leftJoin('record', (j) =>
      j
        .onRef('record.did', '=', 'account.did')
        .on('record.collection', '=', v.collection)
        .on('record.rkey', '=', v.rkey)
        .on('record.takedown_ref', 'is', null),
    )
    .leftJoin('repo_block', (j) =>
      j.onRef('repo_block.did', '=', 'record.did').onRef('repo_block.cid', '=', 'record.cid'),
    )
    .select(['account.status', 'account.deactivated_at', 'record.cid', 'repo_block.content'])
    .where('account.did', '=', v.did),
)

/**
 * The account's status joined to a page of one collection by rkey (below or
 * above `cursor` when there is one); one row with no record when the page is
 * empty, no row when there is no such account.
 */
function pageOfAccount<V extends { did: string; collection: string; limit: number; cursor?: string }>(
  placeholders: V,
  order: 'asc' | 'desc',
) {
  return compiledOnce(placeholders, (db: TenantDb, v) =>
    db
      .selectFrom('account')
      .leftJoinLateral(
        (eb) => {
          let q = eb
            .selectFrom('record')
            .innerJoin('repo_block', (j) =>
              j.onRef('repo_block.did', '=', 'record.did').onRef('repo_block.cid', '=', 'record.cid'),
            )
            .select(['record.collection', 'record.rkey', 'record.cid', 'repo_block.content'])
            .whereRef('record.did', '=', 'account.did')
            .where('record.collection', '=', v.collection)
            .where('record.takedown_ref', 'is', null)
            .orderBy('record.rkey', order)
            .limit(v.limit)
          if (v.cursor !== undefined) q = q.where('record.rkey', order === 'asc' ? '>' : '<', v.cursor)
          return q.as('page')
        },
        (j) => j.onTrue(),
      )
      .select(['account.status', 'account.deactivated_at', 'page.collection', 'page.rkey', 'page.cid', 'page.content'])
      .where('account.did', '=', v.did)
      .orderBy('page.rkey', order),
  )
}

const PAGE_OF_ACCOUNT = {
  asc: pageOfAccount({ did: DID, collection: COLLECTION, limit: LIMIT }, 'asc'),
  desc: pageOfAccount({ did: DID, collection: COLLECTION, limit: LIMIT }, 'desc'),
}
const PAGE_AFTER_OF_ACCOUNT = {
  asc: pageOfAccount({ did: DID, collection: COLLECTION, limit: LIMIT, cursor: CURSOR }, 'asc'),
  desc: pageOfAccount({ did: DID, collection: COLLECTION, limit: LIMIT, cursor: CURSOR }, 'desc'),
}

export class RepoReader {
  constructor(readonly db: TenantDb) {}

  /** The account's blocks as @atproto/repo reads them, on demand (see TenantBlockstore). */
  blockstore(did: string, root: Cid | null, shared?: BlockCache): TenantBlockstore {
    return new TenantBlockstore(this.db, did, root, shared)
  }

  /** The repo's root with the account's sealed signing key and status, without a lock. */
  rootForCommit(did: string) {
    return commitRoot(this.db, did).executeTakeFirst()
  }

  getRoot(did: string): Promise<RootRow | undefined> {
    return this.db.selectFrom('repo_root').select(['cid', 'rev']).where('did', '=', did).executeTakeFirst()
  }

  /** Heads and account statuses (moderation and deactivation) of these repos. */
  heads(dids: string[]) {
    return this.db
      .selectFrom('repo_root')
      .innerJoin('account', 'account.did', 'repo_root.did')
      .select(['repo_root.did', 'repo_root.cid', 'repo_root.rev', 'account.status', 'account.deactivated_at'])
      .where('repo_root.did', 'in', dids)
      .execute()
  }

  /**
   * What com.atproto.server.checkAccountStatus counts of a repo: its blocks
   * (not those a commit dropped and only the grace period keeps), indexed
   * records, the distinct blobs its records name, and the blobs stored.
   */
  async counts(did: string): Promise<{ blocks: number; records: number; expectedBlobs: number; blobs: number }> {
    const row = await this.db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('repo_block')
          .select(eb.fn.countAll<number>().as('n'))
          .where('did', '=', did)
          .where('removed_rev', 'is', null)
          .as('blocks'),
        eb.selectFrom('record').select(eb.fn.countAll<number>().as('n')).where('did', '=', did).as('records'),
        eb
          .selectFrom('record_blob')
          .select(sql<number>`count(distinct blob_cid)`.as('n'))
          .where('did', '=', did)
          .as('expectedBlobs'),
        eb.selectFrom('blob').select(eb.fn.countAll<number>().as('n')).where('did', '=', did).as('blobs'),
      ])
      .executeTakeFirstOrThrow()
    return {
      blocks: Number(row.blocks),
      records: Number(row.records),
      expectedBlobs: Number(row.expectedBlobs),
      blobs: Number(row.blobs),
    }
  }

  /** One record and its bytes, from the index joined to the block it names. */
  getRecord(did: string, collection: string, rkey: string): Promise<RecordRow | undefined> {
    return this.db
      .selectFrom('record')
      .innerJoin('repo_block', (j) =>
        j.onRef('repo_block.did', '=', 'record.did').onRef('repo_block.cid', '=', 'record.cid'),
      )
      .select(['record.collection', 'record.rkey', 'record.cid', 'repo_block.content'])
      .where('record.did', '=', did)
      .where('record.collection', '=', collection)
      .where('record.rkey', '=', rkey)
      .where('record.takedown_ref', 'is', null)
      .executeTakeFirst()
  }

  /**
   * The account's state with one of its records (none when it is taken down or
   * absent), in one statement: getRecord's two questions in one round trip.
   * Undefined when the tenant has no such account.
   */
  async recordOfAccount(did: string, collection: string, rkey: string): Promise<AccountWith<RecordRow | undefined>> {
    const [row] = await recordOfAccount(this.db, { did, collection, rkey })
    if (!row) return undefined
    const { status, deactivated_at, cid, content } = row
    // As getRecord's inner join: a record whose block is missing is no record.
    const found = cid !== null && content !== null ? { collection, rkey, cid, content } : undefined
    return { status, deactivated_at, found }
  }

  /** The record's current CID and takedown, taken down or not. */
  recordTakedown(did: string, collection: string, rkey: string) {
    return this.db
      .selectFrom('record')
      .select(['cid', 'takedown_ref'])
      .where('did', '=', did)
      .where('collection', '=', collection)
      .where('rkey', '=', rkey)
      .executeTakeFirst()
  }

  /** A page of one collection by rkey: newest first unless `reverse`; `cursor` is the last rkey seen. */
  listRecords(
    did: string,
    opts: { collection: string; limit: number; cursor?: string; reverse: boolean },
  ): Promise<RecordRow[]> {
    let q = this.db
      .selectFrom('record')
      .innerJoin('repo_block', (j) =>
        j.onRef('repo_block.did', '=', 'record.did').onRef('repo_block.cid', '=', 'record.cid'),
      )
      .select(['record.collection', 'record.rkey', 'record.cid', 'repo_block.content'])
      .where('record.did', '=', did)
      .where('record.collection', '=', opts.collection)
      .where('record.takedown_ref', 'is', null)
      .orderBy('record.rkey', opts.reverse ? 'asc' : 'desc')
      .limit(opts.limit)
    if (opts.cursor !== undefined) q = q.where('record.rkey', opts.reverse ? '>' : '<', opts.cursor)
    return q.execute()
  }

  /**
   * The account's state with a page of listRecords, in one statement (the
   * account's row joined to the page). Undefined when the tenant has no such account.
   */
  async pageOfAccount(
    did: string,
    opts: { collection: string; limit: number; cursor?: string; reverse: boolean },
  ): Promise<AccountWith<RecordRow[]>> {
    const { collection, limit, cursor, reverse } = opts
    const rows =
      cursor === undefined
        ? await PAGE_OF_ACCOUNT[reverse ? 'asc' : 'desc'](this.db, { did, collection, limit })
        : await PAGE_AFTER_OF_ACCOUNT[reverse ? 'asc' : 'desc'](this.db, { did, collection, limit, cursor })
    const first = rows[0]
    if (!first) return undefined
    const found: RecordRow[] = []
    for (const r of rows) {
      // The one row of an account with an empty page has no record in it.
      if (r.collection !== null && r.rkey !== null && r.cid !== null && r.content !== null) {
        found.push({ collection: r.collection, rkey: r.rkey, cid: r.cid, content: r.content })
      }
    }
    return { status: first.status, deactivated_at: first.deactivated_at, found }
  }

  /**
   * The account's records in `paths` (a collection, or one collection's rkey)
   * written by commits after `rev`, oldest first, with their bytes; none
   * taken down. Empty when no record of the account has a rev at or before
   * `rev`: a rev older than the whole index (an account moved here, a
   * service that mixed up accounts) says nothing about what is new.
   */
  async recordsSinceRev(
    did: string,
    rev: string,
    paths: { collection: string; rkey?: string }[],
    limit: number,
  ): Promise<(RecordRow & { rev: string; indexed_at: string })[]> {
    const rows = await this.db
      .selectFrom('record')
      .innerJoin('repo_block', (j) =>
        j.onRef('repo_block.did', '=', 'record.did').onRef('repo_block.cid', '=', 'record.cid'),
      )
      .select([
        'record.collection',
        'record.rkey',
        'record.cid',
        'record.rev',
        'record.indexed_at',
        'repo_block.content',
      ])
      .where('record.did', '=', did)
      .where('record.rev', '>', rev)
      .where('record.takedown_ref', 'is', null)
      .where((eb) =>
        eb.or(
          paths.map((p) =>
            p.rkey === undefined
              ? eb('record.collection', '=', p.collection)
              : eb.and([eb('record.collection', '=', p.collection), eb('record.rkey', '=', p.rkey)]),
          ),
        ),
      )
      .orderBy('record.rev')
      .orderBy('record.collection')
      .orderBy('record.rkey')
      .limit(limit)
      .execute()
    if (rows.length === 0) return rows
    const before = await this.db
      .selectFrom('record')
      .select('rkey')
      .where('did', '=', did)
      .where('rev', '<=', rev)
      .limit(1)
      .executeTakeFirst()
    return before ? rows : []
  }

  async listCollections(did: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('record')
      .select('collection')
      .distinct()
      .where('did', '=', did)
      .orderBy('collection')
      .execute()
    return rows.map((r) => r.collection)
  }

  /**
   * A page of the blocks of the repo as of `rootRev`, ordered by CID: every
   * block not dropped by a commit at or before it (blocks a later commit
   * dropped are still kept, for a grace period, so a stream started at an
   * older root stays whole). With `since`, only blocks added after that rev.
   * The page starts after the CID `after` and, with `upTo`, ends at that CID:
   * a bounded range costs the same whichever plan the database picks (an
   * unanalyzed table gets a bitmap scan and a sort of every block after
   * `after`, page after page, when only `limit` bounds it).
   */
  blockPage(did: string, opts: ExportedBlocks & { after?: string; upTo?: string; limit: number }): Promise<BlockRow[]> {
    let q = exportedBlocks(this.db, did, opts).select(['cid', 'content']).orderBy('cid').limit(opts.limit)
    if (opts.after !== undefined) q = q.where('cid', '>', opts.after)
    if (opts.upTo !== undefined) q = q.where('cid', '<=', opts.upTo)
    return q.execute()
  }

  /** How many blocks `blockPage` reads in all, to split an export into ranges of CIDs. */
  async exportedBlockCount(did: string, opts: ExportedBlocks): Promise<number> {
    const row = await exportedBlocks(this.db, did, opts)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }
}

/** The blocks of an export: the repo as of `rootRev`, or with `since` only what was added after that rev. */
export type ExportedBlocks = { rootRev: string; since?: string }

function exportedBlocks(db: TenantDb, did: string, opts: ExportedBlocks) {
  let q = db
    .selectFrom('repo_block')
    .where('did', '=', did)
    .where((eb) => eb.or([eb('removed_rev', 'is', null), eb('removed_rev', '>', opts.rootRev)]))
  if (opts.since !== undefined) q = q.where('rev', '>', opts.since).where('rev', '<=', opts.rootRev)
  return q
}

export class RepoTransactor extends RepoReader {
  /** Takes the record down (a ref) or restores it (null); false when there is no such record. */
  async setRecordTakedown(did: string, path: RecordPath, takedownRef: string | null): Promise<boolean> {
    const res = await this.db
      .updateTable('record')
      .set({ takedown_ref: takedownRef })
      .where('did', '=', did)
      .where('collection', '=', path.collection)
      .where('rkey', '=', path.rkey)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) > 0
  }

  /** Takes the repo's write lock for the rest of the transaction, and reads what a commit is built on. */
  lockForCommit(did: string) {
    if (!this.db.isTransaction) throw new Error('lockForCommit outside a transaction')
    // The account row too, shared: its status as read is the one storeCommit will see (a deactivation or
    // takedown committed while this waited for the root is read again once locked, not missed).
    return commitRoot(this.db, did).modifyEnd(sql`FOR UPDATE OF repo_root FOR SHARE OF account`).executeTakeFirst()
  }

  /**
   * Stores a commit in one statement: the root moves from `expected.cid`,
   * and with it go the commit's blocks, the record index, the blocks it
   * dropped and its outbox event. One round trip instead of six is most of
   * what a write costs the database. Every part is conditional on the root
   * moving, which it does only if it is still at `expected.cid` and the
   * account is still active (neither taken down nor deactivated) with the
   * same key: then nothing is written and null is returned. So a commit
   * built without the lock is stored only on the root it was built on. Every part sees the tables as they were before
   * the statement, so a dropped block is kept when a record outside this
   * commit, or one this commit writes, names it. Returns the commit's outbox
   * row as stored (for the sequencer, once committed) with the newest row of
   * the account's that was in the outbox before it (`prevRow`), or null.
   */
  async storeCommit(
    did: string,
    expected: { cid: string; signingKey: Uint8Array },
    c: CommitRows,
  ): Promise<(OutboxRow & { prevRow: string | null }) | null> {
    const rev = c.root.rev
    const now = new Date().toISOString()
    const moved = sql`EXISTS (SELECT 1 FROM moved)`
    const schema = schemaPrefix(this.db)
    const t = {
      root: sql.raw(`${schema}"repo_root"`),
      account: sql.raw(`${schema}"account"`),
      block: sql.raw(`${schema}"repo_block"`),
      record: sql.raw(`${schema}"record"`),
      outbox: sql.raw(`${schema}"outbox"`),
    }
    // The account row is read FOR SHARE: a change of its status or deactivation under way is waited
    // for and then seen (the row is read again once locked), so no commit lands after a takedown or
    // deactivation that committed first; one that comes later waits for this commit instead. The root
    // is locked first, as lockForCommit (and so a deactivation) locks them: the other order deadlocks.
    const live = sql`SELECT 1 FROM ${t.root} r JOIN ${t.account} a ON a.did = r.did
        WHERE r.did = ${did} AND a.status = 'active' AND a.deactivated_at IS NULL AND a.moving_since IS NULL
        AND a.signing_key = ${expected.signingKey}::bytea FOR UPDATE OF r FOR SHARE OF a`
    const parts: RawBuilder<unknown>[] = [
      sql`UPDATE ${t.root} SET cid = ${c.root.cid}, rev = ${rev}, updated_at = ${now}
        WHERE repo_root.did = ${did} AND repo_root.cid = ${expected.cid} AND EXISTS (SELECT 1 FROM live)
        RETURNING repo_root.did`,
    ]
    if (c.newBlocks.length > 0) {
      const rows = c.newBlocks.map((b) => sql`(${b.cid}, ${b.content.byteLength}::int, ${b.content}::bytea)`)
      parts.push(sql`INSERT INTO ${t.block} (did, cid, rev, size, content, removed_rev, removed_at)
        SELECT ${did}, v.cid, ${rev}, v.size, v.content, null, null FROM (VALUES ${sql.join(rows)}) v (cid, size, content)
        WHERE ${moved}
        ON CONFLICT (did, cid) DO UPDATE SET rev = excluded.rev, removed_rev = null, removed_at = null
        WHERE repo_block.removed_rev IS NOT NULL`)
    }
    if (c.kept.length > 0) {
      const rows = c.kept.map((r) => sql`(${r.collection}, ${r.rkey}, ${r.cid})`)
      parts.push(sql`INSERT INTO ${t.record} (did, collection, rkey, cid, rev, indexed_at)
        SELECT ${did}, v.collection, v.rkey, v.cid, ${rev}, ${now} FROM (VALUES ${sql.join(rows)}) v (collection, rkey, cid)
        WHERE ${moved}
        ON CONFLICT (did, collection, rkey) DO UPDATE
        SET cid = excluded.cid, rev = excluded.rev, indexed_at = excluded.indexed_at`)
    }
    if (c.deleted.length > 0) {
      parts.push(
        sql`DELETE FROM ${t.record} WHERE did = ${did} AND (collection, rkey) IN (${pathList(c.deleted)}) AND ${moved}`,
      )
    }
    // A block both added and dropped would be two changes to one row in one statement.
    const added = new Set(c.newBlocks.map((b) => b.cid))
    const stillNamed = new Set(c.kept.map((r) => r.cid))
    const dropped = c.removedCids.filter((cid) => !added.has(cid) && !stillNamed.has(cid))
    const written = [...c.kept, ...c.deleted]
    if (dropped.length > 0) {
      parts.push(sql`UPDATE ${t.block} SET removed_rev = ${rev}, removed_at = ${now}
        WHERE did = ${did} AND cid IN (${sql.join(dropped)}) AND removed_rev IS NULL AND ${moved}
        AND NOT EXISTS (SELECT 1 FROM ${t.record} r WHERE r.did = ${did} AND r.cid = repo_block.cid
          ${written.length > 0 ? sql`AND (r.collection, r.rkey) NOT IN (${pathList(written)})` : sql``})`)
    }
    parts.push(sql`${appendOutboxWhen(schema, did, 'commit', c.outboxEvent, now, moved)} RETURNING id`)
    const ctes = parts.map((p, i) => sql`${sql.raw(i === 0 ? 'moved' : `s${i}`)} AS (${p})`)
    const appended = sql.raw(`s${parts.length - 1}`)
    const result = await sql<{ id: string | null; prev: string | null }>`WITH live AS (${live}), ${sql.join(ctes)}
      SELECT (SELECT id FROM ${appended}) AS id, (SELECT max(o.id) FROM ${t.outbox} o WHERE o.did = ${did}) AS prev`.execute(
      this.db,
    )
    const row = result.rows[0]
    if (row?.id === null || row?.id === undefined) return null
    const prevRow = row.prev === null ? null : String(row.prev)
    return { id: String(row.id), did, kind: 'commit', event: c.outboxEvent, created_at: now, prevRow }
  }

  /**
   * Replaces the whole repo with an imported one (under the lock, in the
   * import's transaction): its blocks, its record index (every record at the
   * commit's rev) and its root. What the old repo held is deleted, not kept
   * for a grace period: only an account not serving its repo yet imports.
   */
  async replaceRepo(
    did: string,
    repo: { root: RootRow; blocks: BlockRow[]; records: (RecordPath & { cid: string })[] },
  ): Promise<void> {
    const { rev } = repo.root
    const now = new Date().toISOString()
    await this.db.deleteFrom('record').where('did', '=', did).execute()
    await this.db.deleteFrom('repo_block').where('did', '=', did).execute()
    for (const chunk of chunks(repo.blocks, ROWS_PER_INSERT)) await this.putBlocks(did, rev, chunk)
    for (const chunk of chunks(repo.records, ROWS_PER_INSERT)) {
      await this.db
        .insertInto('record')
        .values(chunk.map((r) => ({ did, ...r, rev, indexed_at: now, takedown_ref: null })))
        .execute()
    }
    await this.db
      .updateTable('repo_root')
      .set({ cid: repo.root.cid, rev, updated_at: now })
      .where('did', '=', did)
      .execute()
  }

  /** Every record path of the repo, as the index holds it. */
  async recordPaths(did: string): Promise<RecordPath[]> {
    return this.db.selectFrom('record').select(['collection', 'rkey']).where('did', '=', did).execute()
  }

  async createRoot(did: string, root: RootRow): Promise<void> {
    await this.db
      .insertInto('repo_root')
      .values({ did, ...root, updated_at: new Date().toISOString() })
      .execute()
  }

  /** Adds blocks; a block that a commit had dropped and this one brings back is live again. */
  async putBlocks(did: string, rev: string, blocks: BlockRow[]): Promise<void> {
    if (blocks.length === 0) return
    await this.db
      .insertInto('repo_block')
      .values(
        blocks.map((b) => ({
          did,
          cid: b.cid,
          rev,
          size: b.content.byteLength,
          content: b.content,
          removed_rev: null,
          removed_at: null,
        })),
      )
      .onConflict((oc) =>
        oc
          .columns(['did', 'cid'])
          .doUpdateSet({ rev, removed_rev: null, removed_at: null })
          .where('repo_block.removed_rev', 'is not', null),
      )
      .execute()
  }

  /** Deletes blocks dropped by commits before `cutoff` (past the grace period); returns how many. */
  async sweepDroppedBlocks(cutoff: string, limit = 5000): Promise<number> {
    const doomed = this.db.selectFrom('repo_block').select(['did', 'cid']).where('removed_at', '<', cutoff).limit(limit)
    const rows = await this.db
      .deleteFrom('repo_block')
      .where((eb) => eb(eb.refTuple('did', 'cid'), 'in', doomed.$asTuple('did', 'cid')))
      .returning('cid')
      .execute()
    return rows.length
  }
}

/** What a commit is built on: the root, and the account's sealed signing key and status. */
function commitRoot(db: TenantDb, did: string) {
  return db
    .selectFrom('repo_root')
    .innerJoin('account', 'account.did', 'repo_root.did')
    .select([
      'repo_root.cid',
      'repo_root.rev',
      'account.signing_key',
      'account.status',
      'account.deactivated_at',
      'account.moving_since',
    ])
    .where('repo_root.did', '=', did)
}

/** Rows per INSERT: well under Postgres's 65,535 parameters at seven columns a row. */
const ROWS_PER_INSERT = 1000

export function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size)
}

function pathList(paths: RecordPath[]): RawBuilder<unknown> {
  return sql.join(paths.map((p) => sql`(${p.collection}, ${p.rkey})`))
}
