import type { Kysely } from 'kysely'

// Every signed PLC operation of every account, in the order they were made,
// and whether the directory has accepted it: without a PLC endpoint they wait
// here for `primal-pds plc publish`, which must send them in this order.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plc_operation')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('did', 'varchar(2048)', (c) => c.notNull().references('account.did').onDelete('cascade'))
    .addColumn('op', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('published_at', 'varchar(32)')
    .execute()
  await db.schema.createIndex('plc_operation_did_idx').on('plc_operation').columns(['did', 'id']).execute()
  // Accounts made before this migration have their genesis op on the account row.
  await db
    .insertInto('plc_operation')
    .columns(['did', 'op', 'created_at', 'published_at'])
    .expression(
      db.selectFrom('account').select(['did', 'plc_op', 'created_at', 'plc_published_at']).orderBy('created_at'),
    )
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plc_operation').execute()
}
