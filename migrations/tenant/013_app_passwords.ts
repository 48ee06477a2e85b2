import type { Kysely } from 'kysely'

// App passwords (com.atproto.server.createAppPassword): one row per name an
// account gave one, its scrypt hash salted by the DID as the official PDS's
// (so a login finds it by hash, with one scrypt), and whether it is
// privileged. A refresh token names the app password its session was opened
// with: revoking the password deletes those sessions, and the foreign key
// makes sure a login racing a revocation cannot leave one behind.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('app_password')
    .addColumn('did', 'varchar(2048)', (c) => c.notNull().references('account.did').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(161)', (c) => c.notNull())
    .addColumn('privileged', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('app_password_pkey', ['did', 'name'])
    .execute()
  await db.schema.createIndex('app_password_hash_idx').on('app_password').columns(['did', 'password_hash']).execute()
  await db.schema.alterTable('refresh_token').addColumn('app_password_name', 'text').execute()
  await db.schema
    .alterTable('refresh_token')
    .addForeignKeyConstraint('refresh_token_app_password_fkey', ['did', 'app_password_name'], 'app_password', [
      'did',
      'name',
    ])
    .onDelete('cascade')
    .execute()
  await db.schema
    .createIndex('refresh_token_app_password_idx')
    .on('refresh_token')
    .columns(['did', 'app_password_name'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('refresh_token').dropConstraint('refresh_token_app_password_fkey').execute()
  await db.schema.alterTable('refresh_token').dropColumn('app_password_name').execute()
  await db.schema.dropTable('app_password').execute()
}
