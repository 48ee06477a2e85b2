// SQL on the management `account_move` table: the journal of accounts moving
// between two of our tenant domains (AccountMoves in src/account). One row per
// account under way, keyed by its DID, so a second move of it is refused.
import { sql } from 'kysely'
import type { AccountMovePhase, AccountMoveTable } from '../schema.js'
import type { ManagementDb } from '../storage.js'

export type AccountMove = AccountMoveTable

const now = () => new Date().toISOString()

export class AccountMoveStore {
  constructor(private readonly db: ManagementDb) {}

  /** Opens the journal of a move; throws a unique violation when the account has one under way. */
  async begin(move: Omit<AccountMove, 'phase' | 'created_at' | 'updated_at'>): Promise<AccountMove> {
    const t = now()
    const row: AccountMove = { ...move, phase: 'copying', created_at: t, updated_at: t }
    await this.db.insertInto('account_move').values(row).execute()
    return row
  }

  get(did: string): Promise<AccountMove | undefined> {
    return this.db.selectFrom('account_move').selectAll().where('did', '=', did).executeTakeFirst()
  }

  /** The row, locked for the rest of the transaction (the switch reads its phase under this lock). */
  lock(did: string): Promise<AccountMove | undefined> {
    if (!this.db.isTransaction) throw new Error('account move lock outside a transaction')
    return this.db.selectFrom('account_move').selectAll().where('did', '=', did).forUpdate().executeTakeFirst()
  }

  async setPhase(did: string, phase: AccountMovePhase): Promise<void> {
    await this.db.updateTable('account_move').set({ phase, updated_at: now() }).where('did', '=', did).execute()
  }

  async end(did: string): Promise<void> {
    await this.db.deleteFrom('account_move').where('did', '=', did).execute()
  }

  /** Every move in the journal, oldest first (what recovery looks at). */
  list(): Promise<AccountMove[]> {
    return this.db.selectFrom('account_move').selectAll().orderBy('created_at').execute()
  }

  /**
   * Notes the consent of `domain`'s owner to move `did` to `newHandle`, until
   * `expiresAt`, and says whether every one of `domains` has consented to that
   * move and not expired. The consents stay until the move has run
   * (clearConsents), so a move that fails is asked for again by one owner
   * only. Runs in one transaction.
   */
  async consent(
    row: { did: string; newHandle: string; domain: string; ownerDid: string; expiresAt: string },
    domains: string[],
  ): Promise<boolean> {
    if (!this.db.isTransaction) throw new Error('move consent outside a transaction')
    const t = now()
    // One consent of an account at a time: two owners consenting at once would each miss the other's row.
    await sql`select pg_advisory_xact_lock(hashtext(${`move_consent:${row.did}`}))`.execute(this.db)
    await this.db
      .insertInto('move_consent')
      .values({
        did: row.did,
        new_handle: row.newHandle,
        domain: row.domain,
        owner_did: row.ownerDid,
        expires_at: row.expiresAt,
        created_at: t,
      })
      .onConflict((oc) =>
        oc.columns(['did', 'new_handle', 'domain']).doUpdateSet({ owner_did: row.ownerDid, expires_at: row.expiresAt }),
      )
      .execute()
    // The rows are locked so two owners consenting at once settle who found both.
    const live = await this.db
      .selectFrom('move_consent')
      .select('domain')
      .where('did', '=', row.did)
      .where('new_handle', '=', row.newHandle)
      .where('domain', 'in', domains)
      .where('expires_at', '>', t)
      .forUpdate()
      .execute()
    return domains.every((d) => live.some((c) => c.domain === d))
  }

  /** Drops every consent to move `did` (it has moved). */
  async clearConsents(did: string): Promise<void> {
    await this.db.deleteFrom('move_consent').where('did', '=', did).execute()
  }

  /** Drops consents that expired before `before`. */
  async dropExpiredConsents(before: Date): Promise<void> {
    await this.db.deleteFrom('move_consent').where('expires_at', '<', before.toISOString()).execute()
  }
}
