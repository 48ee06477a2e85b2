// The outboxes the sequencer drains: each tenant's, written in the same
// transaction as the change an event reports, and the management one, which
// outlives a removed domain's database. The sequencer reads and empties them;
// everything else that touches them goes through here.
import { type RawBuilder, sql, type Transaction } from 'kysely'
import type { OutboxKind, TenantSchema } from '../storage/schema.js'
import type { Storage } from '../storage/storage.js'
import { tableRef } from '../storage/table-ref.js'
import { accountEvent } from './events.js'

/** A removed domain as the hand-over needs it: its database, and when it was added (to tell re-additions apart). */
export type RemovedTenant = { db_name: string; created_at: string }

export const outbox = {
  /** Adds an event body (DAG-CBOR, without seq and time) to a tenant's outbox, inside the caller's transaction. */
  async append(trx: Transaction<TenantSchema>, did: string, kind: OutboxKind, body: Uint8Array): Promise<void> {
    await trx.insertInto('outbox').values({ did, kind, event: body, created_at: new Date().toISOString() }).execute()
  },

  /**
   * The same append as one part of a larger statement (the one that stores a
   * commit without a transaction), inserting only when `condition` holds.
   * `schema` is the tenant's schema prefix, as the rest of that statement uses.
   */
  appendWhen(
    schema: string,
    did: string,
    kind: OutboxKind,
    body: Uint8Array,
    createdAt: string,
    condition: RawBuilder<unknown>,
  ): RawBuilder<unknown> {
    return sql`INSERT INTO ${sql.raw(`${schema}"outbox"`)} (did, kind, event, created_at)
      SELECT ${did}, ${sql.lit(kind)}, ${body}::bytea, ${createdAt} WHERE ${condition}`
  },

  /**
   * The firehose knows a tenant's events by database name and outbox id, and a
   * domain added again under a removed one's name gets the same database name:
   * its outbox ids start above every id that name has had, so none of its
   * events is taken for one already sequenced.
   */
  async continueIds(storage: Storage, dbName: string): Promise<void> {
    const row = await storage.management
      .selectNoFrom((eb) => [
        eb
          .selectFrom('firehose_event')
          .select((e) => e.fn.max('outbox_id').as('m'))
          .where('source', '=', dbName)
          .as('sequenced'),
        eb
          .selectFrom('outbox')
          .select((e) => e.fn.max('origin_id').as('m'))
          .where('origin_source', '=', dbName)
          .as('handedOver'),
      ])
      .executeTakeFirstOrThrow()
    const used = Math.max(Number(row.sequenced ?? 0), Number(row.handedOver ?? 0))
    if (used === 0) return
    await storage.withTenant(dbName, async (db) => {
      await sql`select setval(pg_get_serial_sequence(${tableRef(db, 'outbox')}, 'id'), ${used})`.execute(db)
    })
  },

  /**
   * Before a tenant database goes, its events must outlive it: what its
   * outbox still holds moves to the management outbox (keeping its origin,
   * so the firehose cannot carry it twice), followed by an #account event
   * for every account, now deleted. Safe to repeat: origins are unique.
   * False when the database is gone already (nothing was handed over).
   */
  async handOver(storage: Storage, tenant: RemovedTenant): Promise<boolean> {
    if (!(await storage.tenantDbExists(tenant.db_name))) return false
    const { pending, dids } = await storage.withTenant(tenant.db_name, async (db) => ({
      pending: await db.selectFrom('outbox').select(['id', 'did', 'kind', 'event']).orderBy('id').execute(),
      dids: (await db.selectFrom('account').select('did').orderBy('did').execute()).map((r) => r.did),
    }))
    const created_at = new Date().toISOString()
    const rows = [
      ...pending.map((r) => ({
        did: r.did,
        kind: r.kind,
        event: r.event,
        origin_source: tenant.db_name,
        origin_id: String(r.id),
        created_at,
      })),
      ...dids.map((did, i) => ({
        did,
        kind: 'account' as const,
        event: accountEvent(did, 'removed'),
        // A domain added again under this name is removed under another origin.
        origin_source: `${tenant.db_name}#removed@${tenant.created_at}`,
        origin_id: String(i + 1),
        created_at,
      })),
    ]
    for (let i = 0; i < rows.length; i += 500) {
      await storage.management
        .insertInto('outbox')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['origin_source', 'origin_id']).doNothing())
        .execute()
    }
    return true
  },
}
