// SQL on a tenant's `account` and `refresh_token` tables, bound to the tenant
// handle (or transaction) it runs on, so callers choose the tenant and this
// module never reaches across tenants. Readers read; transactors also write.

import { sql } from 'kysely'
import { accountMovingError } from '../../lib/unavailable.js'
import type { AccountRole, AccountState, AccountStatus, AccountTable } from '../schema.js'
import type { TenantDb } from '../storage.js'
import type { AppPasswordGrant } from './app-password-store.js'

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
  'email_confirmed_at',
  'email_auth_factor',
  'deactivated_at',
  'delete_after',
  'moved_at',
  'moving_since',
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

  /** The domain's owner (an account of role owner), if it has one. */
  owner(): Promise<AccountSummary | undefined> {
    return this.db.selectFrom('account').select(SUMMARY_COLUMNS).where('role', '=', 'owner').executeTakeFirst()
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
  /**
   * Holds the account row (shared, or for update when the transaction will
   * change it) for the rest of the transaction and says
   * whether it is being moved: a write that must not land under a move's copy
   * takes this first, and the move's mark waits for it (and is then seen).
   */
  async holdForWrite(did: string, opts: { changesAccount?: boolean } = {}): Promise<{ moving: boolean } | undefined> {
    if (!this.db.isTransaction) throw new Error('holdForWrite outside a transaction')
    const q = this.db.selectFrom('account').select('moving_since').where('did', '=', did)
    // A transaction that goes on to update the row takes the update's lock now: two that shared it would deadlock.
    const row = await (opts.changesAccount ? q.forNoKeyUpdate() : q.forShare()).executeTakeFirst()
    return row && { moving: row.moving_since !== null }
  }

  /**
   * First in a transaction that writes the account's own rows (preferences,
   * blobs): holds the account row (shared; for update with `changesAccount`,
   * when the transaction goes on to lock it so itself) so a move's mark
   * waits for the write, which then lands before the copy; refuses (503
   * AccountMoving) once the mark is set, or once the row has left this tenant
   * (a move finished while the request ran: its retry finds the new home).
   */
  async holdUnlessMoving(did: string, opts: { changesAccount?: boolean } = {}): Promise<void> {
    const held = await this.holdForWrite(did, opts)
    if (!held || held.moving) throw accountMovingError()
  }

  /** Marks the account as being moved (a time) or not (null); false when there is no such account. */
  async setMoving(did: string, since: string | null): Promise<boolean> {
    const res = await this.db
      .updateTable('account')
      .set({ moving_since: since })
      .where('did', '=', did)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) > 0
  }

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

  /**
   * Marks the account moved away (its DID no longer names this server), and
   * deactivated with it unless it was already. False when it was marked
   * already (or there is no such account): the departure was noted before.
   */
  async markMoved(did: string): Promise<boolean> {
    const now = new Date().toISOString()
    const res = await this.db
      .updateTable('account')
      .set((eb) => ({ moved_at: now, deactivated_at: eb.fn.coalesce('deactivated_at', eb.val(now)), updated_at: now }))
      .where('did', '=', did)
      .where('moved_at', 'is', null)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) > 0
  }

  /** Ends the account's deactivation (and a departure's mark); false when there is no such account. */
  async activate(did: string): Promise<boolean> {
    const res = await this.db
      .updateTable('account')
      .set({ deactivated_at: null, delete_after: null, moved_at: null, updated_at: new Date().toISOString() })
      .where('did', '=', did)
      .executeTakeFirst()
    return Number(res.numUpdatedRows) > 0
  }

  /** A new email is not confirmed yet, whatever the old one was. */
  async setEmail(did: string, email: string): Promise<void> {
    await this.db
      .updateTable('account')
      .set({ email, email_confirmed_at: null, updated_at: new Date().toISOString() })
      .where('did', '=', did)
      .where('email', 'is distinct from', email)
      .execute()
  }

  async setEmailConfirmed(did: string, at: string): Promise<void> {
    await this.db
      .updateTable('account')
      .set({ email_confirmed_at: at, updated_at: new Date().toISOString() })
      .where('did', '=', did)
      .execute()
  }

  async setEmailAuthFactor(did: string, on: boolean): Promise<void> {
    await this.db
      .updateTable('account')
      .set({ email_auth_factor: on, updated_at: new Date().toISOString() })
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
   * Deletes the account, its sessions, its app passwords, its preferences,
   * its repo and its blobs; run inside a transaction. Outbox rows stay: the sequencer still
   * owes relays those events.
   */
  async delete(did: string): Promise<void> {
    if (!this.db.isTransaction) throw new Error('account delete outside a transaction')
    // The root row first: it is the repo's write lock, so no commit can land in between.
    await this.db.deleteFrom('repo_root').where('did', '=', did).execute()
    const tables = [
      'repo_block',
      'record',
      'record_blob',
      'blob',
      'refresh_token',
      'app_password',
      'account_pref',
      'email_token',
    ] as const
    for (const table of tables) {
      await this.db.deleteFrom(table).where('did', '=', did).execute()
    }
    await this.db.deleteFrom('account').where('did', '=', did).execute()
  }
}

export class SessionReader {
  constructor(readonly db: TenantDb) {}

