// One process-wide cap on the bytes that stream replays hold: frames read
// from the database (or replayed from the ring as JSON), and what they
// become, until they have left the process.
// Without it each of many stalled subscribers pins a page and a socket buffer
// of its own. Waiters are served in order, so a large page is not starved.

type Waiter = { bytes: number; grant: () => void }

export class ByteBudget {
  private used = 0
  private readonly waiters: Waiter[] = []

  constructor(readonly capacity: number) {}

  /** Bytes held now (may pass the capacity by what admitted frames turned into: see draw). */
  get held(): number {
    return this.used
  }

  /** Requests waiting for room. */
  get waiting(): number {
    return this.waiters.length
  }

  /**
   * Resolves with a lease on `bytes` once they fit; a request larger than the
   * whole budget waits until nothing else is held. Rejects if `signal` aborts first.
   */
  acquire(bytes: number, signal: AbortSignal): Promise<Lease> {
    if (signal.aborted) return Promise.reject(signal.reason)
    if (this.waiters.length === 0 && this.fits(bytes)) return Promise.resolve(this.grantNow(bytes))
    return new Promise<Lease>((resolve, reject) => {
      const waiter: Waiter = {
        bytes,
        grant: () => {
          signal.removeEventListener('abort', onAbort)
          resolve(this.grantNow(bytes))
        },
      }
      const onAbort = () => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1)
        reject(signal.reason)
        this.wake()
      }
      signal.addEventListener('abort', onAbort, { once: true })
      this.waiters.push(waiter)
    })
  }

  /** A lease on `bytes` when they fit now and no one is waiting; else undefined (for work that can do without). */
  tryAcquire(bytes: number): Lease | undefined {
    return this.waiters.length === 0 && this.used + bytes <= this.capacity ? this.grantNow(bytes) : undefined
  }

  /**
   * A lease on `bytes` taken now, whether or not they fit: for what frames
   * already admitted turn into (a frame's JSON events), as waiting while
   * holding the frame could deadlock with other holders.
   */
  draw(bytes: number): Lease {
    return this.grantNow(bytes)
  }

  /** @internal Lease's side. */
  giveBack(bytes: number): void {
    this.used -= bytes
    this.wake()
  }

  private fits(bytes: number): boolean {
    return this.used + bytes <= this.capacity || this.used === 0
  }

  private grantNow(bytes: number): Lease {
    this.used += bytes
    return new Lease(this, bytes)
  }

  private wake(): void {
    while (this.waiters.length > 0 && this.fits((this.waiters[0] as Waiter).bytes)) {
      ;(this.waiters.shift() as Waiter).grant()
    }
  }
}

/** Bytes held in a ByteBudget, handed on in parts (a page's frames, a frame's JSON events) and given back once. */
export class Lease {
  constructor(
    readonly budget: ByteBudget,
    private bytes: number,
  ) {}

  /** A lease on `bytes` of this one (at most what it still holds), for a part handed on. */
  take(bytes: number): Lease {
    const part = Math.min(bytes, this.bytes)
    this.bytes -= part
    return new Lease(this.budget, part)
  }

  /** Gives back what this lease still holds (again: nothing). */
  release(): void {
    const bytes = this.bytes
    this.bytes = 0
    if (bytes > 0) this.budget.giveBack(bytes)
  }
}
