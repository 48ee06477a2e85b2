// The sequencer drains every outbox (each tenant's, and the management one)
// into `firehose_event`, giving each event the next global seq and encoding
// its frame once. One process sequences at a time (advisory lock: when it
// dies, another takes over); a crash between the two databases is harmless
// because an outbox row already in the firehose (same source and id) is only
// deleted, never sequenced twice. Writers wake it at once (in-process, or by
// NOTIFY from other processes), and a commit written here is handed over as it
// is, unread (expectHandoff); it also sweeps every outbox on taking over and
// on a timer, so no event waits on a lost signal. Each event also gets a
// `time_us`, the JSON stream's cursor: the wall clock in µs, kept strictly
// increasing with room below it for each of the event's JSON events.
import { EventEmitter } from 'node:events'
import { decode } from '@atproto/lex-cbor'
import type { LexMap } from '@atproto/lex-data'
import { ExpiringCache } from '../lib/expiring-cache.js'
import type { BackgroundJob } from '../lib/jobs.js'
import type { Logger } from '../lib/logger.js'
import { OutboxDepth } from '../metrics/outbox-depth.js'
import type { Leadership } from '../storage/coordination.js'
import type { TenantRegistry } from '../storage/management/tenant-registry.js'
import type { OutboxKind } from '../storage/schema.js'
import { isDbName, type Storage } from '../storage/storage.js'
import { bodyFrame } from './frames.js'
import { jsonEventSpan } from './jetstream-decoder.js'

export const OUTBOX_CHANNEL = 'primal_pds_outbox'
export const FIREHOSE_CHANNEL = 'primal_pds_firehose'
/** The advisory lock key of the sequencer role ("prps"). */
const SEQUENCER_LOCK = 0x70727073
/** Source name of the management database's own outbox. */
export const MANAGEMENT_SOURCE = ''
const BATCH = 500
/** How long a domain seen active is taken to be so when its outbox is read. */
const ACTIVE_DOMAIN_TTL_MS = 1000
/** Repos whose last sequenced rev is remembered, at most (the oldest are forgotten first). */
const LAST_REVS = 10_000
/** Outbox rows remembered as sequenced lately (source/id), at most. */
const SEQUENCED_LATELY = 20_000

type OutboxRow = { id: string; did: string; kind: OutboxKind; event: Uint8Array; created_at: string }
/**
 * A commit's outbox row as its writer hands it over: with its rev, the rev it
 * follows, and the newest row of its account's that was in the outbox when
 * it was stored (null: none), which must be in the firehose before it.
 */
export type HandedCommitRow = OutboxRow & { rev: string; since: string | null; prevRow: string | null }
/** Where an event was first written: what makes it unique in the firehose. */
type Origin = { source: string; id: string }
type OutboxBatch = {
  source: string
  mark: number
  /** How many rows the read of the outbox gave (0 when it was not read: handed rows only). */
  read: number
  rows: (OutboxRow & { origin: Origin })[]
  fresh: (OutboxRow & { origin: Origin })[]
}

export type SequencerOptions = {
  storage: Storage
  registry: TenantRegistry
  logger: Logger
  /** How often a process that is not the sequencer tries to become it. */
  campaignIntervalMs: number
  /** How often the sequencer sweeps every outbox, in case a signal was lost. */
  sweepIntervalMs: number
  /** Events older than this are pruned (0: keep by count only). */
  retentionSeconds: number
  /** At most this many events are kept (0: no count limit). */
  retentionEvents: number
  /** Told, for each event sequenced, how long after its outbox row was written (metrics). */
  onSequenced?: (lagSeconds: number) => void
}

/** Outbox rows in the order they were appended (ids are bigserial). */
function byId(a: { id: string }, b: { id: string }): number {
  const x = BigInt(a.id)
  const y = BigInt(b.id)
  return x < y ? -1 : x > y ? 1 : 0
}

