import type { Kysely } from 'kysely'

// Mail: the sender a domain's mail goes out from (null: the config's
// email.from); since when a domain may have mail waiting in its queue (so
// the mail job's sweep visits those tenants, not all of them); and where
// each password-reset code lives. resetPassword
// brings only the code, and codes live in tenant databases, so this says
// which account (and so which tenant) a code was mailed to.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('domain').addColumn('email_from', 'varchar(400)').execute()
  await db.schema.alterTable('domain').addColumn('mail_pending_since', 'varchar(32)').execute()
  await db.schema
    .createTable('email_token_home')
    .addColumn('purpose', 'varchar(32)', (c) => c.notNull())
    .addColumn('token', 'varchar(32)', (c) => c.notNull())
    .addColumn('did', 'varchar(2048)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_token_home_pkey', ['purpose', 'token'])
    .execute()
  await db.schema.createIndex('email_token_home_did_idx').on('email_token_home').column('did').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('email_token_home').execute()
  await db.schema.alterTable('domain').dropColumn('mail_pending_since').execute()
  await db.schema.alterTable('domain').dropColumn('email_from').execute()
}
