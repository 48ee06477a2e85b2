import type { Kysely } from 'kysely'

// The firehose: every event of every tenant with its global seq and its frame
// encoded once, and the events of the management side itself (domain removal
// outlives the tenant database whose outbox would have held them).
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('firehose_event')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('did', 'varchar(2048)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('time', 'varchar(32)', (c) => c.notNull())
    // The whole WebSocket message: DAG-CBOR header then body.
    .addColumn('frame', 'bytea', (c) => c.notNull())
    // Where the event came from: a tenant database name (or '' for the management
    // outbox) and the outbox row id, unique so a re-drain after a crash cannot duplicate it.
    .addColumn('source', 'varchar(80)', (c) => c.notNull())
    .addColumn('outbox_id', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('firehose_event_source_uniq', ['source', 'outbox_id'])
    .execute()
  await db.schema.createIndex('firehose_event_time_idx').on('firehose_event').column('time').execute()
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('did', 'varchar(2048)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('event', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    // Events handed over from a tenant being removed keep their identity, so
    // the firehose dedupes them against a drain of that tenant already done.
    .addColumn('origin_source', 'varchar(80)')
    .addColumn('origin_id', 'bigint')
    .addUniqueConstraint('outbox_origin_uniq', ['origin_source', 'origin_id'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('outbox').execute()
  await db.schema.dropTable('firehose_event').execute()
}
