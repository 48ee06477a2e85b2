import type { Kysely } from 'kysely'

// An account being moved to another of our domains (AccountMoves): set while
// its rows are copied out, so no commit, session or other write lands here
// that the copy would miss; cleared when a move is undone. The copy in the
// target tenant keeps it set until the move's events are written there.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('account').addColumn('moving_since', 'varchar(32)').execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('account').dropColumn('moving_since').execute()
}
