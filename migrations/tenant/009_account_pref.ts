import type { Kysely } from 'kysely'

// An account's preferences (app.bsky.actor.putPreferences), one row each, in
// the order they were put: `name` is the preference's $type, `value_json` the
// preference as the client sent it. Text, not jsonb: jsonb refuses a \u0000
// in a string and reorders keys, and nothing here queries inside a value.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('account_pref')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('did', 'varchar(2048)', (c) => c.notNull().references('account.did').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('value_json', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('account_pref_did_idx').on('account_pref').columns(['did', 'id']).execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('account_pref').execute()
}
