// SQL on the management `account_move` table: the journal of accounts moving
// between two of our tenant domains (AccountMoves in src/account). One row per
// account under way, keyed by its DID, so a second move of it is refused.
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
}
