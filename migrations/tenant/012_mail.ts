import { type Kysely, sql } from 'kysely'

// Mail: whether an account's email is confirmed and asks for a code at
// sign-in; the short codes mailed for each purpose (one per account and
// purpose, as the official PDS's email_token); and the outgoing mail queue,
// written in the transaction of the code it carries and drained by the mail
// job, so a request answered is a mail sent once, crash or not.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('account').addColumn('email_confirmed_at', 'varchar(32)').execute()
  await db.schema
    .alterTable('account')
    .addColumn('email_auth_factor', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute()
  await db.schema
    .createTable('email_token')
    // confirm_email | update_email | reset_password | delete_account | plc_operation | sign_in
    .addColumn('purpose', 'varchar(32)', (c) => c.notNull())
    .addColumn('did', 'varchar(2048)', (c) => c.notNull())
    .addColumn('token', 'varchar(32)', (c) => c.notNull())
    .addColumn('requested_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('email_token_pkey', ['purpose', 'did'])
    .execute()
  await db.schema
    .createIndex('email_token_token_idx')
    .on('email_token')
    .columns(['purpose', 'token'])
    .unique()
    .execute()
  await db.schema
    .createTable('mail_queue')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('did', 'varchar(2048)')
    .addColumn('to_address', 'varchar(320)', (c) => c.notNull())
    .addColumn('subject', 'varchar(1000)', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    .addColumn('html_body', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'varchar(32)', (c) => c.notNull())
    // Who is sending it now, and until when: another process takes it only after.
    .addColumn('lease_owner', 'varchar(64)')
    .addColumn('leased_until', 'varchar(32)')
    .addColumn('sent_at', 'varchar(32)')
    .addColumn('failed_at', 'varchar(32)')
    .addColumn('last_error', 'varchar(1000)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('mail_queue_due_idx')
    .on('mail_queue')
    .column('next_attempt_at')
    .where(sql.ref('sent_at'), 'is', null)
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('mail_queue').execute()
  await db.schema.dropTable('email_token').execute()
  await db.schema.alterTable('account').dropColumn('email_auth_factor').execute()
  await db.schema.alterTable('account').dropColumn('email_confirmed_at').execute()
}
