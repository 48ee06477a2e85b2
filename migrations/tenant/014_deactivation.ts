import type { Kysely } from 'kysely'

// Deactivation as the official PDS keeps it: apart from the moderation
// status, so an account its owner deactivated and moderation took down stays
// taken down whichever is lifted first. `deactivated_at` is set while the
// account is deactivated; `delete_after` is when its owner asked that it may
// be deleted (stored, as the official PDS stores it, not acted on). Null: active.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('account')
    .addColumn('deactivated_at', 'varchar(64)')
    .addColumn('delete_after', 'varchar(64)')
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('account').dropColumn('deactivated_at').dropColumn('delete_after').execute()
}
