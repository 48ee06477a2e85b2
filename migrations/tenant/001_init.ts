import type { Kysely } from 'kysely'

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account')
    .addColumn('did', 'varchar(2048)', (c) => c.primaryKey())
    .addColumn('handle', 'varchar(253)', (c) => c.notNull().unique())
    .addColumn('email', 'varchar(320)', (c) => c.unique())
    .addColumn('password_hash', 'varchar(128)', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('signing_key', 'bytea', (c) => c.notNull())
    .addColumn('plc_op', 'jsonb', (c) => c.notNull())
    .addColumn('plc_published_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('refresh_token')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('session_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('did', 'varchar(2048)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('refresh_token_session_idx').on('refresh_token').column('session_id').execute()
  await db.schema.createIndex('refresh_token_did_idx').on('refresh_token').column('did').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('refresh_token').execute()
  await db.schema.dropTable('account').execute()
}
