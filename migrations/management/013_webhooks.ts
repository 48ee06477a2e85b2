import { type Kysely, sql } from 'kysely'

// Webhooks (the agent platform's): the URLs an account has registered with
// what each is sent, the queue of deliveries waiting per webhook, and where
// the dispatcher that fills the queues stands in the firehose. A delivery is
// keyed by its webhook and the event it comes from (seq, and its place among
// what that event yields), so an event is queued at most once per webhook;
// it leaves the queue when the receiver has taken it.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webhook')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('did', 'varchar(2048)', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('filter', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull().defaultTo('active'))
    // Events up to this seq were in the firehose before the webhook existed: none of them is sent.
    .addColumn('from_seq', 'bigint', (c) => c.notNull())
    .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('dropped', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('last_attempt_at', 'varchar(32)')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('last_delivered_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('webhook_did_idx').on('webhook').column('did').execute()
  await db.schema
    .createTable('webhook_delivery')
    .addColumn('webhook_id', 'varchar(64)', (c) => c.notNull().references('webhook.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('idx', 'integer', (c) => c.notNull())
    // The JSON body, exactly as it is signed and sent.
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', sql`varchar(32) collate "C"`, (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('webhook_delivery_pkey', ['webhook_id', 'seq', 'idx'])
    .execute()
  await db.schema
    .createTable('webhook_dispatch')
    .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_dispatch').execute()
  await db.schema.dropTable('webhook_delivery').execute()
  await db.schema.dropTable('webhook').execute()
}
