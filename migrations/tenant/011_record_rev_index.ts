import type { Kysely } from 'kysely'

// Read-after-write asks, on every proxied timeline, feed, thread and profile
// call that carries the AppView's rev, which of the caller's records came
// after it: an index on (did, rev) answers that from the newest few rows
// instead of reading the account's whole record index.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('record_did_rev_idx').on('record').columns(['did', 'rev']).execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('record_did_rev_idx').execute()
}
