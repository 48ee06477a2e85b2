import type { Kysely } from 'kysely'

// Invite codes of this tenant's domain, as the official PDS keeps them: a
// code with how many accounts it may create, whom it was made for (a DID, or
// 'admin' for codes made by whoever manages the domain) and by whom ('admin'
// for those, the account's DID for codes it earned); one use row per account
// it created. An account whose invites are disabled has a row in
// invite_disabled_account: the codes it earns from then on are made disabled.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('invite_code')
    .addColumn('code', 'varchar(300)', (c) => c.primaryKey())
    .addColumn('available_uses', 'integer', (c) => c.notNull())
    .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('for_account', 'varchar(2048)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(2048)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('invite_code_for_account_idx').on('invite_code').column('for_account').execute()
  // The admin list's order (most recent first, code breaking ties).
  await db.schema.createIndex('invite_code_created_idx').on('invite_code').columns(['created_at', 'code']).execute()
  await db.schema
    .createTable('invite_code_use')
    .addColumn('code', 'varchar(300)', (c) => c.notNull().references('invite_code.code').onDelete('cascade'))
    .addColumn('used_by', 'varchar(2048)', (c) => c.notNull())
    .addColumn('used_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('invite_code_use_pkey', ['code', 'used_by'])
    .execute()
  await db.schema
    .createTable('invite_disabled_account')
    .addColumn('did', 'varchar(2048)', (c) => c.primaryKey().references('account.did').onDelete('cascade'))
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('invite_disabled_account').execute()
  await db.schema.dropTable('invite_code_use').execute()
  await db.schema.dropTable('invite_code').execute()
}
