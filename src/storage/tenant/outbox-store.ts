// SQL on a tenant's `outbox`: rows of opaque event bodies, appended in the
// transaction of the change they report and drained by the sequencer. What a
// body says, and when one is written, is sync/'s business (sync/outbox.ts).
import { type RawBuilder, sql } from 'kysely'
import type { OutboxKind } from '../schema.js'
import type { TenantDb } from '../storage.js'
import { tableRef } from '../table-ref.js'

export type OutboxRow = { id: string; did: string; kind: OutboxKind; event: Uint8Array; created_at: string }

export class OutboxReader {
  constructor(readonly db: TenantDb) {}

  /** The oldest rows, in append order (all of them without a limit), but those of `passOver` (ids). */
  oldest(limit?: number, passOver: string[] = []): Promise<OutboxRow[]> {
    let q = this.db.selectFrom('outbox').select(['id', 'did', 'kind', 'event', 'created_at']).orderBy('id')
    if (passOver.length > 0) q = q.where('id', 'not in', passOver)
    if (limit !== undefined) q = q.limit(limit)
    return q.execute()
  }

  /** Whether rows of `did` still wait to be sequenced. */
  async holds(did: string): Promise<boolean> {
    return !!(await this.db.selectFrom('outbox').select('id').where('did', '=', did).limit(1).executeTakeFirst())
  }
}

export class OutboxTransactor extends OutboxReader {
  /** Adds an event body (without seq and time), inside the caller's transaction. */
  async append(did: string, kind: OutboxKind, body: Uint8Array): Promise<void> {
    // An event must commit or roll back with the change it announces.
    if (!this.db.isTransaction) throw new Error('outbox append outside a transaction')
    await this.db
      .insertInto('outbox')
      .values({ did, kind, event: body, created_at: new Date().toISOString() })
      .execute()
  }

  /** Deletes rows the sequencer has carried to the firehose. */
  async delete(ids: string[]): Promise<void> {
    await this.db.deleteFrom('outbox').where('id', 'in', ids).execute()
  }

  /** Makes the next row's id greater than `used`. */
  async continueIdsAfter(used: number): Promise<void> {
    await sql`select setval(pg_get_serial_sequence(${tableRef(this.db, 'outbox')}, 'id'), ${used})`.execute(this.db)
  }
}

/**
 * The append as one part of a larger statement (the one that stores a commit
 * without a transaction), inserting only when `condition` holds. `schema` is
 * the tenant's schema prefix, as the rest of that statement uses.
 */
export function appendOutboxWhen(
  schema: string,
  did: string,
  kind: OutboxKind,
  body: Uint8Array,
  createdAt: string,
  condition: RawBuilder<unknown>,
): RawBuilder<unknown> {
  return sql`INSERT INTO ${sql.raw(`${schema}"outbox"`)} (did, kind, event, created_at)
    SELECT ${did}, ${sql.lit(kind)}, ${body}::bytea, ${createdAt} WHERE ${condition}`
}
