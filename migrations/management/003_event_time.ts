import { type Kysely, sql } from 'kysely'

// `time_us`: the cursor of the JSON (Jetstream-shaped) stream. A firehose
// event becomes one JSON event per op (a commit) or one (identity, account),
// numbered up to and including its `time_us`, so the column is unique and
// strictly increasing by seq with room below each value for the event's ops.

/** Room left below each backfilled event for its ops: more than a commit may hold (the protocol's limit is 200). */
const BACKFILL_SPACING = 1000

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('firehose_event').addColumn('time_us', 'bigint').execute()
  // The running max of (time in µs − spacing·seq), plus spacing·seq: never
  // before the event's `time`, and at least the spacing above the event before,
  // even where a batch shared one time or a new sequencer's clock was behind.
  // Built, not raw SQL: the embedded database keeps these tables in a schema of their own.
  const spacing = sql.lit(BACKFILL_SPACING)
  const backfilled = db.selectFrom('firehose_event').select([
    'seq',
    sql`max((extract(epoch FROM time::timestamptz) * 1000000)::bigint - seq * ${spacing}) OVER (ORDER BY seq)
        + seq * ${spacing}`.as('time_us'),
  ])
  await db
    .updateTable('firehose_event as e')
    .from(backfilled.as('b'))
    .set((eb) => ({ time_us: eb.ref('b.time_us') }))
    .whereRef('e.seq', '=', 'b.seq')
    .execute()
  // The sequencer always sets it; a row written by other means gets the wall clock.
  await db.schema
    .alterTable('firehose_event')
    .alterColumn('time_us', (c) => c.setNotNull())
    .execute()
  await db.schema
    .alterTable('firehose_event')
    .alterColumn('time_us', (c) => c.setDefault(sql`(extract(epoch FROM clock_timestamp()) * 1000000)::bigint`))
    .execute()
  await db.schema.createIndex('firehose_event_time_us_uniq').on('firehose_event').column('time_us').unique().execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('firehose_event_time_us_uniq').execute()
  await db.schema.alterTable('firehose_event').dropColumn('time_us').execute()
}
