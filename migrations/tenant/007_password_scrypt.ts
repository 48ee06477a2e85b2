import type { Kysely } from 'kysely'

// Password hashes in the official PDS's scrypt format ("<32 hex>:<128 hex>",
// 161 characters) outgrow the 60 of bcrypt this column was sized for. No
// down: the scrypt hashes stored since would not fit back.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('account')
    .alterColumn('password_hash', (c) => c.setDataType('varchar(256)'))
    .execute()
}
