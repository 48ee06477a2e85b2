// Every process follows `firehose_event`, whichever process sequences: it
// reads what is new when told (by its own sequencer, or by NOTIFY from
// another's) and on a short timer, and keeps the latest frames in a ring so
// live subscribers are served from memory, not one query each. Each frame
// carries its `time_us`, the JSON stream's cursor.
import { EventEmitter } from 'node:events'
import type { FirehoseConfig } from '../config/config.js'
import { ByteBudget, Lease } from '../lib/byte-budget.js'
import type { BackgroundJob } from '../lib/jobs.js'
import type { Logger } from '../lib/logger.js'
import type { HostScope } from '../storage/management/firehose-store.js'
import type { Storage } from '../storage/storage.js'
import { FIREHOSE_CHANNEL } from './sequencer.js'

/** `host`: the PDS host whose stream carries the event (null: the service host's). */
export type SequencedFrame = { seq: number; timeUs: number; frame: Uint8Array; host: string | null }

/**
 * Frames read from the database for one subscriber, and the lease on the
 * replay budget that holds their bytes. `through`: the page holds every frame
 * of its host up to that seq (the subscriber's position once they are sent;
 * absent: the last frame's seq).
 */
export type ReplayPage = { frames: SequencedFrame[]; lease: Lease; through?: number }

/** Which frames a replay page holds: one host's only (null: the service host's), and at most `rows` of them. */
export type PageScope = { host?: string | null; rows?: number }

/** What bounds the tail's memory: the ring, in events and bytes; replays, a page and all together (see FirehoseConfig). */
export type TailLimits = Pick<FirehoseConfig, 'ringSize' | 'ringBytes' | 'replayPageBytes' | 'replayMemoryBytes'>

/** Most rows of one database read, however small they are. */
const PAGE_ROWS = 500

export class EventTail extends EventEmitter implements BackgroundJob {
  readonly name = 'event-tail'
  /** The highest seq this process has read. */
  head = 0
  private ring: SequencedFrame[] = []
  /** The ring's frames' bytes. */
  private ringBytes = 0
  private reading?: Promise<void>
  private again = false
  private timer?: NodeJS.Timeout
  /** Shared by every replay of both streams. */
  readonly replayBudget: ByteBudget

  constructor(
    private readonly storage: Storage,
    private readonly logger: Logger,
    private readonly pollMs: number,
    private readonly limits: TailLimits,
  ) {
    super()
    this.setMaxListeners(0)
    this.replayBudget = new ByteBudget(limits.replayMemoryBytes)
  }

  async start(): Promise<void> {
    this.head = (await this.storage.managementReader.firehose.head()).seq
    // The payload is the new head: this process's own sequencer's notices are already in.
    await this.storage.coordination.listen(FIREHOSE_CHANNEL, (payload) => {
      if (!(Number(payload) <= this.head)) this.poke()
    })
    this.timer = setInterval(() => this.poke(), this.pollMs)
    this.timer.unref()
  }

  /** Also waits for the read under way, so it does not outlive the pools. */
  async stop(): Promise<void> {
    clearInterval(this.timer)
    while (this.reading) await this.reading
  }

  runOnce(): Promise<number> {
    return this.catchUp()
  }

  /** Reads new events now (again after the current read, if one is running). */
  poke(): void {
    if (this.reading) {
      this.again = true
      return
    }
    this.reading = this.readNew()
      .catch((err) => this.logger.warn({ err }, 'reading new firehose events failed'))
      .finally(() => {
        this.reading = undefined
        if (this.again) {
          this.again = false
          this.poke()
        }
      })
  }

  /**
   * Frames this process's sequencer has just stored: taken at once when they
   * follow the head, read from the database otherwise (then something came
   * in between that this process has not seen yet).
   */
  take(frames: SequencedFrame[]): void {
    const first = frames[0]
    if (this.reading || !first || first.seq !== this.head + 1) {
      this.poke()
      return
    }
    this.push(frames)
  }

  /** Reads everything sequenced so far and resolves with the head (shutdown: what subscribers get before they are closed). */
  async catchUp(): Promise<number> {
    this.poke()
    while (this.reading) await this.reading
    return this.head
  }

  /** Frames after `seq` from memory, or undefined when the ring no longer reaches back that far. */
  framesAfter(seq: number, limit: number): SequencedFrame[] | undefined {
    const first = this.ring[0]
    if (seq >= this.head) return []
    if (!first || first.seq > seq + 1) return undefined
    const start = seq + 1 - first.seq
    return this.ring.slice(start, start + limit)
  }

