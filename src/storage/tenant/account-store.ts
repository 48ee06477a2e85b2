// SQL on a tenant's `account` and `refresh_token` tables, bound to the tenant
// handle (or transaction) it runs on, so callers choose the tenant and this
// module never reaches across tenants. Readers read; transactors also write.

import type { AccountRole, AccountState, AccountStatus, AccountTable } from '../schema.js'
import type { TenantDb } from '../storage.js'

export type AccountRow = AccountTable
export type AccountSummary = Omit<AccountRow, 'password_hash' | 'signing_key' | 'plc_op'>

const SUMMARY_COLUMNS = [
  'did',
  'handle',
  'email',
  'role',
  'status',
  'plc_published_at',
  'takedown_ref',
  'deactivated_at',
  'delete_after',
  'created_at',
  'updated_at',
] as const

/**
 * The account's state as the protocol reports it: moderation first (a
 * taken-down or suspended account stays so whether or not it is also
 * deactivated, as the official PDS ranks takedown above deactivation), then
 * its owner's deactivation.
 */
export function accountState(row: { status: AccountStatus; deactivated_at: string | null }): AccountState {
  return row.status === 'active' && row.deactivated_at !== null ? 'deactivated' : row.status
}

export class AccountReader {
  constructor(readonly db: TenantDb) {}

  get(did: string): Promise<AccountRow | undefined> {
    return this.db.selectFrom('account').selectAll().where('did', '=', did).executeTakeFirst()
  }

  summary(did: string): Promise<AccountSummary | undefined> {
    return this.db.selectFrom('account').select(SUMMARY_COLUMNS).where('did', '=', did).executeTakeFirst()
  }

  /** Every account's DID, in order. */
  async dids(): Promise<string[]> {
    return (await this.db.selectFrom('account').select('did').orderBy('did').execute()).map((r) => r.did)
  }

  /** A page ordered by handle; `after` is the last handle of the previous page. */
  list(limit: number, after?: string): Promise<AccountSummary[]> {
    let q = this.db.selectFrom('account').select(SUMMARY_COLUMNS).orderBy('handle').limit(limit)
    if (after) q = q.where('handle', '>', after)
    return q.execute()
  }
}

export class AccountTransactor extends AccountReader {
  async insert(row: AccountRow): Promise<void> {
    await this.db
      .insertInto('account')
      .values({ ...row, plc_op: JSON.stringify(row.plc_op) })
      .execute()
  }

  /** Sets the status, and which moderation action took the account down (null: none says). */
  async setStatus(did: string, status: AccountStatus, takedownRef: string | null = null): Promise<void> {
    await this.db
      .updateTable('account')
      .set({ status, takedown_ref: takedownRef, updated_at: new Date().toISOString() })
      .where('did', '=', did)
      .execute()
  }

  /** Deactivates the account (now), keeping when its owner said it may be deleted; false when there is no such account. */
  async deactivate(did: string, deleteAfter: string | null): Promise<boolean> {
    const now = new Date().toISOString()
    const res = await this.db
      .updateTable('account')
      .set({ deactivated_at: now, delete_after: deleteAfter, updated_at: now })
      .where('did', '=', did)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) > 0
  }

  /** Ends the account's deactivation; false when there is no such account. */
  async activate(did: string): Promise<boolean> {
    const res = await this.db
      .updateTable('account')
      .set({ deactivated_at: null, delete_after: null, updated_at: new Date().toISOString() })
      .where('did', '=', did)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) > 0
  }

  async setEmail(did: string, email: string): Promise<void> {
    await this.db
      .updateTable('account')
      .set({ email, updated_at: new Date().toISOString() })
      .where('did', '=', did)
      .execute()
  }

  async setPasswordHash(did: string, hash: string): Promise<void> {
    await this.db
      .updateTable('account')
      .set({ password_hash: hash, updated_at: new Date().toISOString() })
      .where('did', '=', did)
      .execute()
  }

  async setHandle(did: string, handle: string): Promise<void> {
    await this.db
      .updateTable('account')
      .set({ handle, updated_at: new Date().toISOString() })
      .where('did', '=', did)
      .execute()
  }

  /** Replaces the password hash, unless it changed since `old` was read. */
  async replacePasswordHash(did: string, old: string, hash: string): Promise<void> {
    await this.db
      .updateTable('account')
      .set({ password_hash: hash })
      .where('did', '=', did)
      .where('password_hash', '=', old)
      .execute()
  }

  async setRole(did: string, role: AccountRole): Promise<void> {
    await this.db
      .updateTable('account')
      .set({ role, updated_at: new Date().toISOString() })
      .where('did', '=', did)
      .execute()
  }

  /**
   * Deletes the account, its sessions, its preferences, its repo and its
   * blobs; run inside a transaction. Outbox rows stay: the sequencer still
   * owes relays those events.
   */
  async delete(did: string): Promise<void> {
    if (!this.db.isTransaction) throw new Error('account delete outside a transaction')
    // The root row first: it is the repo's write lock, so no commit can land in between.
    await this.db.deleteFrom('repo_root').where('did', '=', did).execute()
    for (const table of ['repo_block', 'record', 'record_blob', 'blob', 'refresh_token', 'account_pref'] as const) {
      await this.db.deleteFrom(table).where('did', '=', did).execute()
    }
    await this.db.deleteFrom('account').where('did', '=', did).execute()
  }
}

