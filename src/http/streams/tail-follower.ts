// What every stream subscriber does, whatever it sends: keep its position
// (a seq) in the firehose, replay from memory or the database in pages up to
// the head, then follow the tail as it grows; pause while its connection
// holds more than maxBufferedBytes unsent; and be dropped when, live, it
// falls more than maxLagEvents behind, or when nothing it was handed leaves
// its connection for stallTimeoutMs. Subclasses say how a frame is sent.
//
// A follower may be scoped to one PDS host: it is sent that host's frames
// only, its position still a global seq that moves over the others' frames
// (so cursors stay global: increasing, with gaps), and its database pages
// hold that host's frames only. A paced follower (its host's events per
// second) waits for its pacer before each of them; it is not dropped for lag
// while the pacer is what holds it back (only when its own connection is
// full), so its lag is bounded instead by the stall watchdog and by
// retention: once events it has not been sent are pruned, it is dropped.
//
// Memory: a page is held through a short wait for the socket or the pacer
// only (through a long one, or when other replays wait for the budget, what
// was not sent is let go and read again; a page from the ring, at every wait
// for the pacer), and frames read from the database hold the tail's replay
// budget until they have left the process. A paced follower waits for its
// pacer before it reads from the database, holding nothing, and reads what it
// may send at once.
import { wait } from '../../identity/backoff.js'
import type { Lease } from '../../lib/byte-budget.js'
import type { EventTail, PageScope, SequencedFrame } from '../../sync/event-tail.js'
import type { Pacer } from './pacer.js'

/** Frames taken from the ring at a time: references to frames the ring holds anyway. */
const RING_PAGE = 500
/** How long a page is kept while its socket drains before it is let go (and read again later). */
const PAGE_HOLD_MS = 250

export type FirehoseLimits = {
  /** Bytes handed to a socket and not yet flushed, past which sending pauses. */
  maxBufferedBytes: number
  /** Events a live subscriber may fall behind the head before it is dropped. */
  maxLagEvents: number
  /** How long a connection may hold unsent bytes with none of them leaving before it is dropped. */
  stallTimeoutMs: number
  /** Most subscribers at once. */
  maxSubscribers: number
}

/** What a follower is sent: one host's frames (absent: every host's), at its pacer's pace (absent: as fast as it takes them). */
export type FollowScope = {
  /** The PDS host whose frames it gets (null: the service host). */
  host?: string | null
  pacer?: Pacer
  /** Told how long each wait for the pacer took. */
  onPaced?: (seconds: number) => void
}

export abstract class TailFollower {
  /** The seq of the last frame delivered. */
  protected sent = 0
  protected stopped = false
  private inFlight = 0
  private live = false
  private pumping = false
  private again = false
  private drained?: () => void
  /** Runs while bytes are in flight; pushed back each time some leave: fires on a stalled consumer. */
  private watchdog?: NodeJS.Timeout
  /** The `sent` callbacks of bytes in flight: run at the latest on stop, so no lease outlives the subscriber. */
  private readonly unsent = new Set<() => void>()
  /** Lets go of the rest of the page being sent: called before any wait for the socket. */
  private letPageGo?: () => void
  /** Aborts a wait for the replay budget when the subscriber stops. */
  private readonly stopping = new AbortController()
  /** Held back by its own full send buffer: not keeping up. */
  private stalled = false
  /** Waiting for its pacer: behind by design, not for want of keeping up. */
  private pacing = false
  private progressWaiters: (() => void)[] = []
  private readonly onEvents = () => this.onNewEvents()

  constructor(
    protected readonly tail: EventTail,
    protected readonly limits: FirehoseLimits,
    /** Told first when the subscriber is dropped, so its server counts it out at once. */
    private readonly onDropped: (behind: number) => void,
    protected readonly scope: FollowScope = {},
  ) {}

  stop(): void {
    this.stopped = true
    this.tail.off('events', this.onEvents)
    this.stopping.abort()
    clearTimeout(this.watchdog)
    this.watchdog = undefined
    for (const sent of this.unsent) sent()
    this.unsent.clear()
    this.drained?.()
    this.progressed()
  }