  /**
   * Frames after `seq` from the database, for replays older than the ring:
   * once their bytes are held in the replay budget (waiting for room), up to
   * pageBytes of them. The caller releases the lease as the frames leave.
   */
  async readPage(seq: number, signal: AbortSignal, scope: PageScope = {}): Promise<ReplayPage> {
    // A host's page is read through the (host, seq) index up to the head as it is now: every row up to it is
    // committed, so a page that ends short of it holds all that host has there, and the others' frames never
    // pass through the replay budget.
    const host = scope.host === undefined ? undefined : { host: scope.host, through: this.head }
    const { last, bytes, more } = await this.pageEnd(seq, this.limits.replayPageBytes, scope.rows, host)
    const through = host && !more ? Math.max(seq, host.through) : Number(last ?? seq)
    if (last === undefined) return { frames: [], lease: new Lease(this.replayBudget, 0), through }
    const lease = await this.replayBudget.acquire(bytes, signal)
    try {
      const frames = await this.readThrough(seq, last, host?.host)
      // Retention may have pruned rows since they were sized: what was not read is given back now, not never.
      const kept = lease.take(frames.reduce((n, f) => n + f.frame.byteLength, 0))
      return { frames, lease: kept, through }
    } finally {
      lease.release()
    }
  }

  /** Frames after `seq`, in order, up to `maxBytes` of them (at least one); `more` when there are others after. */
  async readAfter(seq: number, maxBytes: number): Promise<{ frames: SequencedFrame[]; more: boolean }> {
    const { last, more } = await this.pageEnd(seq, maxBytes)
    return { frames: last === undefined ? [] : await this.readThrough(seq, last), more }
  }

  /** Where a page after `seq` of at most `maxBytes` ends (it takes one frame at least), from the sizes alone. */
  private async pageEnd(
    seq: number,
    maxBytes: number,
    rows = PAGE_ROWS,
    host?: HostScope,
  ): Promise<{ last?: string; bytes: number; more: boolean }> {
    const limit = Math.max(1, Math.min(PAGE_ROWS, rows))
    const sizes = await this.storage.managementReader.firehose.frameSizesAfter(seq, limit, host)
    let last: string | undefined
    let bytes = 0
    let taken = 0
    for (const row of sizes) {
      const size = Number(row.bytes)
      if (last !== undefined && bytes + size > maxBytes) break
      bytes += size
      last = String(row.seq)
      taken++
    }
    return { last, bytes, more: taken < sizes.length || sizes.length === limit }
  }

  private async readThrough(seq: number, last: string, host?: string | null): Promise<SequencedFrame[]> {
    const rows = await this.storage.managementReader.firehose.framesThrough(seq, last, host)
    return rows.map((r) => ({ seq: Number(r.seq), timeUs: Number(r.time_us), frame: r.frame, host: r.host }))
  }

  /**
   * Where a replay from `timeUs` starts: after the seq before the first event
   * whose time_us reaches it; `future` when no stored event does (then after
   * the last one). time_us increases with seq, so either order finds it.
   */
  async positionAtTime(timeUs: number): Promise<{ after: number; future: boolean }> {
    const ring = this.ring
    const [first, last] = [ring[0], ring.at(-1)]
    if (first && last && first.timeUs < timeUs && timeUs <= last.timeUs) {
      let lo = 0
      let hi = ring.length - 1
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if ((ring[mid] as SequencedFrame).timeUs < timeUs) lo = mid + 1
        else hi = mid
      }
      return { after: (ring[lo] as SequencedFrame).seq - 1, future: false }
    }
    // One statement, so one snapshot: an event sequenced meanwhile is either the one found or after `last`.
    const stored = await this.storage.managementReader.firehose.firstAtTime(timeUs)
    if (stored.first !== null) return { after: stored.first - 1, future: false }
    return { after: stored.last, future: true }
  }

  async oldestSeq(): Promise<number | undefined> {
    return this.storage.managementReader.firehose.oldestSeq()
  }

  private async readNew(): Promise<void> {
    for (;;) {
      const { frames, more } = await this.readAfter(this.head, this.limits.replayPageBytes)
      // Frames the sequencer handed over while this read was out are already in.
      const fresh = frames.filter((r) => r.seq > this.head)
      if (fresh.length > 0) this.push(fresh)
      if (!more) return
    }
  }

  private push(frames: SequencedFrame[]): void {
    for (const r of frames) {
      // Contiguous only: the ring is indexed by seq.
      if (this.ring.length > 0 && r.seq !== (this.ring[this.ring.length - 1] as SequencedFrame).seq + 1) {
        this.ring = []
        this.ringBytes = 0
      }
      this.ring.push(r)
      this.ringBytes += r.frame.byteLength
    }
    // Oldest out first, past either cap; the newest stays, whatever its size.
    let out = 0
    const { ringSize, ringBytes } = this.limits
    while (this.ring.length - out > ringSize || (this.ringBytes > ringBytes && this.ring.length - out > 1)) {
      this.ringBytes -= (this.ring[out] as SequencedFrame).frame.byteLength
      out++
    }
    if (out > 0) this.ring = this.ring.slice(out)
    this.head = (frames[frames.length - 1] as SequencedFrame).seq
    this.emit('events', this.head)
  }
}
