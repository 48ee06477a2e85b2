// SQL on a tenant's `account` and `refresh_token` tables. Every function takes
// the tenant handle it runs on, so callers choose the tenant (and the
// transaction) and this module never reaches across tenants.

import { accountEvent } from '../../sync/events.js'
import { outbox } from '../../sync/outbox.js'
import type { AccountRole, AccountStatus, AccountTable } from '../schema.js'
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
  'created_at',
  'updated_at',
] as const

export const accountStore = {
  async insert(db: TenantDb, row: AccountRow): Promise<void> {
    await db
      .insertInto('account')
      .values({ ...row, plc_op: JSON.stringify(row.plc_op) })
      .execute()
  },

  get(db: TenantDb, did: string): Promise<AccountRow | undefined> {
    return db.selectFrom('account').selectAll().where('did', '=', did).executeTakeFirst()
  },

  summary(db: TenantDb, did: string): Promise<AccountSummary | undefined> {
    return db.selectFrom('account').select(SUMMARY_COLUMNS).where('did', '=', did).executeTakeFirst()
  },

  /** A page ordered by handle; `after` is the last handle of the previous page. */
  list(db: TenantDb, limit: number, after?: string): Promise<AccountSummary[]> {
    let q = db.selectFrom('account').select(SUMMARY_COLUMNS).orderBy('handle').limit(limit)
    if (after) q = q.where('handle', '>', after)
    return q.execute()
  },

  async setStatus(db: TenantDb, did: string, status: AccountStatus): Promise<void> {
    await db
      .updateTable('account')
      .set({ status, updated_at: new Date().toISOString() })
      .where('did', '=', did)
      .execute()
  },

  async setHandle(db: TenantDb, did: string, handle: string): Promise<void> {
    await db
      .updateTable('account')
      .set({ handle, updated_at: new Date().toISOString() })
      .where('did', '=', did)
      .execute()
  },

  /** Replaces the password hash, unless it changed since `old` was read. */
  async replacePasswordHash(db: TenantDb, did: string, old: string, hash: string): Promise<void> {
    await db
      .updateTable('account')
      .set({ password_hash: hash })
      .where('did', '=', did)
      .where('password_hash', '=', old)
      .execute()
  },

  async setRole(db: TenantDb, did: string, role: AccountRole): Promise<void> {
    await db.updateTable('account').set({ role, updated_at: new Date().toISOString() }).where('did', '=', did).execute()
  },

  /**
   * Deletes the account, its sessions, its repo and its blobs in one
   * transaction. Outbox rows stay: the sequencer still owes relays those events.
   */
  async delete(db: TenantDb, did: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      // The root row first: it is the repo's write lock, so no commit can land in between.
      await trx.deleteFrom('repo_root').where('did', '=', did).execute()
      for (const table of ['repo_block', 'record', 'record_blob', 'blob', 'refresh_token'] as const) {
        await trx.deleteFrom(table).where('did', '=', did).execute()
      }
      await trx.deleteFrom('account').where('did', '=', did).execute()
      await outbox.append(trx, did, 'account', accountEvent(did, 'removed'))
    })
  },
}

export const sessionStore = {
  async insertRefresh(
    db: TenantDb,
    row: { id: string; sessionId: string; did: string; expiresAt: Date },
  ): Promise<void> {
    await db
      .insertInto('refresh_token')
      .values({
        id: row.id,
        session_id: row.sessionId,
        did: row.did,
        expires_at: row.expiresAt.toISOString(),
        created_at: new Date().toISOString(),
      })
      .execute()
  },

  /**
   * Consumes a refresh token: deletes it and reports whether it was there.
   * DELETE…RETURNING makes two concurrent uses of one token yield one winner.
   */
  async consumeRefresh(db: TenantDb, id: string, did: string): Promise<boolean> {
    const row = await db
      .deleteFrom('refresh_token')
      .where('id', '=', id)
      .where('did', '=', did)
      .where('expires_at', '>', new Date().toISOString())
      .returning('id')
      .executeTakeFirst()
    return !!row
  },

  async deleteSession(db: TenantDb, sessionId: string, did: string): Promise<void> {
    await db.deleteFrom('refresh_token').where('session_id', '=', sessionId).where('did', '=', did).execute()
  },

  /** Ends every session of the account (its access tokens die with them). */
  async deleteAll(db: TenantDb, did: string): Promise<void> {
    await db.deleteFrom('refresh_token').where('did', '=', did).execute()
  },

  /** Account status and whether the session is still alive, in one query. */
  async accessState(
    db: TenantDb,
    did: string,
    sessionId: string,
  ): Promise<{ status: AccountStatus; role: AccountRole; handle: string; live: boolean } | undefined> {
    const row = await db
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
  },
}
