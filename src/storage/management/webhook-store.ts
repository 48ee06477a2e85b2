// SQL on the management webhook tables: the webhooks accounts registered,
// the queue of deliveries waiting per webhook (keyed by webhook and event, so
// an event is queued at most once per webhook), and where the dispatcher that
// fills the queues stands in the firehose. Filling a queue and moving the
// dispatcher's cursor are one transaction (see enqueue), so a crash neither
// loses nor repeats a delivery.
import { sql } from 'kysely'
import type { WebhookDeliveryTable, WebhookTable } from '../schema.js'
import type { ManagementDb } from '../storage.js'

export type WebhookRow = Omit<WebhookTable, 'consecutive_failures' | 'dropped'> & {
  consecutive_failures: number
  dropped: string
}
/** A webhook as its owner lists it: with its deliveries waiting. */
export type WebhookWithPending = WebhookRow & { pending: number }
export type DeliveryRow = Omit<WebhookDeliveryTable, 'attempts'> & { attempts: number }
/** A delivery due now, with where it goes. */
export type DueDelivery = DeliveryRow & { url: string }
export type NewDelivery = { webhookId: string; seq: number; idx: number; payload: string }
/** How an attempt went: `status` the HTTP status (absent when none came back). */
export type AttemptOutcome = { status?: number; error?: string; at: string }

const DISPATCH = 'main'
const INSERT_ROWS = 500

export class WebhookReader {
  constructor(readonly db: ManagementDb) {}

  async countByDid(did: string): Promise<number> {
    const row = await this.db
      .selectFrom('webhook')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('did', '=', did)
      .executeTakeFirst()
    return Number(row?.n ?? 0)
  }

  /** The account's webhooks, oldest first, with their pending deliveries. */
  async listByDid(did: string): Promise<WebhookWithPending[]> {
    const rows = await this.db
      .selectFrom('webhook')
      .selectAll('webhook')
      .select((eb) =>
        eb
          .selectFrom('webhook_delivery')
          .select((e) => e.fn.countAll<string>().as('n'))
          .whereRef('webhook_delivery.webhook_id', '=', 'webhook.id')
          .as('pending'),
      )
      .where('did', '=', did)
      .orderBy('created_at')
      .orderBy('id')
      .execute()
    return rows.map((r) => ({ ...r, pending: Number(r.pending ?? 0) }) as WebhookWithPending)
  }

  /** One of the account's webhooks (undefined when it has none of that id). */
  async getOwned(did: string, id: string): Promise<WebhookWithPending | undefined> {
    return (await this.listByDid(did)).find((w) => w.id === id)
  }

  /**
   * The webhooks that may want an event after `seq`: created before it, of an
   * account that still has a home here (a deleted account's get nothing).
   */
  async forDispatch(throughSeq: number): Promise<WebhookRow[]> {
    return (await this.db
      .selectFrom('webhook')
      .innerJoin('did_routing', 'did_routing.did', 'webhook.did')
      .selectAll('webhook')
      // A paused webhook is queued nothing new: what waited is sent on resume, what came meanwhile is not.
      .where('webhook.status', '=', 'active')
      .where('webhook.from_seq', '<', String(throughSeq))
      .execute()) as WebhookRow[]
  }

  /** Deliveries waiting, per webhook of `ids` (a webhook with none is left out). */
  async pendingCounts(ids: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>()
    for (let i = 0; i < ids.length; i += INSERT_ROWS) {
      const rows = await this.db
        .selectFrom('webhook_delivery')
        .select(['webhook_id', (eb) => eb.fn.countAll<string>().as('n')])
        .where('webhook_id', 'in', ids.slice(i, i + INSERT_ROWS))
        .groupBy('webhook_id')
        .execute()
      for (const r of rows) counts.set(r.webhook_id, Number(r.n))
    }
    return counts
  }

