// Account creations hold their handle and email with a `pending` home from
// the moment they reserve them until the tenant row exists. A process killed
// in between leaves the reservation behind; this finishes it (the tenant row
// made it: confirm) or clears it (it did not), on a retry of the create, in a
// periodic sweep and at start, without ever taking one from a create that is
// still running. Under way here is known exactly; in another process (Postgres,
// several replicas) only by age, so a reservation younger than the longest a
// create can take is left alone there, and a create that outlives it finds
// its reservation gone when it confirms, and undoes itself.
import { InvalidRequestError } from '@atproto/xrpc-server'
import { type BackgroundJob, Ticker } from '../lib/jobs.js'
import type { Logger } from '../lib/logger.js'
import {
  type DidHome,
  isUniqueViolation,
  type NewHome,
  type TenantRegistry,
} from '../storage/management/tenant-registry.js'
import type { Storage } from '../storage/storage.js'

export type PendingHomesDeps = {
  storage: Storage
  registry: TenantRegistry
  /** The longest an account creation can take: a reservation older than this has no create left behind it. */
  staleAfterMs: number
  logger: Logger
}

export type Settled = 'confirmed' | 'cleared' | 'busy'

/** How often reservations of account creations a crash cut short are looked for (start-up aside). */
const SWEEP_INTERVAL_MS = 60_000

export class PendingHomes implements BackgroundJob {
  readonly name = 'pending-homes'
  private readonly underway = new Set<string>()
  private readonly ticker = new Ticker(
    () => this.recover(),
    (err) => this.deps.logger.error({ err }, 'pending account sweep failed; the next one retries'),
  )

  constructor(private readonly deps: PendingHomesDeps) {}

  /** Runs a creation of `did`, known meanwhile to be under way in this process. */
  async during<T>(did: string, create: () => Promise<T>): Promise<T> {
    this.underway.add(did)
    try {
      return await create()
    } finally {
      this.underway.delete(did)
    }
  }

  /**
   * Takes the handle and email for `home.did`. A pending reservation in the
   * way that no create still needs (a crash left it) is finished or cleared
   * first, so a retry of an interrupted create does not wait for a sweep.
   */
  async reserve(home: NewHome): Promise<void> {
    const { registry } = this.deps
    for (let attempt = 1; ; attempt++) {
      try {
        return await registry.reserveHome(home)
      } catch (err) {
        if (!isUniqueViolation(err)) throw err
      }
      const holders = await registry.homesHolding(home.handle, home.email)
      const settled = await Promise.all(holders.map((h) => this.settle(h)))
      const left = holders.filter((_, i) => settled[i] !== 'cleared')
      if (left.length === 0 && attempt < 3) continue
      if (left.length > 0 && left.every((h) => h.handle !== home.handle)) {
        throw new InvalidRequestError('This email address is already in use')
      }
      throw new InvalidRequestError(`Handle already taken: ${home.handle}`, 'HandleNotAvailable')
    }
  }

  /** Whether `handle` is free, once a reservation a crash left on it is finished or cleared. */
  async handleAvailable(handle: string): Promise<boolean> {
    for (const holder of await this.deps.registry.homesHolding(handle, null)) {
      if ((await this.settle(holder)) !== 'cleared') return false
    }
    return true
  }

  /**
   * Reservations made before this are stale unless under way here. The
   * embedded database serves one process, so there every one not under way
   * here is: a retry right after a restart finds its handle free.
   */
  staleBefore(now = Date.now()): Date {
    return new Date(this.deps.storage.kind === 'embedded' ? now + 1 : now - this.deps.staleAfterMs)
  }

  /** Finishes or clears `home` if no create still needs it; 'busy' if one may. */
  async settle(home: DidHome, staleBefore = this.staleBefore()): Promise<Settled> {
    const { registry, logger } = this.deps
    if (!home.pending || this.underway.has(home.did)) return 'busy'
    if (await this.tenantHasAccount(home)) {
      await registry.confirmHome(home.did)
      logger.warn({ did: home.did, handle: home.handle, tenant: home.domain }, 'interrupted account creation finished')
      return 'confirmed'
    }
    if (home.created_at >= staleBefore.toISOString()) return 'busy'
    if (!(await registry.clearPendingHome(home))) return 'busy'
    logger.warn({ did: home.did, handle: home.handle, tenant: home.domain }, 'interrupted account creation cleared')
    return 'cleared'
  }

  /** Settles every pending reservation made before `olderThan`; how many were finished or cleared. */
  async recover(olderThan = this.staleBefore()): Promise<number> {
    let fixed = 0
    for (const home of await this.deps.registry.pendingHomes(olderThan)) {
      if ((await this.settle(home, olderThan)) !== 'busy') fixed++
    }
    return fixed
  }

  /** Sweeps every `intervalMs` until stop(). */
  start(intervalMs = SWEEP_INTERVAL_MS): void {
    this.ticker.start(intervalMs)
  }

  stop(): Promise<void> {
    return this.ticker.stop()
  }

  runOnce(): Promise<number> {
    return this.recover()
  }

  private async tenantHasAccount(home: DidHome): Promise<boolean> {
    const { registry, storage } = this.deps
    const domain = await registry.getDomain(home.domain)
    if (!domain || domain.status === 'removing' || !(await storage.tenantDbExists(domain.db_name))) return false
    return !!(await storage.read(domain.db_name, (t) => t.accounts.summary(home.did)))
  }
}
