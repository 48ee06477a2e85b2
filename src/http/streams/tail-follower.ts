// What every stream subscriber does, whatever it sends: keep its position
// (a seq) in the firehose, replay from memory or the database in pages up to
// the head, then follow the tail as it grows; pause while its connection
// holds more than maxBufferedBytes unsent; and be dropped when, live, it
// falls more than maxLagEvents behind, or when nothing it was handed leaves
// its connection for stallTimeoutMs. Subclasses say how a frame is sent.
//
// Memory: a page is held through a short wait for the socket only (through
// a long one, or when other replays wait for the budget, what was not sent is
// let go and read again), and frames read from the database hold the tail's
// replay budget until they have left the process.
import type { Lease } from '../../lib/byte-budget.js'
import type { EventTail, SequencedFrame } from '../../sync/event-tail.js'

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
  private progressWaiters: (() => void)[] = []
  private readonly onEvents = () => this.onNewEvents()

  constructor(
    protected readonly tail: EventTail,
    protected readonly limits: FirehoseLimits,
    /** Told first when the subscriber is dropped, so its server counts it out at once. */
    private readonly onDropped: (behind: number) => void,
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
   * not keeping up; it resumes from its cursor elsewhere). Shutdown waits on it.
   */
  async deliveredUpTo(seq: number): Promise<void> {
    while (this.sent < seq && !this.stopped && !this.stalled) {
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
    if (this.live && this.tail.head - this.sent > this.limits.maxLagEvents) {
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
          const page = fromRing ? { frames: fromRing, lease: undefined } : await this.readPage()
          if (!page || page.frames.length === 0) {
            page?.lease?.release()
            break
          }
          await this.sendPage(page.frames, page.lease)
        }
        this.live = true
      } while (this.again && !this.stopped)
    } finally {
      this.pumping = false
    }
  }

  /** The next page from the database, or undefined if the subscriber stopped while it waited for the replay budget. */
  private async readPage(): Promise<{ frames: SequencedFrame[]; lease: Lease } | undefined> {
    try {
      return await this.tail.readPage(this.sent, this.stopping.signal)
    } catch (err) {
      if (this.stopped) return undefined
      throw err
    }
  }

  /** Sends a page, waiting for the connection as it fills; what is let go while it waits is read again later. */
  private async sendPage(frames: SequencedFrame[], lease: Lease | undefined): Promise<void> {
    this.letPageGo = () => {
      frames.length = 0
      lease?.release()
    }
    try {
      // Shifted off, so a frame sent is held by the socket alone (and its lease), not by the page too.
      while (frames.length > 0 && (await this.roomToSend())) {
        const f = frames.shift()
        if (!f) return
        await this.deliver(f, lease?.take(f.frame.byteLength))
        this.sent = f.seq
        this.progressed()
      }
    } finally {
      this.letPageGo = undefined
      lease?.release()
    }
  }
}