  /**
   * Resolves once every event up to `seq` has been handed to the connection,
   * or the subscriber stops, or its own unsent backlog holds it back (it is
   * not keeping up; it resumes from its cursor elsewhere), or its pacer does.
   * Shutdown waits on it.
   */
  async deliveredUpTo(seq: number): Promise<void> {
    while (this.sent < seq && !this.stopped && !this.stalled && !this.pacing) {
      await new Promise<void>((resolve) => this.progressWaiters.push(resolve))
    }
  }

  /** Still replaying the backlog: not yet following the live tail. */
  protected get replaying(): boolean {
    return !this.live
  }

  /** Aborts when the subscriber stops: for a subclass's own waits for the replay budget. */
  protected get stopSignal(): AbortSignal {
    return this.stopping.signal
  }

  /**
   * Sends one frame (or nothing, if it is filtered out), through sendBuffered.
   * A frame from the database comes with a lease on its bytes, to release
   * once nothing made from the frame is held (sent and flushed, or dropped).
   */
  protected abstract deliver(f: SequencedFrame, lease: Lease | undefined): Promise<void>

  protected abstract dropTooSlow(behind: number): void

  /** Following the live tail failed (a replay page the database could not give): end the connection. */
  protected abstract failed(err: unknown): void

  /** Starts sending after `sent`: the backlog, then the live tail. */
  protected async follow(): Promise<void> {
    this.tail.on('events', this.onEvents)
    await this.pump()
  }

  /**
   * Hands `bytes` to `write` (waiting first while the connection holds too
   * much); `sent` runs once they have been flushed, or the subscriber stops.
   */
  protected async sendBuffered(bytes: number, write: (flushed: () => void) => void, sent?: () => void): Promise<void> {
    if (!(await this.roomToSend())) {
      sent?.()
      return
    }
    if (sent) this.unsent.add(sent)
    this.inFlight += bytes
    this.watchdog ??= setTimeout(() => this.drop(), this.limits.stallTimeoutMs).unref()
    write(() => {
      this.inFlight -= bytes
      if (sent && this.unsent.delete(sent)) sent()
      if (this.inFlight === 0 || this.stopped) {
        clearTimeout(this.watchdog)
        this.watchdog = undefined
      } else {
        this.watchdog?.refresh()
      }
      // Woken at half, not as soon as one frame leaves: else each wake sends a frame or two and waits again.
      if (this.inFlight <= this.limits.maxBufferedBytes / 2) {
        const wake = this.drained
        this.drained = undefined
        wake?.()
      }
    })
  }

  /** Waits while the connection holds more than maxBufferedBytes (the watchdog drops it if none leave); false once stopped. */
  private async roomToSend(): Promise<boolean> {
    while (this.inFlight > this.limits.maxBufferedBytes && !this.stopped) {
      this.stalled = true
      this.progressed()
      await this.drain()
    }
    this.stalled = false
    return !this.stopped
  }

  /**
   * Waits until the connection holds half of maxBufferedBytes or less. The page being
   * sent is kept through a short wait (let go at every wait, it was read again
   * for every few frames a slow reader took) but not through a long one, nor
   * while other replays wait for the budget it holds.
   */
  private drain(): Promise<void> {
    const letGo = this.letPageGo
    let timer: NodeJS.Timeout | undefined
    if (letGo && this.tail.replayBudget.waiting > 0) letGo()
    else if (letGo) timer = setTimeout(letGo, PAGE_HOLD_MS).unref()
    return new Promise<void>((resolve) => {
      this.drained = () => {
        clearTimeout(timer)
        resolve()
      }
    })
  }

  private onNewEvents(): void {
    // A paced follower behind because of its pace is not too slow; one whose own connection is full is.
    const tooSlow = !this.scope.pacer || this.stalled
    if (this.live && tooSlow && this.tail.head - this.sent > this.limits.maxLagEvents) {
      this.drop()
      return
    }
    // An event listener: nothing awaits this, and an unheard rejection would end the process.
    this.pump().catch((err) => {
      if (this.stopped) return
      this.stop()
      this.failed(err)
    })
  }

  private drop(): void {
    if (this.stopped) return
    const behind = this.tail.head - this.sent
    this.stop()
    this.onDropped(behind)
    this.dropTooSlow(behind)
  }

