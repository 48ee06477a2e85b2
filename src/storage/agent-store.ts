// SQL of agents: single-use challenges in the management database, login
// keys in the tenant database.
import type { AgentChallengePurpose, AgentChallengeTable, AgentKeyTable } from './schema.js'
import type { ManagementDb, TenantDb } from './storage.js'

export type Challenge = AgentChallengeTable

export const challengeStore = {
  async insert(db: ManagementDb, row: Challenge): Promise<void> {
    // Expired challenges go as new ones come, so the table stays the size of one TTL's traffic.
    await db.deleteFrom('agent_challenge').where('expires_at', '<', row.created_at).execute()
    await db.insertInto('agent_challenge').values(row).execute()
  },

  get(db: ManagementDb, id: string, purpose: AgentChallengePurpose): Promise<Challenge | undefined> {
    return db
      .selectFrom('agent_challenge')
      .selectAll()
      .where('id', '=', id)
      .where('purpose', '=', purpose)
      .executeTakeFirst()
  },

  /** Takes a challenge for good: of concurrent takers exactly one gets the row. */
  take(db: ManagementDb, id: string, purpose: AgentChallengePurpose): Promise<Challenge | undefined> {
    return db
      .deleteFrom('agent_challenge')
      .where('id', '=', id)
      .where('purpose', '=', purpose)
      .returningAll()
      .executeTakeFirst()
  },
}

export const agentKeyStore = {
  get(db: TenantDb, did: string): Promise<AgentKeyTable | undefined> {
    return db.selectFrom('agent_key').selectAll().where('did', '=', did).executeTakeFirst()
  },

  async insert(db: TenantDb, did: string, publicKey: string): Promise<void> {
    const t = new Date().toISOString()
    await db
      .insertInto('agent_key')
      .values({ did, public_key: publicKey, trusted: false, created_at: t, updated_at: t })
      .execute()
  },

  /** Replaces the key if it is still `from`; false when another rotation got there first. */
  async replace(db: TenantDb, did: string, from: string, to: string): Promise<boolean> {
    const res = await db
      .updateTable('agent_key')
      .set({ public_key: to, updated_at: new Date().toISOString() })
      .where('did', '=', did)
      .where('public_key', '=', from)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) === 1
  },

  async setTrusted(db: TenantDb, did: string, trusted: boolean): Promise<boolean> {
    const res = await db
      .updateTable('agent_key')
      .set({ trusted, updated_at: new Date().toISOString() })
      .where('did', '=', did)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) === 1
  },
}
