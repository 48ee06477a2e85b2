import type { Kysely } from 'kysely'

// A used refresh token is kept for a grace period and names the token its
// use issued, so a client that lost the answer and uses it again gets that
// same pair instead of losing its session (as the official PDS does).
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('refresh_token').addColumn('next_id', 'varchar(64)').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('refresh_token').dropColumn('next_id').execute()
}
