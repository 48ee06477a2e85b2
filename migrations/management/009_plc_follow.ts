import type { Kysely } from 'kysely'

// Following the PLC directory's export for departures: one row per followed
// feed, with its cursor (the `createdAt` of the last op read) and a lease, so
// one process at a time reads it when several run.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('plc_follow')
    .addColumn('name', 'varchar(64)', (col) => col.primaryKey())
    .addColumn('cursor', 'varchar(64)')
    .addColumn('lease_owner', 'varchar(128)')
    .addColumn('leased_until', 'varchar(64)')
    .addColumn('updated_at', 'varchar(64)', (col) => col.notNull())
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('plc_follow').execute()
}