  /**
   * The oldest waiting delivery of each active webhook not in `busy`, when it
   * is due at `now`: order holds per webhook, since a later delivery is never
   * sent while an older one waits for its retry. At most `limit`, the
   * webhooks tried least lately first: each webhook gets its turn, so one
   * with a long backlog (or a slow receiver) cannot hold every slot while
   * others' fresh deliveries wait. A deleted account's webhooks are sent nothing more.
   */
  due(now: string, limit: number, busy: string[]): Promise<DueDelivery[]> {
    let q = this.db
      .selectFrom('webhook')
      .innerJoin('did_routing', 'did_routing.did', 'webhook.did')
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('webhook_delivery')
            .selectAll('webhook_delivery')
            .whereRef('webhook_delivery.webhook_id', '=', 'webhook.id')
            .orderBy('webhook_delivery.seq')
            .orderBy('webhook_delivery.idx')
            .limit(1)
            .as('d'),
        (join) => join.onTrue(),
      )
      .select(['d.webhook_id', 'd.seq', 'd.idx', 'd.payload', 'd.attempts', 'd.next_attempt_at', 'd.created_at'])
      .select('webhook.url')
      .where('webhook.status', '=', 'active')
      .where('d.next_attempt_at', '<=', now)
    if (busy.length > 0) q = q.where('webhook.id', 'not in', busy)
    return q
      .orderBy(sql`webhook.last_attempt_at asc nulls first`)
      .orderBy('d.next_attempt_at')
      .limit(limit)
      .execute() as Promise<DueDelivery[]>
  }

  /** Where the dispatcher stands (undefined before it first ran). */
  async cursor(): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('webhook_dispatch')
      .select('seq')
      .where('name', '=', DISPATCH)
      .executeTakeFirst()
    return row ? Number(row.seq) : undefined
  }
}

export class WebhookTransactor extends WebhookReader {
  /**
   * Holds the account's home row until the transaction ends, so two creates
   * for one account count its webhooks one after the other; false when the
   * account has no home here.
   */
  async lockOwner(did: string): Promise<boolean> {
    if (!this.db.isTransaction) throw new Error('lockOwner must run in a transaction')
    const row = await this.db
      .selectFrom('did_routing')
      .select('did')
      .where('did', '=', did)
      .forUpdate()
      .executeTakeFirst()
    return row !== undefined
  }

  async create(row: Omit<WebhookRow, 'consecutive_failures' | 'dropped'>): Promise<void> {
    await this.db
      .insertInto('webhook')
      .values({ ...row, filter: JSON.stringify(row.filter) })
      .execute()
  }

  /** Deletes one of the account's webhooks with its queue; false when it has none of that id. */
  async deleteOwned(did: string, id: string): Promise<boolean> {
    const res = await this.db.deleteFrom('webhook').where('id', '=', id).where('did', '=', did).executeTakeFirst()
    return Number(res.numDeletedRows) > 0
  }

  /**
   * Starts one of the account's webhooks again: active, its failures
   * forgotten, its waiting deliveries due now with their backoff reset, so the
   * backlog goes out oldest first; it is queued only events after `fromSeq`
   * (the head as it resumes: nothing that came while it was paused). False
   * when the account has none of that id.
   */
  async resumeOwned(did: string, id: string, now: string, fromSeq: number): Promise<boolean> {
    const res = await this.db
      .updateTable('webhook')
      .set({ status: 'active', consecutive_failures: 0, from_seq: String(fromSeq) })
      .where('id', '=', id)
      .where('did', '=', did)
      .executeTakeFirst()
    if (Number(res.numUpdatedRows) === 0) return false
    await this.db
      .updateTable('webhook_delivery')
      .set({ attempts: 0, next_attempt_at: now })
      .where('webhook_id', '=', id)
      .where('next_attempt_at', '>', now)
      .execute()
    return true
  }

  /** Sets the dispatcher's cursor where there is none yet (its first run, or the first webhook's creation). */
  async initCursor(seq: number, now: string): Promise<void> {
    await this.db
      .insertInto('webhook_dispatch')
      .values({ name: DISPATCH, seq: String(seq), updated_at: now })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute()
  }

  /**
   * Holds the dispatcher's cursor until the transaction ends and says where it
   * is: `update` for the dispatcher, which moves it; `share` for a webhook being
   * made, which must not be made while the dispatcher matches events against
   * the webhooks it read (undefined before the cursor exists).
   */
  async lockCursor(mode: 'update' | 'share'): Promise<number | undefined> {
    if (!this.db.isTransaction) throw new Error('lockCursor must run in a transaction')
    const q = this.db.selectFrom('webhook_dispatch').select('seq').where('name', '=', DISPATCH)
    const row = await (mode === 'update' ? q.forUpdate() : q.forShare()).executeTakeFirst()
    return row ? Number(row.seq) : undefined
  }

