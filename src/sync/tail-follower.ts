// What every stream subscriber does, whatever it sends: keep its position
// (a seq) in the firehose, replay from memory or the database in pages up to
// the head, then follow the tail as it grows; pause while its connection
// holds more than maxBufferedBytes unsent; and be dropped when, live, it
// falls more than maxLagEvents behind. Subclasses say how a frame is sent.
import type { EventTail, SequencedFrame } from './event-tail.js'

const PAGE = 500

export type FirehoseLimits = {
  /** Bytes handed to a socket and not yet flushed, past which sending pauses. */
  maxBufferedBytes: number
  /** Events a live subscriber may fall behind the head before it is dropped. */
  maxLagEvents: number
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

  /** Sends one frame (or nothing, if it is filtered out), through sendBuffered. */
  protected abstract deliver(f: SequencedFrame): Promise<void>

  /** The subscriber fell behind (and onDropped has been told): say so to it and close. */
  protected abstract dropTooSlow(behind: number): void

  /** Following the live tail failed (a replay page the database could not give): end the connection. */
  protected abstract failed(err: unknown): void

  /** Starts sending after `sent`: the backlog, then the live tail. */
  protected async follow(): Promise<void> {
    this.tail.on('events', this.onEvents)
    await this.pump()
  }

  /** Hands `bytes` to `write`, first waiting while the connection holds too much; the backlog stays in the tail. */
  protected async sendBuffered(bytes: number, write: (flushed: () => void) => void): Promise<void> {
    while (this.inFlight > this.limits.maxBufferedBytes && !this.stopped) {
      this.stalled = true
      this.progressed()
      await new Promise<void>((resolve) => {
        this.drained = resolve
      })
    }
    this.stalled = false
    if (this.stopped) return
    this.inFlight += bytes
    write(() => {
      this.inFlight -= bytes
      if (this.inFlight <= this.limits.maxBufferedBytes) {
        const wake = this.drained
        this.drained = undefined
        wake?.()
      }
    })
  }

  private onNewEvents(): void {
    if (this.live && this.tail.head - this.sent > this.limits.maxLagEvents) {
      const behind = this.tail.head - this.sent
      this.stop()
      this.onDropped(behind)
      this.dropTooSlow(behind)
      return
    }
    // An event listener: nothing awaits this, and an unheard rejection would end the process.
    this.pump().catch((err: unknown) => {
      this.stop()
      this.failed(err)
    })
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
        while (!this.stopped && this.sent < this.tail.head) {
          const frames = this.tail.framesAfter(this.sent, PAGE) ?? (await this.tail.readAfter(this.sent, PAGE))
          if (frames.length === 0) break
          for (const f of frames) {
            if (this.stopped) return
            await this.deliver(f)
            this.sent = f.seq
            this.progressed()
          }
        }
        this.live = true
      } while (this.again && !this.stopped)
    } finally {
      this.pumping = false
    }
  }
}