export class Sequencer extends EventEmitter implements BackgroundJob {
  readonly name = 'sequencer'
  private leadership?: Leadership
  private head = 0
  /** The time_us of the event at `head`. */
  private headTimeUs = 0
  /** Sources whose outbox is to be read. */
  private readonly pending = new Set<string>()
  /** Per source, rows their writers handed over after committing, not yet sequenced. */
  private handed = new Map<string, HandedCommitRow[]>()
  /**
   * The rev of each repo's last commit (or #sync) this process sequenced in
   * its term. A handed commit that follows it is next in its repo; one that
   * does not may follow a commit of another process's still in the outbox,
   * so the outbox is read with it and the two go in the order written.
   */
  private readonly lastRevs = new ExpiringCache<string>(LAST_REVS)
  /** Counts the outbox reads: a promise of a handoff remembers the count when it was made. */
  private reads = 0
  /** Per source, the handoffs promised and not yet made (in the order made), each with `reads` then. */
  private readonly promised = new Map<string, Set<{ reads: number }>>()
  /**
   * Per source, the rows a read gave while a handoff was promised (id ->
   * the read's number): the promised row may be among them, already
   * sequenced when it is handed over. Kept until every promise older than
   * the read is kept.
   */
  private readonly readEarly = new Map<string, Map<string, number>>()
  /**
   * Sources whose outbox this process has drained in its current term
   * without a failure: every row left in them was written after, so none is
   * in the firehose yet and the check for already sequenced rows is skipped.
   */
  private readonly verified = new Set<string>()
  /** How often a source stopped being verified: a delete begun before then verifies none again. */
  private unverified = 0
  /**
   * Sources whose outbox must be read with their next handed rows: a cycle
   * or read of theirs failed, and rows of it may wait there.
   */
  private readonly mustRead = new Set<string>()
  /** Rows sequenced lately ("source/id"): a handed row whose predecessor is here may follow it. */
  private readonly sequencedLately = new ExpiringCache<true>(SEQUENCED_LATELY)
  private readonly outbox = new OutboxDepth()
  /** Tenant sources last seen active, until when. */
  private readonly activeUntil = new Map<string, number>()
  /**
   * Per source, the deletes of sequenced rows under way, each with its rows'
   * ids: the next read passes over those rows rather than waiting for the
   * delete, which would put a third round trip on every event's path.
   */
  private readonly deletes = new Map<string, Map<Promise<void>, string[]>>()
  private draining?: Promise<void>
  private timers: NodeJS.Timeout[] = []
  private stopped = false

  constructor(private readonly opts: SequencerOptions) {
    super()
  }

  get leading(): boolean {
    return this.leadership !== undefined
  }

  /** Outbox rows believed to wait for sequencing; 0 in a process that does not sequence. */
  get outboxDepth(): number {
    return this.leading ? this.outbox.total : 0
  }