  private progressed(): void {
    for (const wake of this.progressWaiters.splice(0)) wake()
  }

  /** Sends everything after `sent` up to the head: from memory when it can, else from the database. */
  private async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true
      return
    }
    this.pumping = true
    try {
      do {
        this.again = false
        while (this.sent < this.tail.head && (await this.roomToSend())) {
          const fromRing = this.tail.framesAfter(this.sent, RING_PAGE)
          if (fromRing?.length === 0) break
          const page = fromRing ? { frames: fromRing, lease: undefined, through: undefined } : await this.readPage()
          if (!page) break
          const empty = page.frames.length === 0
          if (empty) page.lease?.release()
          const whole = empty || (await this.sendPage(page.frames, page.lease))
          // A host's page says how far it holds all that host has: the others' frames up to there are passed over.
          if (whole && page.through !== undefined && page.through > this.sent) {
            this.sent = page.through
            this.progressed()
          } else if (empty) {
            break
          }
        }
        this.live = true
      } while (this.again && !this.stopped)
    } finally {
      this.pumping = false
    }
  }

  /**
   * The next page from the database, or undefined if the subscriber stopped
   * while it waited for the replay budget or its pacer. A paced follower
   * waits for its pacer before it reads (holding nothing meanwhile) and reads
   * what it may send at once; once events it was not sent have been pruned,
   * it is dropped instead.
   */
  private async readPage(): Promise<{ frames: SequencedFrame[]; lease: Lease; through?: number } | undefined> {
    const { host, pacer } = this.scope
    const scope: PageScope = host === undefined ? {} : { host }
    try {
      if (pacer) {
        const oldest = await this.tail.oldestSeq()
        if (oldest !== undefined && oldest > this.sent + 1) {
          this.drop()
          return undefined
        }
        // A page's worth (one second's, at most a page of rows) at once, not a query for every token.
        await this.paceFor(pacer.msUntil(Math.min(pacer.burst, RING_PAGE)))
        if (this.stopped) return undefined
        scope.rows = Math.max(1, pacer.available)
      }
      return await this.tail.readPage(this.sent, this.stopping.signal, scope)
    } catch (err) {
      if (this.stopped) return undefined
      throw err
    }
  }

  /**
   * Sends a page, waiting for the connection as it fills and for the pacer;
   * what is let go while it waits is read again later. True when every frame
   * of it was sent (or passed over: another host's).
   */
  private async sendPage(frames: SequencedFrame[], lease: Lease | undefined): Promise<boolean> {
    let letGo = false
    this.letPageGo = () => {
      letGo = true
      frames.length = 0
      lease?.release()
    }
    const { host, pacer } = this.scope
    try {
      // Shifted off, so a frame sent is held by the socket alone (and its lease), not by the page too.
      while (frames.length > 0 && (await this.roomToSend())) {
        const next = frames[0] as SequencedFrame
        const ours = host === undefined || next.host === host
        if (ours && pacer && !pacer.take()) {
          const ms = pacer.msUntil(1)
          // A page from the database is kept through a short wait, as for the socket; through a long one, or while
          // replays wait for the budget, let go. One from the ring is let go at once: taken again, it costs a slice,
          // and a follower held at its pace for long would otherwise keep frames the ring has let go of.
          if (!lease || ms > PAGE_HOLD_MS || this.tail.replayBudget.waiting > 0) this.letPageGo()
          await this.paceFor(ms)
          continue
        }
        const f = frames.shift()
        if (!f) break
        if (ours) await this.deliver(f, lease?.take(f.frame.byteLength))
        this.sent = f.seq
        this.progressed()
      }
      return !letGo && !this.stopped && frames.length === 0
    } finally {
      this.letPageGo = undefined
      lease?.release()
    }
  }

  /** Waits `ms` for the pacer (cut short by a stop), counted as time spent paced. */
  private async paceFor(ms: number): Promise<void> {
    if (ms <= 0 || this.stopped) return
    this.pacing = true
    this.progressed()
    const started = performance.now()
    try {
      await wait(ms, this.stopping.signal)
    } finally {
      this.pacing = false
      this.scope.onPaced?.((performance.now() - started) / 1000)
    }
  }
}
