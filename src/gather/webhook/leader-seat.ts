// One process at a time does a webhook job's work: the seat is an advisory
// lock (storage/coordination.ts), held while the process lives and taken by
// another when its holder dies. A process that does not hold it tries again
// on a timer of its own (a connection per try, so not on every tick).
import type { Logger } from '../../lib/logger.js'
import type { Coordination, Leadership } from '../../storage/coordination.js'

export class LeaderSeat {
  private leadership?: Leadership
  private trying?: Promise<boolean>

  constructor(
    private readonly coordination: Coordination,
    /** The advisory lock key, one per role. */
    private readonly key: number,
    private readonly role: string,
    private readonly logger: Logger,
  ) {}

  get held(): boolean {
    return this.leadership !== undefined
  }

  /** Takes the seat if it is free; whether this process holds it now. */
  take(): Promise<boolean> {
    if (this.leadership) return Promise.resolve(true)
    this.trying ??= this.tryTake().finally(() => {
      this.trying = undefined
    })
    return this.trying
  }

  async release(): Promise<void> {
    await this.trying?.catch(() => {})
    const leadership = this.leadership
    this.leadership = undefined
    await leadership?.release().catch(() => {})
  }

  private async tryTake(): Promise<boolean> {
    try {
      const leadership = await this.coordination.tryLead(this.key)
      if (!leadership) return false
      this.leadership = leadership
      this.logger.info({ role: this.role }, 'this process now runs the webhook role')
      void leadership.lost.then(() => {
        if (this.leadership !== leadership) return
        this.leadership = undefined
        this.logger.warn({ role: this.role }, 'webhook role lost')
      })
      return true
    } catch (err) {
      this.logger.warn({ err, role: this.role }, 'taking the webhook role failed')
      return false
    }
  }
}
