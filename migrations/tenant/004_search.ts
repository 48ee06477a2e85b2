import { type Kysely, sql } from 'kysely'

// Search: the posts and skill listings of the tenant's accounts as documents
// with a weighted tsvector (GIN), and every skill review with its subject and
// rating, looked up by subject URI to aggregate a listing's reviews. Both are
// kept by the commit transaction; rows go with their account (cascade).
// Keys are collated "C" so that their order is byte order: pages of a search
// merged across tenants compare them in JavaScript, which must agree with SQL.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_doc')
    .addColumn('did', sql`varchar(2048) collate "C"`, (c) => c.notNull().references('account.did').onDelete('cascade'))
    .addColumn('collection', 'varchar(317)', (c) => c.notNull())
    .addColumn('rkey', sql`varchar(512) collate "C"`, (c) => c.notNull())
    .addColumn('cid', 'varchar(128)', (c) => c.notNull())
    // The record in its JSON form ($link, $bytes), as a search hit returns it.
    .addColumn('record', 'jsonb', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('tsv', sql`tsvector`, (c) => c.notNull())
    // When the record was first indexed (the server's clock, not the record's
    // createdAt, which a client could set in the future): "newest first".
    .addColumn('created_at', sql`varchar(32) collate "C"`, (c) => c.notNull())
    // When the current version was indexed.
    .addColumn('indexed_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('search_doc_pkey', ['did', 'collection', 'rkey'])
    .execute()
  await db.schema.createIndex('search_doc_tsv_idx').on('search_doc').using('gin').column('tsv').execute()
  await db.schema
    .createIndex('search_doc_recent_idx')
    .on('search_doc')
    .columns(['collection', 'created_at', 'did', 'rkey'])
    .execute()
  await db.schema
    .createTable('skill_review')
    .addColumn('did', 'varchar(2048)', (c) => c.notNull().references('account.did').onDelete('cascade'))
    .addColumn('rkey', 'varchar(512)', (c) => c.notNull())
    .addColumn('subject_uri', 'text', (c) => c.notNull())
    .addColumn('subject_cid', 'varchar(128)', (c) => c.notNull())
    .addColumn('rating', 'smallint', (c) => c.notNull())
    .addColumn('indexed_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('skill_review_pkey', ['did', 'rkey'])
    .execute()
  // Hash, not btree: a subject URI may be longer than a btree entry can hold.
  await db.schema
    .createIndex('skill_review_subject_idx')
    .on('skill_review')
    .using('hash')
    .column('subject_uri')
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('skill_review').execute()
  await db.schema.dropTable('search_doc').execute()
}
