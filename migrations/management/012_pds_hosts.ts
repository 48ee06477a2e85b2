import type { Kysely } from 'kysely'

// Each domain may be its own PDS host on the network (`pds_hostname`): its
// accounts' DID documents name https://<pds_hostname>, and that host has a
// firehose of its own. An account's home says which host it is on now
// (`pds_host`, null: the service host), and whether the relays have yet to
// be told of a change (`pds_host_announce`); a change of the domain's host
// moves its accounts one by one. Every firehose event is stamped with the
// host of its account when it was sequenced (`host`): that host's stream
// carries it, and no other.
// biome-ignore lint/suspicious/noExplicitAny: migrations are written against the schema as it was, not as it is
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('domain')
    .addColumn('pds_hostname', 'varchar(253)')
    .addColumn('firehose_events_per_second', 'integer')
    .execute()
  await db.schema.createIndex('domain_pds_hostname_uniq').unique().on('domain').column('pds_hostname').execute()
  await db.schema
    .alterTable('did_routing')
    .addColumn('pds_host', 'varchar(253)')
    .addColumn('pds_host_announce', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute()
  await db.schema.createIndex('did_routing_pds_host_idx').on('did_routing').columns(['pds_host', 'did']).execute()
  await db.schema.alterTable('firehose_event').addColumn('host', 'varchar(253)').execute()
  // A host's own head and its replays read by host, not through every event.
  await db.schema.createIndex('firehose_event_host_seq_idx').on('firehose_event').columns(['host', 'seq']).execute()
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('firehose_event_host_seq_idx').execute()
  await db.schema.alterTable('firehose_event').dropColumn('host').execute()
  await db.schema.dropIndex('did_routing_pds_host_idx').execute()
  await db.schema.alterTable('did_routing').dropColumn('pds_host_announce').dropColumn('pds_host').execute()
  await db.schema.dropIndex('domain_pds_hostname_uniq').execute()
  await db.schema.alterTable('domain').dropColumn('firehose_events_per_second').dropColumn('pds_hostname').execute()
}
