// SQL on the management `agent_challenge` table: single-use challenges an
// agent signs to register or log in, kept for one TTL.
import type { AgentChallengePurpose, AgentChallengeTable } from '../schema.js'
import type { ManagementDb } from '../storage.js'

export type Challenge = AgentChallengeTable

export class ChallengeReader {
  constructor(readonly db: ManagementDb) {}

  get(id: string, purpose: AgentChallengePurpose): Promise<Challenge | undefined> {
    return this.db
      .selectFrom('agent_challenge')
      .selectAll()
      .where('id', '=', id)
      .where('purpose', '=', purpose)
      .executeTakeFirst()
  }
}

export class ChallengeTransactor extends ChallengeReader {
  async insert(row: Challenge): Promise<void> {
    // Expired challenges go as new ones come, so the table stays the size of one TTL's traffic.
    await this.db.deleteFrom('agent_challenge').where('expires_at', '<', row.created_at).execute()
    await this.db.insertInto('agent_challenge').values(row).execute()
  }

  /** Takes a challenge for good: of concurrent takers exactly one gets the row. */
  take(id: string, purpose: AgentChallengePurpose): Promise<Challenge | undefined> {
    return this.db
      .deleteFrom('agent_challenge')
      .where('id', '=', id)
      .where('purpose', '=', purpose)
      .returningAll()
      .executeTakeFirst()
  }
}
