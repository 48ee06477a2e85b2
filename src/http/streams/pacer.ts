// The pace of one subscriber of a paced PDS host: a token bucket of one
// second's worth of events (the burst), refilled at the host's events per
// second. Writers never see it: the subscriber just sends later, and falls
// behind while its host writes faster than its pace.

export class Pacer {
  /** How many events may go out at once after a quiet spell. */
  readonly burst: number
  private tokens: number
  private at: number

  constructor(
    readonly eventsPerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.burst = Math.max(1, Math.floor(eventsPerSecond))
    this.tokens = this.burst
    this.at = now()
  }

  /** Events that may go out now (whole ones). */
  get available(): number {
    this.refill()
    return Math.floor(this.tokens)
  }

  /** Takes one event's token; false (and nothing taken) when there is none yet. */
  take(): boolean {
    this.refill()
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }

  /** How long until `n` events (at most the burst) may go out. */
  msUntil(n = 1): number {
    this.refill()
    const missing = Math.min(n, this.burst) - this.tokens
    return missing <= 0 ? 0 : Math.ceil((missing * 1000) / this.eventsPerSecond)
  }

  private refill(): void {
    const now = this.now()
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) * this.eventsPerSecond) / 1000)
    this.at = now
  }
}