  /**
   * Moves the cursor from `from` to `to` and queues `deliveries` (each at
   * most once: a delivery already queued is left as it is), past `maxQueued`
   * waiting per webhook counting the rest as dropped. Must run in a
   * transaction: false, with nothing written, when the cursor was not at
   * `from` (another dispatcher moved it).
   */
  async enqueue(from: number, to: number, deliveries: NewDelivery[], maxQueued: number, now: string): Promise<boolean> {
    if (!this.db.isTransaction) throw new Error('webhook enqueue must run in a transaction')
    const moved = await this.db
      .updateTable('webhook_dispatch')
      .set({ seq: String(to), updated_at: now })
      .where('name', '=', DISPATCH)
      .where('seq', '=', String(from))
      .executeTakeFirst()
    if (Number(moved.numUpdatedRows) === 0) return false
    if (deliveries.length === 0) return true
    const ids = [...new Set(deliveries.map((d) => d.webhookId))]
    const room = await this.pendingCounts(ids)
    const kept: NewDelivery[] = []
    const dropped = new Map<string, number>()
    for (const d of deliveries) {
      const waiting = room.get(d.webhookId) ?? 0
      if (waiting >= maxQueued) {
        dropped.set(d.webhookId, (dropped.get(d.webhookId) ?? 0) + 1)
        continue
      }
      room.set(d.webhookId, waiting + 1)
      kept.push(d)
    }
    for (let i = 0; i < kept.length; i += INSERT_ROWS) {
      await this.db
        .insertInto('webhook_delivery')
        .values(
          kept.slice(i, i + INSERT_ROWS).map((d) => ({
            webhook_id: d.webhookId,
            seq: String(d.seq),
            idx: d.idx,
            payload: d.payload,
            next_attempt_at: now,
            created_at: now,
          })),
        )
        .onConflict((oc) => oc.columns(['webhook_id', 'seq', 'idx']).doNothing())
        .execute()
    }
    for (const [id, n] of dropped) {
      await this.db
        .updateTable('webhook')
        .set({ dropped: sql`dropped + ${n}` })
        .where('id', '=', id)
        .execute()
    }
    return true
  }

  /** The receiver took the delivery: it leaves the queue, and the webhook's failures are forgotten. */
  async delivered(d: Pick<DeliveryRow, 'webhook_id' | 'seq' | 'idx'>, outcome: AttemptOutcome): Promise<void> {
    await this.db
      .deleteFrom('webhook_delivery')
      .where('webhook_id', '=', d.webhook_id)
      .where('seq', '=', d.seq)
      .where('idx', '=', d.idx)
      .execute()
    await this.db
      .updateTable('webhook')
      .set({
        consecutive_failures: 0,
        last_attempt_at: outcome.at,
        last_status: outcome.status ?? null,
        last_error: null,
        last_delivered_at: outcome.at,
      })
      .where('id', '=', d.webhook_id)
      .execute()
  }

  /**
   * The attempt failed: the delivery waits until `retryAt`, and the webhook
   * counts one more failure in a row, paused when it reaches `pauseAfter`.
   */
  async failed(
    d: Pick<DeliveryRow, 'webhook_id' | 'seq' | 'idx'>,
    outcome: AttemptOutcome,
    retryAt: string,
    pauseAfter: number,
  ): Promise<void> {
    await this.db
      .updateTable('webhook_delivery')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: retryAt }))
      .where('webhook_id', '=', d.webhook_id)
      .where('seq', '=', d.seq)
      .where('idx', '=', d.idx)
      .execute()
    await this.db
      .updateTable('webhook')
      .set((eb) => ({
        consecutive_failures: eb('consecutive_failures', '+', 1),
        status: sql<
          'active' | 'paused'
        >`case when consecutive_failures + 1 >= ${pauseAfter} then 'paused' else status end`,
        last_attempt_at: outcome.at,
        last_status: outcome.status ?? null,
        last_error: outcome.error?.slice(0, 512) ?? null,
      }))
      .where('id', '=', d.webhook_id)
      .execute()
  }
}
