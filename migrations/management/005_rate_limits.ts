import type { Kysely } from 'kysely'

// Rate-limit counters shared by every process on one Postgres: a fixed
// window per key (a bucket and a client IP, or an account), so N replicas
// give a client one budget, not N.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limit')
    .addColumn('key', 'varchar(2100)', (c) => c.primaryKey())
    // Requests counted in the window, at most the budget plus one (a refused request is not counted).
    .addColumn('used', 'integer', (c) => c.notNull())
    // When the window ends, in epoch milliseconds.
    .addColumn('reset_at', 'bigint', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('rate_limit_reset_idx').on('rate_limit').column('reset_at').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rate_limit').execute()
}
