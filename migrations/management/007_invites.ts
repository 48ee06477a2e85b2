import type { Kysely } from 'kysely'

// Invites: whether a domain takes sign-ups only with an invite code (null:
// the config's invites.required). The codes themselves live in each tenant.
// Domains that exist already keep sign-up as it was, without codes: an
// upgrade must not close a domain that took sign-ups (updateDomain turns
// codes on).
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('domain').addColumn('invite_required', 'boolean').execute()
  await db.updateTable('domain').set({ invite_required: false }).execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('domain').dropColumn('invite_required').execute()
}
