import type { Kysely } from 'kysely'

// Takedowns as the official PDS keeps them: a record or blob with a
// `takedown_ref` is not served (getRecord, listRecords, getBlob) until the ref
// is cleared; an account's ref says which moderation action took it down
// (its status, `disabled`, is what refuses it). Null everywhere: nothing is
// taken down yet.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['record', 'blob', 'account']) {
    await db.schema.alterTable(table).addColumn('takedown_ref', 'varchar(512)').execute()
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['record', 'blob', 'account']) {
    await db.schema.alterTable(table).dropColumn('takedown_ref').execute()
  }
}