export class SessionReader {
  constructor(readonly db: TenantDb) {}

  /** Account status and whether the session is still alive, in one query. */
  async accessState(
    did: string,
    sessionId: string,
  ): Promise<{ status: AccountStatus; role: AccountRole; handle: string; live: boolean } | undefined> {
    const row = await this.db
      .selectFrom('account')
      .select(['status', 'role', 'handle'])
      .select((eb) =>
        eb
          .exists(
            eb
              .selectFrom('refresh_token')
              .select('id')
              .where('session_id', '=', sessionId)
              .where('refresh_token.did', '=', did)
              .where('expires_at', '>', new Date().toISOString()),
          )
          .as('live'),
      )
      .where('account.did', '=', did)
      .executeTakeFirst()
    return row ? { ...row, live: !!row.live } : undefined
  }
}

export class SessionTransactor extends SessionReader {
  async insertRefresh(row: {
    id: string
    sessionId: string
    did: string
    expiresAt: Date
    /** When the pair was issued: with the id, what signs it again. */
    issuedAt: Date
  }): Promise<void> {
    await this.db
      .insertInto('refresh_token')
      .values({
        id: row.id,
        session_id: row.sessionId,
        did: row.did,
        expires_at: row.expiresAt.toISOString(),
        created_at: row.issuedAt.toISOString(),
      })
      .execute()
  }

  /**
   * Uses a refresh token: from now it lives at most until `graceEnd`, and it
   * names its successor, `candidate` on its first use. Answers the successor
   * it names (`candidate`, or the one its first use chose), or undefined when
   * the token is unknown, revoked or past its grace. One UPDATE: two uses at
   * once queue on the row, and the second reads the successor of the first.
   */
  async useRefresh(id: string, did: string, candidate: string, graceEnd: Date): Promise<string | undefined> {
    const row = await this.db
      .updateTable('refresh_token')
      .set((eb) => ({
        next_id: eb.fn.coalesce('next_id', eb.val(candidate)),
        // ISO-8601 strings of one length compare as the times they name.
        expires_at: eb.fn<string>('least', ['expires_at', eb.val(graceEnd.toISOString())]),
      }))
      .where('id', '=', id)
      .where('did', '=', did)
      .where('expires_at', '>', new Date().toISOString())
      .returning('next_id')
      .executeTakeFirst()
    return row?.next_id ?? undefined
  }

  /** A live refresh token's session and issue time, to sign its pair again. */
  async liveRefresh(id: string, did: string): Promise<{ sessionId: string; issuedAt: Date } | undefined> {
    const row = await this.db
      .selectFrom('refresh_token')
      .select(['session_id', 'created_at'])
      .where('id', '=', id)
      .where('did', '=', did)
      .where('expires_at', '>', new Date().toISOString())
      .executeTakeFirst()
    return row && { sessionId: row.session_id, issuedAt: new Date(row.created_at) }
  }

  /** Drops the account's refresh tokens past their expiry or grace. */
  async deleteExpired(did: string): Promise<void> {
    await this.db
      .deleteFrom('refresh_token')
      .where('did', '=', did)
      .where('expires_at', '<=', new Date().toISOString())
      .execute()
  }

  async deleteSession(sessionId: string, did: string): Promise<void> {
    // A refresh in flight holds its token's row and adds the successor when it commits: wait for
    // it, then delete in a statement that sees the successor. Inside a transaction the rows stay
    // locked until the delete commits, so no refresh can start in between.
    await this.db
      .selectFrom('refresh_token')
      .select('id')
      .where('session_id', '=', sessionId)
      .where('did', '=', did)
      .forUpdate()
      .execute()
    await this.db.deleteFrom('refresh_token').where('session_id', '=', sessionId).where('did', '=', did).execute()
  }

  /** Ends every session of the account (its access tokens die with them). */
  async deleteAll(did: string): Promise<void> {
    await this.db.deleteFrom('refresh_token').where('did', '=', did).execute()
  }
}
