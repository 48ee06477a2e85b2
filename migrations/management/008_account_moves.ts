import type { Kysely } from 'kysely'

// The journal of accounts moving between our tenant domains (AccountMoves):
// one row per account under way (the DID is the key, so two moves of one
// account cannot run at once), its phase advanced as each step lands. The
// phase moves to 'switched' in the same transaction as the home's domain, so
// recovery knows which side of the switch a crash left the move on.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account_move')
    .addColumn('did', 'varchar(2048)', (c) => c.primaryKey())
    .addColumn('from_domain', 'varchar(253)', (c) => c.notNull())
    .addColumn('from_db', 'varchar(63)', (c) => c.notNull())
    .addColumn('to_domain', 'varchar(253)', (c) => c.notNull())
    .addColumn('to_db', 'varchar(63)', (c) => c.notNull())
    .addColumn('old_handle', 'varchar(253)', (c) => c.notNull())
    .addColumn('new_handle', 'varchar(253)', (c) => c.notNull())
    .addColumn('phase', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_move').execute()
}
