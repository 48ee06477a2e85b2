// SQL on a tenant's `blob` and `record_blob` tables. A blob is kept while a
// record uses it; from the moment none does (or none ever did, after upload)
// `unreferenced_since` is set, and the sweeper deletes it after a grace period.
import { type ExpressionBuilder, sql } from 'kysely'
import type { TenantSchema } from '../schema.js'
import type { TenantDb } from '../storage.js'
import { tableRef } from '../table-ref.js'

export type BlobMeta = { cid: string; mime_type: string; size: number }
/** What an upload stored: its first MIME type, and whether it is taken down (then it must not be handed out). */
export type StoredBlob = BlobMeta & { takedown_ref: string | null }

export class BlobReader {
  constructor(readonly db: TenantDb) {}

  get(did: string, cid: string) {
    return this.db
      .selectFrom('blob')
      .select(['cid', 'mime_type', 'size', 'content'])
      .where('did', '=', did)
      .where('cid', '=', cid)
      .where('takedown_ref', 'is', null)
      .executeTakeFirst()
  }

  /** The blob's takedown, taken down or not; undefined when there is no such blob. */
  takedown(did: string, cid: string) {
    return this.db
      .selectFrom('blob')
      .select(['cid', 'takedown_ref'])
      .where('did', '=', did)
      .where('cid', '=', cid)
      .executeTakeFirst()
  }

  metas(did: string, cids: string[]): Promise<BlobMeta[]> {
    if (cids.length === 0) return Promise.resolve([])
    return this.db
      .selectFrom('blob')
      .select(['cid', 'mime_type', 'size'])
      .where('did', '=', did)
      .where('cid', 'in', cids)
      .where('takedown_ref', 'is', null)
      .execute()
  }

  /**
   * Blobs the account's records use that are not stored (an account moving
   * in uploads them after importing its repo), in CID order after `cursor`,
   * each with one record that uses it.
   */
  async listMissing(did: string, opts: { limit: number; cursor?: string }) {
    let q = this.db
      .selectFrom('record_blob')
      .select((eb) => ['record_blob.blob_cid as cid', eb.fn.min('record_blob.record_path').as('path')])
      .where('record_blob.did', '=', did)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('blob')
              .select('blob.cid')
              .where('blob.did', '=', did)
              .whereRef('blob.cid', '=', 'record_blob.blob_cid'),
          ),
        ),
      )
      .groupBy('record_blob.blob_cid')
      .orderBy('record_blob.blob_cid')
      .limit(opts.limit)
    if (opts.cursor !== undefined) q = q.where('record_blob.blob_cid', '>', opts.cursor)
    return q.execute()
  }

  /** CIDs of blobs records use, in CID order, added by commits after `since` when given. */
  async listReferenced(did: string, opts: { limit: number; cursor?: string; since?: string }) {
    let q = this.db
      .selectFrom('blob')
      .select('blob.cid')
      .where('blob.did', '=', did)
      .where('blob.unreferenced_since', 'is', null)
      .orderBy('blob.cid')
      .limit(opts.limit)
    if (opts.cursor !== undefined) q = q.where('blob.cid', '>', opts.cursor)
    if (opts.since !== undefined) {
      const since = opts.since
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('record_blob')
            .select('record_blob.blob_cid')
            .whereRef('record_blob.did', '=', 'blob.did')
            .whereRef('record_blob.blob_cid', '=', 'blob.cid')
            .where('record_blob.rev', '>', since),
        ),
      )
    }
    return (await q.execute()).map((r) => r.cid)
  }
}

