// The sequencer drains every outbox (each tenant's, and the management one)
// into `firehose_event`, giving each event the next global seq and encoding
// its frame once. One process sequences at a time (advisory lock: when it
// dies, another takes over); a crash between the two databases is harmless
// because an outbox row already in the firehose (same source and id) is only
// deleted, never sequenced twice. Writers wake it at once (in-process, or by
// NOTIFY from other processes); it also sweeps every outbox on taking over
// and on a timer, so no event waits on a lost signal. Each event also gets a
// `time_us`, the JSON stream's cursor: the wall clock in µs, kept strictly
// increasing with room below it for each of the event's JSON events.
import { EventEmitter } from 'node:events'
import { decode } from '@atproto/lex-cbor'
import type { LexMap } from '@atproto/lex-data'
import type { Leadership } from '../db/coordination.js'
import type { OutboxKind } from '../db/schema.js'
import { isStoreName, type Storage } from '../db/storage.js'
import type { Logger } from '../logger.js'
import type { Directory } from '../tenant/directory.js'
import { bodyFrame } from './frames.js'
import { jsonEventSpan } from './jetstream.js'

export const OUTBOX_CHANNEL = 'primal_pds_outbox'
export const FIREHOSE_CHANNEL = 'primal_pds_firehose'
/** The advisory lock key of the sequencer role ("prps"). */
const SEQUENCER_LOCK = 0x70727073
/** Source name of the management database's own outbox. */
export const MANAGEMENT_SOURCE = ''
const BATCH = 500

type OutboxRow = { id: string; did: string; kind: OutboxKind; event: Uint8Array }
/** Where an event was first written: what makes it unique in the firehose. */
type Origin = { source: string; id: string }

export type SequencerOptions = {
  storage: Storage
  directory: Directory
  logger: Logger
  /** How often a process that is not the sequencer tries to become it. */
  campaignIntervalMs: number
  /** How often the sequencer sweeps every outbox, in case a signal was lost. */
  sweepIntervalMs: number
  /** Events older than this are pruned (0: keep by count only). */
  retentionSeconds: number
  /** At most this many events are kept (0: no count limit). */
  retentionEvents: number
}

export class Sequencer extends EventEmitter {
  private leadership?: Leadership
  private head = 0
  /** The time_us of the event at `head`. */
  private headTimeUs = 0
  private readonly pending = new Set<string>()
  private draining?: Promise<void>
  private timers: NodeJS.Timeout[] = []
  private stopped = false

  constructor(private readonly opts: SequencerOptions) {
    super()
  }

  get leading(): boolean {
    return this.leadership !== undefined
  }

  async start(): Promise<void> {
    await this.opts.storage.coordination.listen(OUTBOX_CHANNEL, (source) => this.wake(source, false))
    await this.campaign()
    const campaign = setInterval(() => void this.campaign(), this.opts.campaignIntervalMs)
    const sweep = setInterval(() => void this.sweep(), this.opts.sweepIntervalMs)
    campaign.unref()
    sweep.unref()
    this.timers.push(campaign, sweep)
  }

  async stop(): Promise<void> {
    this.stopped = true
    for (const t of this.timers) clearInterval(t)
    await this.draining?.catch(() => {})
    const leadership = this.leadership
    this.leadership = undefined
    await leadership?.release()
  }

  /**
   * Says that `source` (a tenant store name, or '' for the management
   * outbox) has new outbox rows. Here when this process sequences, else by
   * NOTIFY to the process that does.
   */
  outboxWritten(source: string): void {
    if (this.leading) this.wake(source, true)
    else
      this.opts.storage.coordination
        .notify(OUTBOX_CHANNEL, source)
        .catch((err) => this.opts.logger.warn({ err }, 'outbox notify failed'))
  }

  private wake(source: string, local: boolean): void {
    if (!this.leading || this.stopped) return
    if (!local && source !== MANAGEMENT_SOURCE && !isStoreName(source)) return
    this.pending.add(source)
    this.draining ??= this.drainPending().finally(() => {
      this.draining = undefined
      if (this.pending.size > 0 && this.leading) this.wake([...this.pending][0] as string, true)
    })
  }

  private async campaign(): Promise<void> {
    if (this.leading || this.stopped) return
    try {
      const leadership = await this.opts.storage.coordination.tryLead(SEQUENCER_LOCK)
      if (!leadership) return
      if (this.stopped) return void (await leadership.release())
      const row = await this.opts.storage.management
        .selectFrom('firehose_event')
        .select((eb) => [eb.fn.max('seq').as('max'), eb.fn.max('time_us').as('maxTimeUs')])
        .executeTakeFirst()
      this.head = Number(row?.max ?? 0)
      this.headTimeUs = Number(row?.maxTimeUs ?? 0)
      this.leadership = leadership
      this.opts.logger.info({ head: this.head, headTimeUs: this.headTimeUs }, 'this process is now the sequencer')
      void leadership.lost.then(() => {
        if (this.leadership !== leadership) return
        this.leadership = undefined
        this.opts.logger.warn('sequencer leadership lost')
      })
      await this.sweep()
    } catch (err) {
      this.opts.logger.warn({ err }, 'sequencer campaign failed')
    }
  }