  /**
   * Account status and whether the session is still alive, in one query. No
   * session id: an OAuth token's, whose grant the OAuth provider has checked.
   */
  async accessState(
    did: string,
    sessionId: string | undefined,
  ): Promise<{ status: AccountStatus; role: AccountRole; handle: string; live: boolean; moving: boolean } | undefined> {
    const row = await this.db
      .selectFrom('account')
      .select(['status', 'role', 'handle', 'moving_since'])
      .select((eb) =>
        sessionId === undefined
          ? eb.lit(true).as('live')
          : eb
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
    if (!row) return undefined
    const { moving_since, ...rest } = row
    return { ...rest, live: !!row.live, moving: moving_since !== null }
  }
}

// Postgres's code for a row naming one that is not there (or no longer).
const PG_FOREIGN_KEY_VIOLATION = '23503'

export class SessionTransactor extends SessionReader {
  /**
   * Stores a refresh token; false when the app password it names has been
   * revoked. With `unlessMoving` (a login, not in a transaction), one
   * statement that holds the account row (shared) and stores nothing while
   * the account is being moved: 'moving'.
   */
  async insertRefresh(
    row: {
      id: string
      sessionId: string
      did: string
      expiresAt: Date
      /** When the pair was issued: with the id, what signs it again. */
      issuedAt: Date
      /** The app password the session was opened with; absent or null: the account's password. */
      appPasswordName?: string | null
    },
    opts: { unlessMoving?: boolean } = {},
  ): Promise<boolean | 'moving'> {
    const values = {
      id: row.id,
      session_id: row.sessionId,
      did: row.did,
      expires_at: row.expiresAt.toISOString(),
      created_at: row.issuedAt.toISOString(),
      app_password_name: row.appPasswordName ?? null,
    }
    try {
      if (!opts.unlessMoving) {
        await this.db.insertInto('refresh_token').values(values).execute()
        return true
      }
      const res = await this.db
        .insertInto('refresh_token')
        .columns(['id', 'session_id', 'did', 'expires_at', 'created_at', 'app_password_name'])
        .expression((eb) =>
          eb
            .selectFrom('account')
            .select([
              eb.val(values.id).as('id'),
              eb.val(values.session_id).as('session_id'),
              eb.val(values.did).as('did'),
              eb.val(values.expires_at).as('expires_at'),
              eb.val(values.created_at).as('created_at'),
              sql<string | null>`${values.app_password_name}::varchar`.as('app_password_name'),
            ])
            .where('did', '=', row.did)
            .where('moving_since', 'is', null)
            .forShare(),
        )
        .executeTakeFirst()
      return Number(res.numInsertedOrUpdatedRows ?? 0n) > 0 ? true : 'moving'
    } catch (err) {
      // The app password it names is gone (revoked since it was checked): no session.
      if ((err as { code?: string })?.code === PG_FOREIGN_KEY_VIOLATION) return false
      throw err
    }
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

  /** A live refresh token's session, issue time and app password, to sign its pair again. */
  async liveRefresh(
    id: string,
    did: string,
  ): Promise<{ sessionId: string; issuedAt: Date; appPassword: AppPasswordGrant | null } | undefined> {
    const row = await this.withAppPassword()
      .select(['refresh_token.session_id', 'refresh_token.created_at'])
      .where('refresh_token.id', '=', id)
      .where('refresh_token.did', '=', did)
      .where('refresh_token.expires_at', '>', new Date().toISOString())
      .executeTakeFirst()
    return row && { sessionId: row.session_id, issuedAt: new Date(row.created_at), appPassword: grantOf(row) }
  }

  /** The app password a refresh token's session was opened with (null: the account's password); undefined: no such token. */
  async refreshGrant(id: string, did: string): Promise<{ appPassword: AppPasswordGrant | null } | undefined> {
    const row = await this.withAppPassword()
      .where('refresh_token.id', '=', id)
      .where('refresh_token.did', '=', did)
      .executeTakeFirst()
    return row && { appPassword: grantOf(row) }
  }

  /** refresh_token rows with the name and privilege of the app password each names. */
  private withAppPassword() {
    return this.db
      .selectFrom('refresh_token')
      .leftJoin('app_password', (join) =>
        join
          .onRef('app_password.did', '=', 'refresh_token.did')
          .onRef('app_password.name', '=', 'refresh_token.app_password_name'),
      )
      .select(['refresh_token.app_password_name', 'app_password.privileged'])
  }

  /**
   * Drops the account's refresh tokens past their expiry or grace; rows another
   * transaction holds are left for next time (a logout deleting them waits on
   * the refresh that calls this: waiting here in turn would deadlock).
   */
  async deleteExpired(did: string): Promise<void> {
    await this.db
      .deleteFrom('refresh_token')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('refresh_token')
          .select('id')
          .where('did', '=', did)
          .where('expires_at', '<=', new Date().toISOString())
          .forUpdate()
          .skipLocked(),
      )
      .execute()
  }

  async deleteSession(sessionId: string, did: string): Promise<void> {
    await deleteUntilNone(() =>
      this.db.deleteFrom('refresh_token').where('session_id', '=', sessionId).where('did', '=', did).executeTakeFirst(),
    )
  }

  /** Ends every session of the account (its access tokens die with them). */
  async deleteAll(did: string): Promise<void> {
    await deleteUntilNone(() => this.db.deleteFrom('refresh_token').where('did', '=', did).executeTakeFirst())
  }
}

/**
 * Runs a delete of refresh tokens until it deletes none. A refresh in flight
 * commits its successor after one delete's snapshot was taken (the delete
 * waits on the token the refresh holds, then misses the row it added): the
 * next delete sees it. Each round ends one rotation, so this ends.
 */
async function deleteUntilNone(remove: () => Promise<{ numDeletedRows: bigint }>): Promise<void> {
  let deleted: bigint
  do deleted = (await remove()).numDeletedRows
  while (deleted > 0n)
}

function grantOf(row: { app_password_name: string | null; privileged: boolean | null }): AppPasswordGrant | null {
  return row.app_password_name === null ? null : { name: row.app_password_name, privileged: row.privileged === true }
}
