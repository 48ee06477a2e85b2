import type { Kysely } from 'kysely'

// Consents to move an account between two of our domains
// (host.primal.pds.moveAccount): the owner of each domain asks for the same
// move, and it runs once both have, within the consent's lifetime. One row
// per account, new handle and consenting domain.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('move_consent')
    .addColumn('did', 'varchar(2048)', (c) => c.notNull())
    .addColumn('new_handle', 'varchar(253)', (c) => c.notNull())
    .addColumn('domain', 'varchar(253)', (c) => c.notNull())
    .addColumn('owner_did', 'varchar(2048)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('move_consent_pkey', ['did', 'new_handle', 'domain'])
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('move_consent').execute()
}
