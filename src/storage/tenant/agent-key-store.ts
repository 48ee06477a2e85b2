// SQL on a tenant's `agent_key` table: the login key of an account that is
// an agent, and whether its domain trusts it.
import type { AgentKeyTable } from '../schema.js'
import type { TenantDb } from '../storage.js'

export type AgentKeyRow = AgentKeyTable

export class AgentKeyReader {
  constructor(readonly db: TenantDb) {}

  get(did: string): Promise<AgentKeyRow | undefined> {
    return this.db.selectFrom('agent_key').selectAll().where('did', '=', did).executeTakeFirst()
  }

  /** The account's role, and whether it is an agent (`agent` its DID) and trusted. */
  roleAndTrust(did: string) {
    return this.db
      .selectFrom('account')
      .leftJoin('agent_key', 'agent_key.did', 'account.did')
      .select(['account.role', 'agent_key.trusted', 'agent_key.did as agent'])
      .where('account.did', '=', did)
      .executeTakeFirst()
  }
}

export class AgentKeyTransactor extends AgentKeyReader {
  async insert(did: string, publicKey: string): Promise<void> {
    const t = new Date().toISOString()
    await this.db
      .insertInto('agent_key')
      .values({ did, public_key: publicKey, trusted: false, created_at: t, updated_at: t })
      .execute()
  }

  /** Replaces the key if it is still `from`; false when another rotation got there first. */
  async replace(did: string, from: string, to: string): Promise<boolean> {
    const res = await this.db
      .updateTable('agent_key')
      .set({ public_key: to, updated_at: new Date().toISOString() })
      .where('did', '=', did)
      .where('public_key', '=', from)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) === 1
  }

  async setTrusted(did: string, trusted: boolean): Promise<boolean> {
    const res = await this.db
      .updateTable('agent_key')
      .set({ trusted, updated_at: new Date().toISOString() })
      .where('did', '=', did)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) === 1
  }
}
