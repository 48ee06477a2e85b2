// SQL on the management `firehose_event` table (every sequenced event, as the
// frame subscribers get) and the management `outbox` (events that outlive a
// removed tenant's database, waiting to be sequenced). Frames and bodies are
// opaque here: sync/ makes them, sequences them and serves them.
import { sql } from 'kysely'
import type { FirehoseEventTable, OutboxKind } from '../schema.js'
import type { ManagementDb } from '../storage.js'

export type FirehoseEventRow = Omit<FirehoseEventTable, 'time_us' | 'host'> & { time_us: string }
export type StoredFrame = { seq: string; time_us: string; frame: Uint8Array; host: string | null }
export type ManagementOutboxRow = {
  id: string
  did: string
  kind: OutboxKind
  event: Uint8Array
  created_at: string
  origin_source: string | null
  origin_id: string | null
}
export type HandedOverRow = Omit<ManagementOutboxRow, 'id'>

/** One host's events (null: the service host's) up to a seq: a host's stream read from the table. */
export type HostScope = { host: string | null; through: number }

export class FirehoseReader {
  constructor(readonly db: ManagementDb) {}

  /** The highest seq and time_us (0 when empty). */
  async head(): Promise<{ seq: number; timeUs: number }> {
    const row = await this.db
      .selectFrom('firehose_event')
      .select((eb) => [eb.fn.max('seq').as('max'), eb.fn.max('time_us').as('maxTimeUs')])
      .executeTakeFirst()
    return { seq: Number(row?.max ?? 0), timeUs: Number(row?.maxTimeUs ?? 0) }
  }

  /**
   * The highest seq of each host's events still kept (null: the service host),
   * each one read through the (host, seq) index; a host with none kept is left out.
   */
  async hostHeads(hosts: (string | null)[]): Promise<{ host: string | null; seq: number }[]> {
    const heads = await Promise.all(
      hosts.map(async (host) => {
        const row = await this.db
          .selectFrom('firehose_event')
          .select((eb) => eb.fn.max('seq').as('max'))
          .where((eb) => (host === null ? eb('host', 'is', null) : eb('host', '=', host)))
          .executeTakeFirst()
        return { host, seq: Number(row?.max ?? 0) }
      }),
    )
    return heads.filter((h) => h.seq > 0)
  }

