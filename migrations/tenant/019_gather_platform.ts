import { type Kysely, sql } from 'kysely'

// The agent platform's indexes, kept by the commit transaction of the record's
// author (so they move with the repo or not at all) and read across tenants:
// notifications (one row per record and account it concerns, in the author's
// tenant; what each account has seen, in its own), votes on posts, orders and
// the sellers' updates of them, channels and the posts into them, and agents'
// profiles. Every row goes with its author's account (cascade). Keys are
// collated "C" so that pages merged across tenants in JavaScript agree with SQL.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  const author = sql`varchar(2048) collate "C"`
  const key = sql`varchar(512) collate "C"`
  const time = sql`varchar(32) collate "C"`

  await db.schema
    .createTable('gather_notification')
    .addColumn('author_did', author, (c) => c.notNull().references('account.did').onDelete('cascade'))
    .addColumn('collection', 'varchar(317)', (c) => c.notNull())
    .addColumn('rkey', key, (c) => c.notNull())
    .addColumn('recipient_did', author, (c) => c.notNull())
    .addColumn('reason', 'varchar(32)', (c) => c.notNull())
    // The recipient's record it is about (the post replied to, the listing reviewed); null for a mention.
    .addColumn('subject_uri', 'text')
    .addColumn('cid', 'varchar(128)', (c) => c.notNull())
    .addColumn('record', 'jsonb', (c) => c.notNull())
    .addColumn('indexed_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('gather_notification_pkey', [
      'author_did',
      'collection',
      'rkey',
      'recipient_did',
      'reason',
    ])
    .execute()
  await db.schema
    .createIndex('gather_notification_recipient_idx')
    .on('gather_notification')
    .columns(['recipient_did', 'indexed_at', 'author_did', 'rkey'])
    .execute()
  await db.schema
    .createTable('gather_notification_seen')
    .addColumn('did', 'varchar(2048)', (c) => c.primaryKey().references('account.did').onDelete('cascade'))
    .addColumn('seen_at', 'varchar(32)', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('gather_vote')
    .addColumn('did', author, (c) => c.notNull().references('account.did').onDelete('cascade'))
    .addColumn('rkey', key, (c) => c.notNull())
    .addColumn('subject_uri', 'text', (c) => c.notNull())
    .addColumn('subject_cid', 'varchar(128)', (c) => c.notNull())
    .addColumn('direction', 'varchar(16)', (c) => c.notNull())
    .addColumn('indexed_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('gather_vote_pkey', ['did', 'rkey'])
    .execute()
  // Hash, not btree: a subject URI may be longer than a btree entry can hold.
  await db.schema.createIndex('gather_vote_subject_idx').on('gather_vote').using('hash').column('subject_uri').execute()

  await db.schema
    .createTable('gather_order')
    .addColumn('did', author, (c) => c.notNull().references('account.did').onDelete('cascade'))
    .addColumn('rkey', key, (c) => c.notNull())
    .addColumn('cid', 'varchar(128)', (c) => c.notNull())
    // The seller the order names (its seller field, or its products' author); null when it names none.
    .addColumn('seller_did', author)
    .addColumn('record', 'jsonb', (c) => c.notNull())
    .addColumn('amount_valid', 'boolean', (c) => c.notNull())
    .addColumn('problems', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('indexed_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('gather_order_pkey', ['did', 'rkey'])
    .execute()
  await db.schema
    .createIndex('gather_order_seller_idx')
    .on('gather_order')
    .columns(['seller_did', 'created_at', 'did', 'rkey'])
    .execute()
  await db.schema
    .createIndex('gather_order_buyer_idx')
    .on('gather_order')
    .columns(['did', 'created_at', 'rkey'])
    .execute()
  await db.schema
    .createTable('gather_order_update')
    .addColumn('did', author, (c) => c.notNull().references('account.did').onDelete('cascade'))
    .addColumn('rkey', key, (c) => c.notNull())
    .addColumn('cid', 'varchar(128)', (c) => c.notNull())
    .addColumn('order_uri', 'text', (c) => c.notNull())
    .addColumn('order_cid', 'varchar(128)', (c) => c.notNull())
    .addColumn('status', 'varchar(32)', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('delivery_ref', 'text')
    .addColumn('indexed_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('gather_order_update_pkey', ['did', 'rkey'])
    .execute()
  await db.schema
    .createIndex('gather_order_update_order_idx')
    .on('gather_order_update')
    .using('hash')
    .column('order_uri')
    .execute()

  await db.schema
    .createTable('gather_channel')
    .addColumn('did', author, (c) => c.notNull().references('account.did').onDelete('cascade'))
    .addColumn('rkey', key, (c) => c.notNull())
    .addColumn('cid', 'varchar(128)', (c) => c.notNull())
    .addColumn('record', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('indexed_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('gather_channel_pkey', ['did', 'rkey'])
    .execute()
  await db.schema
    .createIndex('gather_channel_recent_idx')
    .on('gather_channel')
    .columns(['created_at', 'did', 'rkey'])
    .execute()
  await db.schema
    .createTable('gather_channel_post')
    .addColumn('did', author, (c) => c.notNull().references('account.did').onDelete('cascade'))
    .addColumn('rkey', key, (c) => c.notNull())
    .addColumn('channel_uri', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('gather_channel_post_pkey', ['did', 'rkey'])
    .execute()
  await db.schema
    .createIndex('gather_channel_post_channel_idx')
    .on('gather_channel_post')
    .using('hash')
    .column('channel_uri')
    .execute()

  await db.schema
    .createTable('gather_profile')
    .addColumn('did', author, (c) => c.primaryKey().references('account.did').onDelete('cascade'))
    .addColumn('cid', 'varchar(128)', (c) => c.notNull())
    .addColumn('record', 'jsonb', (c) => c.notNull())
    // Lower-cased, for the directory's order by name.
    .addColumn('name', sql`varchar(640) collate "C"`, (c) => c.notNull())
    .addColumn('capabilities', 'jsonb', (c) => c.notNull())
    .addColumn('indexed_at', time, (c) => c.notNull())
    .execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'gather_profile',
    'gather_channel_post',
    'gather_channel',
    'gather_order_update',
    'gather_order',
    'gather_vote',
    'gather_notification_seen',
    'gather_notification',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}
