// SQL on a tenant's `plc_operation` log: every op an account's DID has had
// from this server, oldest first, and which of them the directory accepted.
import { sql } from 'kysely'
import type { TenantDb } from '../storage.js'

export type StoredPlcOp = { id: string; did: string; op: unknown; published_at: string | null }

export class PlcReader {
  constructor(readonly db: TenantDb) {}

  latest(did: string): Promise<StoredPlcOp | undefined> {
    return this.db
      .selectFrom('plc_operation')
      .select(['id', 'did', 'op', 'published_at'])
      .where('did', '=', did)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst()
  }

  /** Ops the directory has not accepted yet, in the order they must be sent; optionally of one DID. */
  unpublished(did?: string): Promise<StoredPlcOp[]> {
    let q = this.db
      .selectFrom('plc_operation')
      .select(['id', 'did', 'op', 'published_at'])
      .where('published_at', 'is', null)
      .orderBy('id')
    if (did) q = q.where('did', '=', did)
    return q.execute()
  }
}

export class PlcTransactor extends PlcReader {
  /** Logs an op; the genesis op's account row is written with it already. */
  async log(did: string, op: unknown, publishedAt: string | null): Promise<void> {
    await this.db
      .insertInto('plc_operation')
      .values({ did, op: JSON.stringify(op), created_at: new Date().toISOString(), published_at: publishedAt })
      .execute()
  }

  /** Logs a later op and makes it the account's latest, which its DID document is built from. */
  async append(did: string, op: unknown, publishedAt: string | null): Promise<void> {
    await this.log(did, op, publishedAt)
    await this.db
      .updateTable('account')
      .set({ plc_op: JSON.stringify(op), plc_published_at: publishedAt })
      .where('did', '=', did)
      .execute()
  }

  /**
   * Makes `op` (the directory's, not one of ours: an account that moved in)
   * the account's latest, which its DID document is built from; no change
   * when it already is.
   */
  async adopt(did: string, op: unknown): Promise<void> {
    const json = JSON.stringify(op)
    await this.db
      .updateTable('account')
      .set({ plc_op: json, plc_published_at: new Date().toISOString() })
      .where('did', '=', did)
      .where(sql<boolean>`plc_op::jsonb is distinct from ${json}::jsonb`)
      .execute()
  }

  async markPublished(op: StoredPlcOp): Promise<void> {
    const t = new Date().toISOString()
    await this.db.updateTable('plc_operation').set({ published_at: t }).where('id', '=', op.id).execute()
    // Only if it is still the account's latest op does the account count as published.
    await this.db
      .updateTable('account')
      .set({ plc_published_at: t })
      .where('did', '=', op.did)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('plc_operation as later')
              .select('later.id')
              .whereRef('later.did', '=', 'account.did')
              .where('later.id', '>', op.id),
          ),
        ),
      )
      .execute()
  }
}
