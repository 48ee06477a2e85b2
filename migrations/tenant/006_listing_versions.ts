import type { Kysely } from 'kysely'

// Every version (CID) a skill listing has had, kept by the commit transaction
// as listings are written: a review counts for a listing only when the CID
// its strong ref names is one of these, so a review written of a listing that
// did not exist (yet) counts for nothing. Versions stay when a listing is
// deleted (they existed), and go with their account (cascade). Listings
// written before this migration start with their current version.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('listing_version')
    .addColumn('did', 'varchar(2048)', (c) => c.notNull().references('account.did').onDelete('cascade'))
    .addColumn('rkey', 'varchar(512)', (c) => c.notNull())
    .addColumn('cid', 'varchar(128)', (c) => c.notNull())
    .addPrimaryKeyConstraint('listing_version_pkey', ['did', 'rkey', 'cid'])
    .execute()
  await db
    .insertInto('listing_version')
    .columns(['did', 'rkey', 'cid'])
    .expression(
      db
        .selectFrom('record')
        .innerJoin('account', 'account.did', 'record.did')
        .select(['record.did', 'record.rkey', 'record.cid'])
        .where('record.collection', '=', 'is.gather.skill.listing'),
    )
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('listing_version').execute()
}