  async oldestSeq(): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('firehose_event')
      .select((eb) => eb.fn.min('seq').as('min'))
      .executeTakeFirst()
    return row?.min === null || row?.min === undefined ? undefined : Number(row.min)
  }

  /**
   * Seqs and frame sizes after `seq`, in order, at most `limit` of them; with
   * `scope`, only one host's (null: the service host's) through `scope.through`.
   */
  frameSizesAfter(seq: number, limit: number, scope?: HostScope): Promise<{ seq: string; bytes: number }[]> {
    let q = this.db
      .selectFrom('firehose_event')
      .select(['seq', sql<number>`octet_length(frame)`.as('bytes')])
      .where('seq', '>', String(seq))
    if (scope) {
      // `is null` and `=`, not IS NOT DISTINCT FROM, which Postgres cannot answer from the (host, seq) index.
      q = scope.host === null ? q.where('host', 'is', null) : q.where('host', '=', scope.host)
      q = q.where('seq', '<=', String(scope.through))
    }
    return q.orderBy('seq').limit(limit).execute()
  }

  /** Frames after `seq` through `last`, in order; with `host` given, only that host's (null: the service host's). */
  framesThrough(seq: number, last: string, host?: string | null): Promise<StoredFrame[]> {
    let q = this.db
      .selectFrom('firehose_event')
      .select(['seq', 'time_us', 'frame', 'host'])
      .where('seq', '>', String(seq))
      .where('seq', '<=', last)
    if (host === null) q = q.where('host', 'is', null)
    else if (host !== undefined) q = q.where('host', '=', host)
    return q.orderBy('seq').execute()
  }

  /**
   * The first seq whose time_us reaches `timeUs` (null when none does) and
   * the highest seq, in one statement, so one snapshot.
   */
  async firstAtTime(timeUs: number): Promise<{ first: number | null; last: number }> {
    const row = await this.db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('firehose_event')
          .select('seq')
          .where('time_us', '>=', String(timeUs))
          .orderBy('time_us')
          .limit(1)
          .as('first'),
        eb
          .selectFrom('firehose_event')
          .select((e) => e.fn.max('seq').as('max'))
          .as('last'),
      ])
      .executeTakeFirstOrThrow()
    return { first: row.first === null ? null : Number(row.first), last: Number(row.last ?? 0) }
  }

  /** Which of these outbox ids of `source` the firehose holds already. */
  async sequencedIds(source: string, ids: string[]): Promise<string[]> {
    const rows = await this.db
      .selectFrom('firehose_event')
      .select('outbox_id')
      .where('source', '=', source)
      .where('outbox_id', 'in', ids)
      .execute()
    return rows.map((r) => String(r.outbox_id))
  }

  /** The highest outbox id `source` has had, sequenced or handed over (0 when none). */
  async usedOutboxIds(source: string): Promise<number> {
    const row = await this.db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('firehose_event')
          .select((e) => e.fn.max('outbox_id').as('m'))
          .where('source', '=', source)
          .as('sequenced'),
        eb
          .selectFrom('outbox')
          .select((e) => e.fn.max('origin_id').as('m'))
          .where('origin_source', '=', source)
          .as('handedOver'),
      ])
      .executeTakeFirstOrThrow()
    return Math.max(Number(row.sequenced ?? 0), Number(row.handedOver ?? 0))
  }

  /** The management outbox's oldest rows, in append order, but those of `passOver` (ids). */
  outbox(limit: number, passOver: string[] = []): Promise<ManagementOutboxRow[]> {
    let q = this.db
      .selectFrom('outbox')
      .select(['id', 'did', 'kind', 'event', 'created_at', 'origin_source', 'origin_id'])
      .orderBy('id')
    if (passOver.length > 0) q = q.where('id', 'not in', passOver)
    return q.limit(limit).execute()
  }
}

export class FirehoseTransactor extends FirehoseReader {
  /**
   * Appends sequenced events; one statement, so every seq of the batch
   * becomes visible at once. Each is stamped with its account's PDS host as
   * the home says now (null: the service host), in the same statement, so an
   * account's events change host exactly where its home did. An account
   * with no home any more (deleted: its last #account event may be sequenced
   * after the home went) takes its tenant's host, which is where relays know
   * it; events of no tenant (the management outbox) the service host's.
   * Returns the hosts in the order of `events`.
   */
  async insert(events: FirehoseEventRow[]): Promise<(string | null)[]> {
    const rows = await this.db
      .insertInto('firehose_event')
      .values(
        events.map((e) => ({
          ...e,
          host: (eb) =>
            eb
              .case()
              .when(eb.exists(eb.selectFrom('did_routing').select('did').where('did_routing.did', '=', e.did)))
              .then(eb.selectFrom('did_routing').select('pds_host').where('did_routing.did', '=', e.did))
              .else(eb.selectFrom('domain').select('pds_hostname').where('domain.db_name', '=', e.source))
              .end(),
        })),
      )
      .returning(['seq', 'host'])
      .execute()
    const hosts = new Map(rows.map((r) => [String(r.seq), r.host]))
    return events.map((e) => hosts.get(e.seq) ?? null)
  }

  async pruneBefore(time: string): Promise<void> {
    await this.db.deleteFrom('firehose_event').where('time', '<', time).execute()
  }

  async pruneThrough(seq: number): Promise<void> {
    await this.db.deleteFrom('firehose_event').where('seq', '<=', String(seq)).execute()
  }

  /** Adds rows to the management outbox; a row whose origin is there already is skipped. */
  async handOver(rows: HandedOverRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500) {
      await this.db
        .insertInto('outbox')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) => oc.columns(['origin_source', 'origin_id']).doNothing())
        .execute()
    }
  }

  async deleteOutbox(ids: string[]): Promise<void> {
    await this.db.deleteFrom('outbox').where('id', 'in', ids).execute()
  }
}