export class BlobTransactor extends BlobReader {
  /** Takes the blob down (a ref) or restores it (null); false when there is no such blob. */
  async setTakedown(did: string, cid: string, takedownRef: string | null): Promise<boolean> {
    const res = await this.db
      .updateTable('blob')
      .set({ takedown_ref: takedownRef })
      .where('did', '=', did)
      .where('cid', '=', cid)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) > 0
  }

  /**
   * Stores an upload; uploading the same bytes again keeps one copy, and the
   * MIME type of the first upload, which is returned so that every ref handed
   * out for this CID agrees with the row records are checked against.
   */
  async put(did: string, blob: { cid: string; mimeType: string; content: Uint8Array }): Promise<StoredBlob> {
    const now = new Date().toISOString()
    return this.db
      .insertInto('blob')
      .values({
        did,
        cid: blob.cid,
        mime_type: blob.mimeType,
        size: blob.content.byteLength,
        content: blob.content,
        created_at: now,
        // A blob an imported record already uses (an account moving in) is kept from the start.
        unreferenced_since: sql<
          string | null
        >`case when exists (select 1 from ${sql.raw(tableRef(this.db, 'record_blob'))} rb where rb.did = ${did} and rb.blob_cid = ${blob.cid}) then null else ${now} end`,
        takedown_ref: null,
      })
      .onConflict((oc) =>
        // A re-upload of a blob waiting to be swept restarts its grace period; one a record uses stays kept.
        oc.columns(['did', 'cid']).doUpdateSet({
          unreferenced_since: sql<
            string | null
          >`case when blob.unreferenced_since is null then null else excluded.unreferenced_since end`,
        }),
      )
      .returning(['cid', 'mime_type', 'size', 'takedown_ref'])
      .executeTakeFirstOrThrow()
  }

  /** Records that `paths` now use exactly these blobs (an empty list: none); inside the commit's transaction. */
  async setRecordBlobs(did: string, rev: string, uses: { path: string; blobCids: string[] }[]): Promise<void> {
    if (uses.length === 0) return
    const paths = uses.map((u) => u.path)
    const before = await this.db
      .deleteFrom('record_blob')
      .where('did', '=', did)
      .where('record_path', 'in', paths)
      .returning('blob_cid')
      .execute()
    const rows = uses.flatMap((u) =>
      [...new Set(u.blobCids)].map((blob_cid) => ({ did, blob_cid, record_path: u.path, rev })),
    )
    if (rows.length > 0) await this.db.insertInto('record_blob').values(rows).execute()
    const used = [...new Set(rows.map((r) => r.blob_cid))]
    if (used.length > 0) {
      await this.db
        .updateTable('blob')
        .set({ unreferenced_since: null })
        .where('did', '=', did)
        .where('cid', 'in', used)
        .execute()
    }
    const released = [...new Set(before.map((r) => r.blob_cid))].filter((c) => !used.includes(c))
    if (released.length > 0) {
      await this.db
        .updateTable('blob')
        .set({ unreferenced_since: new Date().toISOString() })
        .where('did', '=', did)
        .where('cid', 'in', released)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('record_blob')
                .select('record_blob.blob_cid')
                .where('record_blob.did', '=', did)
                .whereRef('record_blob.blob_cid', '=', 'blob.cid'),
            ),
          ),
        )
        .execute()
    }
  }

  /**
   * Replaces every blob use of the account with `uses` (an imported repo's
   * records, all at `rev`): blobs now used are kept, blobs no longer used
   * start their grace period.
   */
  async replaceRecordBlobs(did: string, rev: string, uses: { path: string; blobCids: string[] }[]): Promise<void> {
    await this.db.deleteFrom('record_blob').where('did', '=', did).execute()
    const rows = uses.flatMap((u) =>
      [...new Set(u.blobCids)].map((blob_cid) => ({ did, blob_cid, record_path: u.path, rev })),
    )
    for (let i = 0; i < rows.length; i += 1000) {
      await this.db
        .insertInto('record_blob')
        .values(rows.slice(i, i + 1000))
        .execute()
    }
    const now = new Date().toISOString()
    const usedNow = (eb: ExpressionBuilder<TenantSchema, 'blob'>) =>
      eb.exists(
        eb
          .selectFrom('record_blob')
          .select('record_blob.blob_cid')
          .where('record_blob.did', '=', did)
          .whereRef('record_blob.blob_cid', '=', 'blob.cid'),
      )
    await this.db
      .updateTable('blob')
      .set({ unreferenced_since: null })
      .where('did', '=', did)
      .where('unreferenced_since', 'is not', null)
      .where(usedNow)
      .execute()
    await this.db
      .updateTable('blob')
      .set({ unreferenced_since: now })
      .where('did', '=', did)
      .where('unreferenced_since', 'is', null)
      .where((eb) => eb.not(usedNow(eb)))
      .execute()
  }

  /** Deletes blobs nothing has used since before `cutoff`; returns how many. */
  async sweep(cutoff: string, limit = 1000): Promise<number> {
    const doomed = this.db
      .selectFrom('blob')
      .select(['did', 'cid'])
      .where('unreferenced_since', '<', cutoff)
      // A taken-down blob stays, with its takedown: swept, it could be uploaded and used again.
      .where('takedown_ref', 'is', null)
      // And one a record uses stays, whatever its mark says: an upload that committed while an import
      // was writing the blob uses it names saw none yet, and marked the blob unused.
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('record_blob')
              .select('record_blob.blob_cid')
              .whereRef('record_blob.did', '=', 'blob.did')
              .whereRef('record_blob.blob_cid', '=', 'blob.cid'),
          ),
        ),
      )
      .limit(limit)
    const rows = await this.db
      .deleteFrom('blob')
      .where((eb) => eb(eb.refTuple('did', 'cid'), 'in', doomed.$asTuple('did', 'cid')))
      .returning('cid')
      .execute()
    return rows.length
  }
}
