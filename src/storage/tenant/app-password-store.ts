// SQL on a tenant's `app_password` table: an account's app passwords by
// name, found at login by their hash, and revoked with the sessions they
// opened (the `refresh_token` rows naming them).
import { accountMovingError } from '../../lib/unavailable.js'
import type { TenantDb } from '../storage.js'

export type AppPasswordGrant = { name: string; privileged: boolean }
export type AppPasswordListing = AppPasswordGrant & { createdAt: string }

/** What creating one came to: made, its name already taken, or the account at its limit. */
export type AppPasswordCreation = 'created' | 'duplicate' | 'tooMany'

export class AppPasswordReader {
  constructor(readonly db: TenantDb) {}

  /** The account's app passwords, newest first (as the official PDS lists them). */
  async list(did: string): Promise<AppPasswordListing[]> {
    const rows = await this.db
      .selectFrom('app_password')
      .select(['name', 'privileged', 'created_at'])
      .where('did', '=', did)
      .orderBy('created_at', 'desc')
      .orderBy('name')
      .execute()
    return rows.map((r) => ({ name: r.name, privileged: r.privileged, createdAt: r.created_at }))
  }

  /** The app password of the account with this hash, if any. */
  async findByHash(did: string, passwordHash: string): Promise<AppPasswordGrant | undefined> {
    const row = await this.db
      .selectFrom('app_password')
      .select(['name', 'privileged'])
      .where('did', '=', did)
      .where('password_hash', '=', passwordHash)
      .executeTakeFirst()
    return row
  }
}

export class AppPasswordTransactor extends AppPasswordReader {
  /**
   * Adds an app password unless the account already has one of that name or
   * `max` of them. Runs inside a transaction: the account's row is locked
   * first, so two creations at once cannot both see room for one more, and a
   * move of the account to another domain waits for it (or, marked already,
   * refuses it: 503 AccountMoving).
   */
  async create(
    row: { did: string; name: string; passwordHash: string; privileged: boolean; createdAt: string },
    max: number,
  ): Promise<AppPasswordCreation> {
    if (!this.db.isTransaction) throw new Error('app password create outside a transaction')
    const account = await this.db
      .selectFrom('account')
      .select('moving_since')
      .where('did', '=', row.did)
      .forUpdate()
      .executeTakeFirst()
    // Its row gone from this tenant, the account moved on while the request ran: its retry finds it.
    if (!account || account.moving_since !== null) throw accountMovingError()
    const taken = await this.db
      .selectFrom('app_password')
      .select('name')
      .where('did', '=', row.did)
      .where('name', '=', row.name)
      .executeTakeFirst()
    if (taken) return 'duplicate'
    const { count } = await this.db
      .selectFrom('app_password')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('did', '=', row.did)
      .executeTakeFirstOrThrow()
    if (Number(count) >= max) return 'tooMany'
    await this.db
      .insertInto('app_password')
      .values({
        did: row.did,
        name: row.name,
        password_hash: row.passwordHash,
        privileged: row.privileged,
        created_at: row.createdAt,
      })
      .execute()
    return 'created'
  }

  /**
   * Deletes the app password and every session opened with it; nothing when
   * the account has none of that name. Inside a transaction, a refresh in
   * flight is waited for first (as SessionTransactor.deleteSession does), so
   * the successor it adds is deleted too.
   */
  async revoke(did: string, name: string): Promise<void> {
    if (!this.db.isTransaction) throw new Error('app password revoke outside a transaction')
    await this.db
      .selectFrom('refresh_token')
      .select('id')
      .where('did', '=', did)
      .where('app_password_name', '=', name)
      .forUpdate()
      .execute()
    await this.db.deleteFrom('refresh_token').where('did', '=', did).where('app_password_name', '=', name).execute()
    await this.db.deleteFrom('app_password').where('did', '=', did).where('name', '=', name).execute()
  }
}
