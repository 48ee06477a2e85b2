import type { Kysely } from 'kysely'

// Departures: `moved_at` is set when the account's DID document stopped
// naming this server (its PDS endpoint or its signing key): the account was
// moved to another PDS. It is deactivated with it, so nothing is signed for it
// here any more; activateAccount (once the DID names us again) clears both.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('account').addColumn('moved_at', 'varchar(64)').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('account').dropColumn('moved_at').execute()
}
