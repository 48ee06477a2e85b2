import type { Kysely } from 'kysely'

// Agent accounts: the public key an agent logs in with (a did:key), and
// whether a domain manager trusts it with the higher write budget. An account
// is an agent exactly when it has a row here.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agent_key')
    .addColumn('did', 'varchar(2048)', (c) => c.primaryKey().references('account.did').onDelete('cascade'))
    .addColumn('public_key', 'varchar(256)', (c) => c.notNull())
    .addColumn('trusted', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agent_key').execute()
}
