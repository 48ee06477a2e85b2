// SQL on a tenant's inbox tables: the notifications its accounts' records
// make for accounts anywhere (kept by the commit transaction of the record),
// and how far each of its own accounts has read its inbox. The reader sees only
// rows of active authors (neither taken down, deactivated nor moving) whose
// record is not taken down, as search does.
import { sql } from 'kysely'
import type { TenantDb } from '../storage.js'
import { takenDown } from './search-store.js'

/** The notifications one record makes: whom, why, and about which of their records. */
export type NotificationInput = {
  collection: string
  rkey: string
  cid: string
  /** The record as a JSON string, ready for a jsonb column. */
  recordJson: string
  targets: { recipient: string; reason: string; subjectUri?: string }[]
  /**
   * An update of a record tells no one anew: it keeps only the notifications
   * its earlier version made (with their first time), dropping those that no
   * longer hold. A create notifies all its targets now.
   */
  update: boolean
}

export type NotificationRow = {
  author_did: string
  handle: string
  collection: string
  rkey: string
  reason: string
  subject_uri: string | null
  cid: string
  record: unknown
  indexed_at: string
}

/** Where a page resumes: after this row in (indexed_at, author_did, rkey, collection) descending order. */
export type NotificationKey = { indexedAt: string; authorDid: string; rkey: string; collection: string }

export class NotificationReader {
  constructor(readonly db: TenantDb) {}

  /** `recipient`'s notifications from this tenant's visible authors, newest first, after `after`. */
  list(
    recipient: string,
    opts: { limit: number; after?: NotificationKey; reasons?: string[] },
  ): Promise<NotificationRow[]> {
    let q = this.visible(recipient)
      .select([
        'n.author_did',
        'a.handle',
        'n.collection',
        'n.rkey',
        'n.reason',
        'n.subject_uri',
        'n.cid',
        'n.record',
        'n.indexed_at',
      ])
      .orderBy('n.indexed_at', 'desc')
      .orderBy('n.author_did', 'desc')
      .orderBy('n.rkey', 'desc')
      // The collection breaks a tie of one author's records sharing an rkey; "C" to match the merge in JavaScript.
      .orderBy(sql`n.collection collate "C"`, 'desc')
      .limit(opts.limit)
    const { after, reasons } = opts
    if (reasons !== undefined) q = q.where('n.reason', 'in', reasons.length > 0 ? reasons : [''])
    if (after) {
      q = q.where(
        sql<boolean>`(n.indexed_at, n.author_did, n.rkey, n.collection collate "C") < (${after.indexedAt}, ${after.authorDid}, ${after.rkey}, ${after.collection})`,
      )
    }
    return q.execute()
  }

  /** How many of `recipient`'s visible notifications here were indexed after `seenAt` (all of them without). */
  async countAfter(recipient: string, seenAt: string | undefined): Promise<number> {
    let q = this.visible(recipient).select(sql<number>`count(*)::int4`.as('count'))
    if (seenAt !== undefined) q = q.where('n.indexed_at', '>', seenAt)
    const row = await q.executeTakeFirst()
    return row?.count ?? 0
  }

  /** When `did` (an account of this tenant) last marked its notifications seen. */
  async seenAt(did: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('gather_notification_seen')
      .select('seen_at')
      .where('did', '=', did)
      .executeTakeFirst()
    return row?.seen_at
  }

  private visible(recipient: string) {
    return (
      this.db
        .selectFrom('gather_notification as n')
        .innerJoin('account as a', 'a.did', 'n.author_did')
        .where('n.recipient_did', '=', recipient)
        .where('a.status', '=', 'active')
        .where('a.deactivated_at', 'is', null)
        // Not while it moves to another domain: its rows are in both tenants then (it drops out briefly).
        .where('a.moving_since', 'is', null)
        .where(({ not, exists, selectFrom }) =>
          not(exists(takenDown(selectFrom, { did: 'n.author_did', collection: 'n.collection', rkey: 'n.rkey' }))),
        )
    )
  }
}

export class NotificationTransactor extends NotificationReader {
  /** Replaces the notifications of each record with the ones it makes now (none: they go). */
  async replace(authorDid: string, records: NotificationInput[], now: string): Promise<void> {
    const paths = records.map((r) => ({ collection: r.collection, rkey: r.rkey }))
    const updated = paths.filter((_, i) => records[i].update)
    const earlier = new Map<string, string>()
    if (updated.length > 0) {
      const rows = await this.db
        .selectFrom('gather_notification')
        .select(['collection', 'rkey', 'recipient_did', 'reason', 'indexed_at'])
        .where('author_did', '=', authorDid)
        .where((eb) =>
          eb.or(updated.map((r) => eb.and([eb('collection', '=', r.collection), eb('rkey', '=', r.rkey)]))),
        )
        .execute()
      for (const r of rows) earlier.set(targetKey(r.collection, r.rkey, r.recipient_did, r.reason), r.indexed_at)
    }
    await this.remove(authorDid, paths)
    const rows = records.flatMap((r) =>
      r.targets.flatMap((t) => {
        const first = earlier.get(targetKey(r.collection, r.rkey, t.recipient, t.reason))
        if (r.update && first === undefined) return []
        return [
          {
            author_did: authorDid,
            collection: r.collection,
            rkey: r.rkey,
            recipient_did: t.recipient,
            reason: t.reason,
            subject_uri: t.subjectUri ?? null,
            cid: r.cid,
            record: sql`${r.recordJson}::jsonb`,
            indexed_at: first ?? now,
          },
        ]
      }),
    )
    if (rows.length === 0) return
    await this.db.insertInto('gather_notification').values(rows).execute()
  }

  /** Removes the notifications of these records of `authorDid`. */
  async remove(authorDid: string, records: { collection: string; rkey: string }[]): Promise<void> {
    if (records.length === 0) return
    await this.db
      .deleteFrom('gather_notification')
      .where('author_did', '=', authorDid)
      .where((eb) => eb.or(records.map((r) => eb.and([eb('collection', '=', r.collection), eb('rkey', '=', r.rkey)]))))
      .execute()
  }

  /**
   * Sets `did`'s seenAt; it never moves backwards, so two clients of one
   * account (its SDK and its MCP session) cannot un-read what the other read.
   */
  async setSeenAt(did: string, seenAt: string): Promise<void> {
    await this.db
      .insertInto('gather_notification_seen')
      .values({ did, seen_at: seenAt })
      .onConflict((oc) =>
        oc
          .column('did')
          .doUpdateSet({ seen_at: (eb) => eb.ref('excluded.seen_at') })
          .where('gather_notification_seen.seen_at', '<', (eb) => eb.ref('excluded.seen_at')),
      )
      .execute()
  }
}

function targetKey(collection: string, rkey: string, recipient: string, reason: string): string {
  return `${collection}\n${rkey}\n${recipient}\n${reason}`
}
