// SQL on the management `rate_limit` table: fixed-window counters every
// process on the database spends together, one statement a take. What a
// budget is and when it is spent is ratelimit/'s business.
import { sql } from 'kysely'
import type { ManagementDb } from '../storage.js'

/** A window's use: `points + 1` means spent, and a request refused. */
export type WindowUse = { used: number; resetAt: number }

export class RateLimitTransactor {
  constructor(readonly db: ManagementDb) {}

  /** Takes one unit of `key`'s window (restarting it once it ended), counting at most `points + 1`. */
  async take(key: string, points: number, windowSeconds: number, now: number): Promise<WindowUse> {
    const nextReset = now + windowSeconds * 1000
    const ended = sql<boolean>`rate_limit.reset_at <= ${now}`
    const row = await this.db
      .insertInto('rate_limit')
      .values({ key, used: 1, reset_at: String(nextReset) })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          used: sql`CASE WHEN ${ended} THEN 1 ELSE LEAST(rate_limit.used + 1, ${points + 1}) END`,
          reset_at: sql`CASE WHEN ${ended} THEN ${nextReset}::bigint ELSE rate_limit.reset_at END`,
        }),
      )
      .returning(['used', 'reset_at'])
      .executeTakeFirstOrThrow()
    return { used: row.used, resetAt: Number(row.reset_at) }
  }

  /**
   * Gives one unit back to the window ending at `resetAt` (none if another
   * started since): a refused request took nothing, so a spent window counts
   * `points` taken. One statement, so concurrent takes and refunds each see the other's.
   */
  async refund(key: string, points: number, resetAt: number): Promise<WindowUse | undefined> {
    const row = await this.db
      .updateTable('rate_limit')
      .set({ used: sql`GREATEST(LEAST(rate_limit.used, ${points}) - 1, 0)` })
      .where('key', '=', key)
      .where('reset_at', '=', String(resetAt))
      .returning(['used', 'reset_at'])
      .executeTakeFirst()
    return row && { used: row.used, resetAt: Number(row.reset_at) }
  }

  /** Drops windows ended by `now`: they are only read to be restarted, so nothing is lost. */
  async sweepEnded(now: number): Promise<void> {
    await this.db.deleteFrom('rate_limit').where('reset_at', '<=', String(now)).execute()
  }
}
