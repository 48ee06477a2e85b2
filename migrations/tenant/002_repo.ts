import type { Kysely } from 'kysely'

// Repositories: the MST and commit blocks, the current root per account, the
// record index behind listRecords, blobs and which records use them, and the
// outbox the sequencer drains into the firehose.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('repo_root')
    .addColumn('did', 'varchar(2048)', (c) => c.primaryKey())
    .addColumn('cid', 'varchar(128)', (c) => c.notNull())
    .addColumn('rev', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('repo_block')
    .addColumn('did', 'varchar(2048)', (c) => c.notNull())
    .addColumn('cid', 'varchar(128)', (c) => c.notNull())
    // The rev of the commit that (last) added the block: getRepo?since= reads rev > since.
    .addColumn('rev', 'varchar(32)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    // Set when a commit drops the block; kept for a grace period so a
    // getRepo that started at an older root still finds every block.
    .addColumn('removed_rev', 'varchar(32)')
    .addColumn('removed_at', 'varchar(32)')
    .addPrimaryKeyConstraint('repo_block_pkey', ['did', 'cid'])
    .execute()
  await db.schema.createIndex('repo_block_did_rev_idx').on('repo_block').columns(['did', 'rev']).execute()
  await db.schema.createIndex('repo_block_removed_idx').on('repo_block').column('removed_at').execute()
  await db.schema
    .createTable('record')
    .addColumn('did', 'varchar(2048)', (c) => c.notNull())
    .addColumn('collection', 'varchar(317)', (c) => c.notNull())
    .addColumn('rkey', 'varchar(512)', (c) => c.notNull())
    .addColumn('cid', 'varchar(128)', (c) => c.notNull())
    .addColumn('rev', 'varchar(32)', (c) => c.notNull())
    .addColumn('indexed_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_pkey', ['did', 'collection', 'rkey'])
    .execute()
  await db.schema.createIndex('record_did_cid_idx').on('record').columns(['did', 'cid']).execute()
  await db.schema
    .createTable('blob')
    .addColumn('did', 'varchar(2048)', (c) => c.notNull())
    .addColumn('cid', 'varchar(128)', (c) => c.notNull())
    .addColumn('mime_type', 'varchar(255)', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    // Null while a record uses the blob; otherwise since when nothing has.
    .addColumn('unreferenced_since', 'varchar(32)')
    .addPrimaryKeyConstraint('blob_pkey', ['did', 'cid'])
    .execute()
  await db.schema.createIndex('blob_unreferenced_idx').on('blob').column('unreferenced_since').execute()
  await db.schema
    .createTable('record_blob')
    .addColumn('did', 'varchar(2048)', (c) => c.notNull())
    .addColumn('blob_cid', 'varchar(128)', (c) => c.notNull())
    .addColumn('record_path', 'varchar(830)', (c) => c.notNull())
    // Rev of the commit that wrote the record: listBlobs?since= reads rev > since.
    .addColumn('rev', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('record_blob_pkey', ['did', 'blob_cid', 'record_path'])
    .execute()
  await db.schema.createIndex('record_blob_path_idx').on('record_blob').columns(['did', 'record_path']).execute()
  await db.schema
    .createTable('outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('did', 'varchar(2048)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    // DAG-CBOR of the event body without seq and time: the sequencer adds those.
    .addColumn('event', 'bytea', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['outbox', 'record_blob', 'blob', 'record', 'repo_block', 'repo_root']) {
    await db.schema.dropTable(table).execute()
  }
}
