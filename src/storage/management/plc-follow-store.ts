// SQL on the management `plc_follow` table: where this server is in a PLC
// directory's export, and which process reads it now. A process takes the
// lease when it is free or lapsed, renews it as it advances the cursor, and
// lets it go when it is done; a process that died holding it is replaced
// once the lease lapses.
import type { ManagementDb } from '../storage.js'

export class PlcFollowTransactor {
  constructor(readonly db: ManagementDb) {}

  /** The feed's cursor, without leasing it. */
  async cursor(name: string): Promise<string | null> {
    const row = await this.db.selectFrom('plc_follow').select('cursor').where('name', '=', name).executeTakeFirst()
    return row?.cursor ?? null
  }

  /**
   * Leases the feed to `owner` until `until` when no other process holds it
   * (or its lease lapsed at `now`): the cursor to go on from, or undefined
   * when another process reads it now.
   */
  async lease(name: string, owner: string, now: Date, until: Date): Promise<{ cursor: string | null } | undefined> {
    const t = now.toISOString()
    await this.db
      .insertInto('plc_follow')
      .values({ name, cursor: null, lease_owner: null, leased_until: null, updated_at: t })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute()
    return this.db
      .updateTable('plc_follow')
      .set({ lease_owner: owner, leased_until: until.toISOString(), updated_at: t })
      .where('name', '=', name)
      .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_owner', '=', owner), eb('leased_until', '<', t)]))
      .returning('cursor')
      .executeTakeFirst()
  }

  /** Moves the cursor on and renews the lease; false when `owner` no longer holds it (it lapsed, another took it). */
  async advance(name: string, owner: string, cursor: string, until: Date): Promise<boolean> {
    const res = await this.db
      .updateTable('plc_follow')
      .set({ cursor, leased_until: until.toISOString(), updated_at: new Date().toISOString() })
      .where('name', '=', name)
      .where('lease_owner', '=', owner)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) > 0
  }

  /** Gives the lease up, if `owner` holds it. */
  async release(name: string, owner: string): Promise<void> {
    await this.db
      .updateTable('plc_follow')
      .set({ lease_owner: null, leased_until: null, updated_at: new Date().toISOString() })
      .where('name', '=', name)
      .where('lease_owner', '=', owner)
      .execute()
  }
}
