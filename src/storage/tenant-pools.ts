// Connection pools for tenant databases, opened lazily and closed when idle,
// under one cap on the connections they may hold together. Each open pool
// reserves `poolSize` connections of the budget; to open another when the
// budget is spent, the least recently used pool that nobody is using is
// closed, and its reservation is freed only once its connections are gone.
// So open tenant connections never exceed the budget, whatever the number of tenants.
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Logger } from '../lib/logger.js'
import type { TenantSchema } from './schema.js'

type Entry = {
  name: string
  pool: pg.Pool
  db: Kysely<TenantSchema>
  leases: number
  lastUsed: number
}

export type TenantPoolOptions = {
  /** Connection string of any database on the server; the database name is replaced per tenant. */
  url: string
  /** Connections all tenant pools may hold together. */
  budget: number
  poolSize: number
  idleTimeoutMs: number
  logger: Logger
  /** Told of each lease that had to wait for the budget, and how long it waited. */
  onWait?: (seconds: number) => void
}

/**
 * For every client a pg.Pool opens: pg-pool hears a client's 'error' only
 * while it is idle, and a connection lost under a query emits one with nobody
 * listening, which ends the process. The query itself fails with that error
 * (and is answered as such), so there is nothing more to do with it here.
 */
export function hearLostConnections(client: pg.PoolClient): void {
  client.on('error', () => {})
}

export class TenantPools {
  private readonly live = new Map<string, Entry>()
  /** Reservations still held by pools that are closing. */
  private draining = 0
  private waiters: (() => void)[] = []
  private readonly sweeper: NodeJS.Timeout
  private closed = false

  constructor(private readonly opts: TenantPoolOptions) {
    this.sweeper = setInterval(() => this.closeIdle(), Math.max(50, Math.floor(opts.idleTimeoutMs / 2)))
    this.sweeper.unref()
  }

  /** Connections reserved right now (open pools plus closing ones). */
  get reserved(): number {
    return this.live.size * this.opts.poolSize + this.draining
  }

  get openPools(): number {
    return this.live.size
  }

  /** Queries waiting for a connection of an open pool (each pool holds at most poolSize). */
  get waitingCount(): number {
    let n = 0
    for (const e of this.live.values()) n += e.pool.waitingCount
    return n
  }

  async with<T>(name: string, fn: (db: Kysely<TenantSchema>) => Promise<T>): Promise<T> {
    const entry = await this.lease(name)
    try {
      return await fn(entry.db)
    } finally {
      entry.leases--
      entry.lastUsed = Date.now()
      if (entry.leases === 0) this.wake()
    }
  }

  /** Closes the tenant's pool now (before its database is dropped); waits for users to finish. */
  async evict(name: string): Promise<void> {
    while (this.live.get(name)?.leases) await this.changed()
    const entry = this.live.get(name)
    if (entry) await this.close(entry)
  }

  async destroy(): Promise<void> {
    this.closed = true
    clearInterval(this.sweeper)
    this.wake()
    await Promise.all([...this.live.values()].map((e) => this.close(e)))
  }

  private async lease(name: string): Promise<Entry> {
    let waitingSince: number | undefined
    for (;;) {
      if (this.closed) throw new Error('tenant pools are closed')
      let entry = this.live.get(name)
      if (!entry && this.reserved + this.opts.poolSize <= this.opts.budget) entry = this.open(name)
      if (entry) {
        entry.leases++
        if (waitingSince !== undefined) this.opts.onWait?.((performance.now() - waitingSince) / 1000)
        return entry
      }
      const victim = this.leastRecentlyUsedIdle()
      if (victim) {
        void this.close(victim)
        continue
      }
      waitingSince ??= performance.now()
      await this.changed()
    }
  }

  private open(name: string): Entry {
    const url = new URL(this.opts.url)
    url.pathname = `/${name}`
    const pool = new pg.Pool({
      connectionString: url.toString(),
      max: this.opts.poolSize,
      idleTimeoutMillis: this.opts.idleTimeoutMs,
    })
    pool.on('error', (err) => this.opts.logger.warn({ err, dbName: name }, 'idle tenant connection failed'))
    pool.on('connect', hearLostConnections)
    const entry: Entry = {
      name,
      pool,
      db: new Kysely<TenantSchema>({ dialect: new PostgresDialect({ pool }) }),
      leases: 0,
      lastUsed: Date.now(),
    }
    this.live.set(name, entry)
    return entry
  }

  private async close(entry: Entry): Promise<void> {
    if (this.live.get(entry.name) !== entry) return
    this.live.delete(entry.name)
    this.draining += this.opts.poolSize
    try {
      await entry.db.destroy()
    } catch (err) {
      this.opts.logger.warn({ err, dbName: entry.name }, 'closing tenant pool failed')
    } finally {
      this.draining -= this.opts.poolSize
      this.wake()
    }
  }

  private leastRecentlyUsedIdle(): Entry | undefined {
    let best: Entry | undefined
    for (const e of this.live.values()) {
      if (e.leases === 0 && (!best || e.lastUsed < best.lastUsed)) best = e
    }
    return best
  }

  private closeIdle(): void {
    const cutoff = Date.now() - this.opts.idleTimeoutMs
    for (const e of this.live.values()) {
      if (e.leases === 0 && e.lastUsed < cutoff) void this.close(e)
    }
  }

  private changed(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve))
  }

  private wake(): void {
    const waiters = this.waiters
    this.waiters = []
    for (const w of waiters) w()
  }
}