  async start(): Promise<void> {
    await this.opts.storage.coordination.listen(OUTBOX_CHANNEL, (source) => this.wake(source, false, true))
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
   * Says that `source` (a tenant database name, or '' for the management
   * outbox) has new outbox rows. Here when this process sequences, else by
   * NOTIFY to the process that does.
   */
  outboxWritten(source: string): void {
    if (this.leading) this.wake(source, true, true)
    else
      this.opts.storage.coordination
        .notify(OUTBOX_CHANNEL, source)
        .catch((err) => this.opts.logger.warn({ err }, 'outbox notify failed'))
  }

  /**
   * Called before a writer stores a row in `source`'s outbox; the function
   * it returns is called once the write is over, with the row if it was
   * committed. In the sequencing process the row is then sequenced as it
   * is, with no read of the outbox (one round trip less on every event's
   * way to subscribers); elsewhere it is signalled as outboxWritten does.
   */
  expectHandoff(source: string): (row: HandedCommitRow | undefined) => void {
    const promise = { reads: this.reads }
    let open = this.promised.get(source)
    if (!open) {
      open = new Set()
      this.promised.set(source, open)
    }
    open.add(promise)
    let kept = false
    return (row) => {
      if (kept) return
      kept = true
      const alreadyRead = this.keep(source, promise, row?.id)
      if (!row || alreadyRead) return
      if (!this.leading || this.stopped) return this.outboxWritten(source)
      this.outbox.signalled(source)
      const rows = this.handed.get(source)
      if (rows) rows.push(row)
      else this.handed.set(source, [row])
      this.kick()
    }
  }

  /** A promised handoff is made: whether a read gave its row already; forgets what no promise needs. */
  private keep(source: string, promise: { reads: number }, id: string | undefined): boolean {
    const open = this.promised.get(source)
    open?.delete(promise)
    const early = this.readEarly.get(source)
    const alreadyRead = id !== undefined && early?.has(id) === true
    const oldest = open?.values().next().value?.reads
    if (oldest === undefined) {
      this.promised.delete(source)
      this.readEarly.delete(source)
    } else if (early) {
      // A row read after the oldest open promise was made may still be one of them; earlier ones cannot.
      for (const [rowId, read] of early) if (read <= oldest) early.delete(rowId)
    }
    return alreadyRead
  }

  /** `written`: a writer's signal (one new row), not a sweep's or a retry's. */
  private wake(source: string, local: boolean, written = false): void {
    if (!this.leading || this.stopped) return
    if (!local && source !== MANAGEMENT_SOURCE && !isDbName(source)) return
    if (written) this.outbox.signalled(source)
    this.pending.add(source)
    this.kick()
  }

  /** Drains unless a drain is under way (which goes on while there is work). */
  private kick(): void {
    if (!this.leading || this.stopped) return
    this.draining ??= this.drainPending().finally(() => {
      this.draining = undefined
      if (this.pending.size > 0 || this.handed.size > 0) this.kick()
    })
  }

  private async campaign(): Promise<void> {
    if (this.leading || this.stopped) return
    try {
      const leadership = await this.opts.storage.coordination.tryLead(SEQUENCER_LOCK)
      if (!leadership) return
      if (this.stopped) return void (await leadership.release())
      const stored = await this.storedHead()
      this.head = stored.head
      this.headTimeUs = stored.timeUs
      // Counts from an earlier term are stale; the sweep below recounts what waits.
      this.outbox.clear()
      this.verified.clear()
      this.unverified++
      this.lastRevs.clear()
      this.leadership = leadership
      this.opts.logger.info({ head: this.head, headTimeUs: this.headTimeUs }, 'this process is now the sequencer')
      void leadership.lost.then(() => {
        if (this.leadership !== leadership) return
        this.leadership = undefined
        // They are in their outboxes still: the next sequencer reads them there.
        this.handed = new Map()
        this.opts.logger.warn('sequencer leadership lost')
      })
      await this.sweep()
    } catch (err) {
      this.opts.logger.warn({ err }, 'sequencer campaign failed')
    }
  }

  runOnce(): Promise<void> {
    return this.sweep()
  }

  /** Drains every outbox and prunes old events. */
  async sweep(): Promise<void> {
    if (!this.leading) return
    try {
      this.wake(MANAGEMENT_SOURCE, true)
      for (const d of await this.opts.registry.listDomains()) if (d.status === 'active') this.wake(d.db_name, true)
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

  /**
   * Drains in cycles: every outbox signalled so far is read at once, their
   * rows become one insert, and the rows leave their outboxes while the next
   * cycle runs. So an event waits for about one cycle (a read and an insert)
   * however many tenants are writing, not for a turn among them.
   */
  private async drainPending(): Promise<void> {
    while ((this.pending.size > 0 || this.handed.size > 0) && this.leading && !this.stopped) {
      const toRead = new Set(this.pending)
      const handed = this.handed
      for (const [source, rows] of handed) if (!this.handedAlone(source, rows)) toRead.add(source)
      const sources = [...new Set([...toRead, ...handed.keys()])]
      this.pending.clear()
      this.handed = new Map()
      try {
        await this.drainCycle(sources, toRead, handed)
      } catch (err) {
        // A batch may have reached the firehose and not left its outbox.
        for (const source of sources) this.unverify(source)
        if (await this.headMoved()) {
          for (const source of sources) this.pending.add(source)
          continue
        }
        // Their rows are in their outboxes still: read with the next signal, handoff or sweep.
        for (const source of sources) this.mustRead.add(source)
        this.opts.logger.error({ err, sources }, 'draining outboxes failed; retried on the next signal or sweep')
      }
    }
    await Promise.all([...this.deletes.values()].flatMap((d) => [...d.keys()]))
  }

  /**
   * Whether `source`'s handed rows may be sequenced without reading its
   * outbox: its domain was seen active a moment ago, nothing of it is known
   * to wait there, and each commit follows what was sequenced of its
   * account: its repo's last commit (or an earlier one of `rows`), and the
   * account's newest row in the outbox when it was stored. Otherwise another
   * process's earlier commit or event may wait in the outbox, and is read to
   * go first.
   */
  private handedAlone(source: string, rows: HandedCommitRow[]): boolean {
    if (this.mustRead.has(source) || (this.activeUntil.get(source) ?? 0) <= Date.now()) return false
    const last = new Map<string, string>()
    const here = new Set<string>()
    for (const r of [...rows].sort(byId)) {
      const prev = last.get(r.did) ?? this.lastRevs.get(r.did)?.value
      if (r.since === null || prev !== r.since) return false
      if (r.prevRow !== null && !here.has(r.prevRow) && !this.sequencedLately.get(`${source}/${r.prevRow}`)) {
        return false
      }
      last.set(r.did, r.rev)
      here.add(r.id)
    }
    return true
  }

  private unverify(source: string): void {
    this.verified.delete(source)
    this.unverified++
  }

  private async drainCycle(sources: string[], toRead: Set<string>, handed: Map<string, OutboxRow[]>): Promise<void> {
    const reads = await Promise.all(
      sources.map((source) => this.readBatch(source, toRead.has(source), handed.get(source) ?? [])),
    )
    const batches = reads.filter((b): b is OutboxBatch => b !== undefined)
    const fresh: (OutboxRow & { origin: Origin })[] = []
    await Promise.all(
      batches.map(async (b) => {
        if (b.rows.length === 0) return
        const done = this.verified.has(b.source) ? undefined : await this.alreadySequenced(b.rows.map((r) => r.origin))
        b.fresh = done ? b.rows.filter((r) => !done.has(`${r.origin.source}/${r.origin.id}`)) : b.rows
      }),
    )
    for (const b of batches) fresh.push(...b.fresh)
    for (let i = 0; i < fresh.length; i += BATCH) await this.sequence(fresh.slice(i, i + BATCH))
    for (const b of batches) {
      const full = b.read === BATCH
      if (full) this.pending.add(b.source)
      if (b.rows.length === 0) this.outbox.drained(b.source, b.mark, 0, false)
      else this.startDelete(b, full)
    }
  }

  /**
   * One source's next rows: those handed over, and when `read`, the oldest
   * others in its outbox, in the order they were written; undefined (logged)
   * when its outbox cannot be read now.
   */
  private async readBatch(source: string, read: boolean, handed: OutboxRow[]): Promise<OutboxBatch | undefined> {
    const origin = (r: OutboxRow) => ({ ...r, origin: { source, id: r.id } })
    const mark = this.outbox.mark(source)
    if (!read) return { source, mark, read: 0, rows: handed.map(origin), fresh: [] }
    // Rows still being deleted must not be read again: they are passed over, unless so many are that a
    // read would name too many; then the oldest delete is waited for.
    let deleting = this.deletes.get(source)
    while (deleting && [...deleting.values()].reduce((n, ids) => n + ids.length, 0) > BATCH) {
      await [...deleting.keys()][0]
      deleting = this.deletes.get(source)
    }
    const passOver = [...(deleting ? [...deleting.values()].flat() : []), ...handed.map((r) => r.id)]
    try {
      const rows = await this.readOutbox(source, passOver)
      this.readGave(source, rows)
      // A full read may have left older rows in the outbox: handed rows after its last wait for them.
      const last = rows.length === BATCH ? BigInt((rows.at(-1) as OutboxRow).id) : undefined
      const taken = last === undefined ? handed : handed.filter((r) => BigInt(r.id) < last)
      const all = taken.length === 0 ? rows : [...taken.map(origin), ...rows].sort(byId)
      return { source, mark, read: rows.length, rows: all, fresh: [] }
    } catch (err) {
      // Handed rows are in the outbox still: read with the next signal, handoff or sweep.
      this.mustRead.add(source)
      this.unverify(source)
      this.opts.logger.error({ err, source }, 'reading an outbox failed; retried on the next signal or sweep')
      return undefined
    }
  }

  /**
   * A read of `source`'s outbox gave `rows`: a row handed over while it ran
   * is taken from the read, not again from the handed rows; a row whose
   * handoff is still to come is remembered, to be passed over when it comes.
   */
  private readGave(source: string, rows: OutboxRow[]): void {
    this.mustRead.delete(source)
    // Numbered once done: a promise made after this cannot be for a row the read saw.
    const readNo = ++this.reads
    const waiting = this.handed.get(source)
    if (waiting) {
      const got = new Set(rows.map((r) => r.id))
      const left = waiting.filter((r) => !got.has(r.id))
      if (left.length > 0) this.handed.set(source, left)
      else this.handed.delete(source)
    }
    if (!this.promised.get(source)?.size) return
    let early = this.readEarly.get(source)
    if (!early) {
      early = new Map()
      this.readEarly.set(source, early)
    }
    for (const r of rows) early.set(r.id, readNo)
  }

  /** Gives `rows` the next seqs in one statement and hands their frames on. */
  private async sequence(rows: (OutboxRow & { origin: Origin })[]): Promise<void> {
    const nowMs = Date.now()
    const nowUs = nowMs * 1000
    let seq = this.head
    let timeUs = this.headTimeUs
    const revs = new Map<string, string>()
    const events = rows.map((r) => {
      seq++
      // Room above the last event's for each JSON event this one becomes; else the clock (which may have been set back).
      // Decoded once, for both the frame and its JSON events' count.
      const body = decode(r.event) as LexMap
      if ((r.kind === 'commit' || r.kind === 'sync') && typeof body.rev === 'string') revs.set(r.did, body.rev)
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
    const hosts = await this.opts.storage.managementTransactor.firehose.insert(events)
    this.head = seq
    this.headTimeUs = timeUs
    for (const [did, rev] of revs) this.lastRevs.set(did, rev)
    for (const r of rows) this.sequencedLately.set(`${r.origin.source}/${r.origin.id}`, true)
    for (const r of rows) this.opts.onSequenced?.((nowMs - Date.parse(r.created_at)) / 1000)
    // The frames themselves: this process's tail takes them without reading them back.
    this.emit(
      'sequenced',
      seq,
      events.map((e, i) => ({ seq: Number(e.seq), timeUs: Number(e.time_us), frame: e.frame, host: hosts[i] ?? null })),
    )
    this.opts.storage.coordination
      .notify(FIREHOSE_CHANNEL, String(seq))
      .catch((err) => this.opts.logger.warn({ err }, 'firehose notify failed'))
  }

  /** Removes a sequenced batch from its outbox, off the next events' path. */
  private startDelete(b: OutboxBatch, full: boolean): void {
    const ids = b.rows.map((r) => r.id)
    const epoch = this.unverified
    const deleting: Promise<void> = this.deleteOutbox(b.source, ids)
      .then(
        () => {
          // Not if it stopped being verified meanwhile (another delete, or a cycle, failed).
          if (this.unverified === epoch) this.verified.add(b.source)
          this.outbox.drained(b.source, b.mark, b.rows.length, full)
        },
        (err) => {
          // The rows stay: the check for sequenced rows finds them and deletes them next time.
          this.unverify(b.source)
          this.opts.logger.warn({ err, source: b.source }, 'deleting sequenced outbox rows failed; retried')
          this.wake(b.source, true)
        },
      )
      .finally(() => {
        const under = this.deletes.get(b.source)
        under?.delete(deleting)
        if (under?.size === 0) this.deletes.delete(b.source)
      })
    let under = this.deletes.get(b.source)
    if (!under) {
      under = new Map()
      this.deletes.set(b.source, under)
    }
    under.set(deleting, ids)
  }

  /** The highest seq and time_us in the firehose. */
  private async storedHead(): Promise<{ head: number; timeUs: number }> {
    const { seq, timeUs } = await this.opts.storage.managementReader.firehose.head()
    return { head: seq, timeUs }
  }

  /**
   * After a failed batch: whether the firehose grew past the head this
   * process holds. It does when a predecessor's last insert committed after
   * this process read the head (Postgres finishes a statement whose client
   * was killed), or a leader that lost its lock finished a batch; every
   * insert from the stale head would collide. Then the head is read again,
   * and the batch retried from there at once.
   */
  private async headMoved(): Promise<boolean> {
    try {
      const stored = await this.storedHead()
      if (stored.head <= this.head) return false
      this.opts.logger.warn(
        { held: this.head, stored: stored.head },
        'the firehose grew under this sequencer: continuing from its head',
      )
      this.head = stored.head
      this.headTimeUs = Math.max(this.headTimeUs, stored.timeUs)
      return true
    } catch {
      return false
    }
  }

  /** Which of these origins the firehose already holds (as "source/id"). */
  private async alreadySequenced(origins: Origin[]): Promise<Set<string>> {
    const bySource = new Map<string, string[]>()
    for (const o of origins) bySource.set(o.source, [...(bySource.get(o.source) ?? []), o.id])
    const done = new Set<string>()
    for (const [source, ids] of bySource) {
      const sequenced = await this.opts.storage.managementReader.firehose.sequencedIds(source, ids)
      for (const id of sequenced) done.add(`${source}/${id}`)
    }
    return done
  }

  /** The oldest rows of `source`'s outbox but those of `passOver` (ids). */
  private async readOutbox(source: string, passOver: string[]): Promise<(OutboxRow & { origin: Origin })[]> {
    if (source === MANAGEMENT_SOURCE) {
      const rows = await this.opts.storage.managementReader.firehose.outbox(BATCH, passOver)
      return rows.map((r) => ({
        ...r,
        origin:
          r.origin_source !== null && r.origin_id !== null
            ? { source: r.origin_source, id: String(r.origin_id) }
            : { source, id: String(r.id) },
      }))
    }
    // A domain seen active a moment ago is read without asking again: this is on every write's path to subscribers.
    const known = (this.activeUntil.get(source) ?? 0) > Date.now()
    const [domain, read] = await Promise.allSettled([
      known ? undefined : this.opts.registry.getDomainByDbName(source),
      this.opts.storage.read(source, (t) => t.outbox.oldest(BATCH, passOver)),
    ])
    if (!known) {
      // Rows of a domain that is not active (being created or removed) are not taken.
      if (domain.status === 'rejected') throw domain.reason
      if (domain.value?.status !== 'active') return []
      this.activeUntil.set(source, Date.now() + ACTIVE_DOMAIN_TTL_MS)
    }
    if (read.status === 'rejected') {
      // Its database may be gone with the domain: then there is nothing to say.
      this.activeUntil.delete(source)
      const now = await this.opts.registry.getDomainByDbName(source)
      if (now?.status !== 'active') return []
      throw read.reason
    }
    return read.value.map((r) => ({ ...r, origin: { source, id: String(r.id) } }))
  }

  private async deleteOutbox(source: string, ids: string[]): Promise<void> {
    if (source === MANAGEMENT_SOURCE) {
      await this.opts.storage.managementTransactor.firehose.deleteOutbox(ids)
    } else {
      await this.opts.storage.write(source, (w) => w.outbox.delete(ids))
    }
  }

  private async prune(): Promise<void> {
    const { firehose } = this.opts.storage.managementTransactor
    const { retentionSeconds, retentionEvents } = this.opts
    if (retentionSeconds > 0) {
      await firehose.pruneBefore(new Date(Date.now() - retentionSeconds * 1000).toISOString())
    }
    if (retentionEvents > 0 && this.head > retentionEvents) {
      await firehose.pruneThrough(this.head - retentionEvents)
    }
  }
}