  /** Drains every outbox and prunes old events. */
  async sweep(): Promise<void> {
    if (!this.leading) return
    try {
      this.wake(MANAGEMENT_SOURCE, true)
      for (const d of await this.opts.directory.listDomains()) if (d.status === 'active') this.wake(d.db_name, true)
      await this.draining
      await this.prune()
    } catch (err) {
      this.opts.logger.warn({ err }, 'sequencer sweep failed')
    }
  }

  /** Waits until every outbox signalled so far has been drained (tests and shutdown). */
  async idle(): Promise<void> {
    while (this.draining) await this.draining
  }

  private async drainPending(): Promise<void> {
    while (this.pending.size > 0 && this.leading && !this.stopped) {
      const source = [...this.pending][0] as string
      this.pending.delete(source)
      try {
        while ((await this.drainBatch(source)) === BATCH) {}
      } catch (err) {
        this.opts.logger.error({ err, source }, 'draining an outbox failed; retried on the next signal or sweep')
      }
    }
  }

  /** Moves up to BATCH rows of one outbox into the firehose; returns how many it read. */
  private async drainBatch(source: string): Promise<number> {
    const rows = await this.readOutbox(source)
    if (rows.length === 0) return 0
    const ids = rows.map((r) => r.id)
    const { management } = this.opts.storage
    const done = await this.alreadySequenced(rows.map((r) => r.origin))
    const fresh = rows.filter((r) => !done.has(`${r.origin.source}/${r.origin.id}`))
    if (fresh.length > 0) {
      const nowUs = Date.now() * 1000
      let seq = this.head
      let timeUs = this.headTimeUs
      const events = fresh.map((r) => {
        seq++
        // Room above the last event's for each JSON event this one becomes; else the clock (which may have been set back).
        // Decoded once, for both the frame and its JSON events' count.
        const body = decode(r.event) as LexMap
        timeUs = Math.max(nowUs, timeUs + jsonEventSpan(r.kind, body))
        const time = new Date(Math.floor(timeUs / 1000)).toISOString()
        return {
          seq: String(seq),
          did: r.did,
          kind: r.kind,
          time,
          time_us: String(timeUs),
          frame: bodyFrame(r.kind, body, seq, time),
          source: r.origin.source,
          outbox_id: r.origin.id,
        }
      })
      // One statement: every seq of the batch becomes visible at once, in order.
      await management.insertInto('firehose_event').values(events).execute()
      this.head = seq
      this.headTimeUs = timeUs
      this.emit('sequenced', seq)
      this.opts.storage.coordination
        .notify(FIREHOSE_CHANNEL, String(seq))
        .catch((err) => this.opts.logger.warn({ err }, 'firehose notify failed'))
    }
    await this.deleteOutbox(source, ids)
    return rows.length
  }

  /** Which of these origins the firehose already holds (as "source/id"). */
  private async alreadySequenced(origins: Origin[]): Promise<Set<string>> {
    const bySource = new Map<string, string[]>()
    for (const o of origins) bySource.set(o.source, [...(bySource.get(o.source) ?? []), o.id])
    const done = new Set<string>()
    for (const [source, ids] of bySource) {
      const rows = await this.opts.storage.management
        .selectFrom('firehose_event')
        .select('outbox_id')
        .where('source', '=', source)
        .where('outbox_id', 'in', ids)
        .execute()
      for (const r of rows) done.add(`${source}/${String(r.outbox_id)}`)
    }
    return done
  }

  private async readOutbox(source: string): Promise<(OutboxRow & { origin: Origin })[]> {
    if (source === MANAGEMENT_SOURCE) {
      const rows = await this.opts.storage.management
        .selectFrom('outbox')
        .select(['id', 'did', 'kind', 'event', 'origin_source', 'origin_id'])
        .orderBy('id')
        .limit(BATCH)
        .execute()
      return rows.map((r) => ({
        ...r,
        origin:
          r.origin_source !== null && r.origin_id !== null
            ? { source: r.origin_source, id: String(r.origin_id) }
            : { source, id: String(r.id) },
      }))
    }
    const domain = await this.opts.directory.getDomainByStoreName(source)
    if (domain?.status !== 'active') return []
    const rows = await this.opts.storage.withTenant(source, (db) =>
      db.selectFrom('outbox').select(['id', 'did', 'kind', 'event']).orderBy('id').limit(BATCH).execute(),
    )
    return rows.map((r) => ({ ...r, origin: { source, id: String(r.id) } }))
  }

  private async deleteOutbox(source: string, ids: string[]): Promise<void> {
    if (source === MANAGEMENT_SOURCE) {
      await this.opts.storage.management.deleteFrom('outbox').where('id', 'in', ids).execute()
    } else {
      await this.opts.storage.withTenant(source, (db) => db.deleteFrom('outbox').where('id', 'in', ids).execute())
    }
  }

  private async prune(): Promise<void> {
    const { management } = this.opts.storage
    const { retentionSeconds, retentionEvents } = this.opts
    if (retentionSeconds > 0) {
      const cutoff = new Date(Date.now() - retentionSeconds * 1000).toISOString()
      await management.deleteFrom('firehose_event').where('time', '<', cutoff).execute()
    }
    if (retentionEvents > 0 && this.head > retentionEvents) {
      await management
        .deleteFrom('firehose_event')
        .where('seq', '<=', String(this.head - retentionEvents))
        .execute()
    }
  }
}
