// SQL on the management database's `oauth_*` tables: the OAuth authorization
// server's devices, requests, tokens, nonces and lexicons, shared by every
// server process. Rows in, rows out: what the rows mean to the provider (and
// the JSON in their `data`) is src/oauth/oauth-stores.ts's business.
import type { Selectable, SelectQueryBuilder } from 'kysely'
import type {
  ManagementSchema,
  OAuthAuthorizedClientTable,
  OAuthDeviceAccountTable,
  OAuthDeviceTable,
  OAuthLexiconTable,
  OAuthRequestTable,
  OAuthTokenTable,
} from '../schema.js'
import type { ManagementDb } from '../storage.js'

export type OAuthDevice = OAuthDeviceTable
export type OAuthRequest = OAuthRequestTable
export type OAuthAuthorizedClient = OAuthAuthorizedClientTable
export type OAuthLexicon = OAuthLexiconTable
/** A token row without its internal key. */
export type OAuthToken = Omit<Selectable<OAuthTokenTable>, 'id'>
/** A device-account link with its device's row. */
export type OAuthDeviceAccount = OAuthDeviceAccountTable & Omit<OAuthDevice, 'id'>

const TOKEN_COLUMNS = [
  'oauth_token.token_id',
  'oauth_token.did',
  'oauth_token.client_id',
  'oauth_token.device_id',
  'oauth_token.code',
  'oauth_token.current_refresh_token',
  'oauth_token.expires_at',
  'oauth_token.created_at',
  'oauth_token.updated_at',
  'oauth_token.data',
] as const

export class OAuthStore {
  constructor(private readonly db: ManagementDb) {}

  // Devices

  async createDevice(row: OAuthDevice): Promise<void> {
    await this.db.insertInto('oauth_device').values(row).execute()
  }

  device(id: string): Promise<OAuthDevice | undefined> {
    return this.db.selectFrom('oauth_device').selectAll().where('id', '=', id).executeTakeFirst()
  }

  async updateDevice(id: string, patch: Partial<Omit<OAuthDevice, 'id'>>): Promise<void> {
    if (Object.keys(patch).length === 0) return
    await this.db.updateTable('oauth_device').set(patch).where('id', '=', id).execute()
  }

  /** Deletes the device; its account links go with it (foreign key). */
  async deleteDevice(id: string): Promise<void> {
    await this.db.deleteFrom('oauth_device').where('id', '=', id).execute()
  }

  // Accounts signed in on devices

  /** Links the account to the device, or notes that it signed in there again (`updated_at`). */
  async upsertDeviceAccount(deviceId: string, did: string, at: string): Promise<void> {
    await this.db
      .insertInto('oauth_device_account')
      .values({ device_id: deviceId, did, created_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(['device_id', 'did']).doUpdateSet({ updated_at: at }))
      .execute()
  }

  /** The links matching every field of `filter` (at least one), each with its device. */
  deviceAccounts(filter: { deviceId?: string; did?: string }): Promise<OAuthDeviceAccount[]> {
    if (filter.deviceId === undefined && filter.did === undefined) throw new TypeError('deviceAccounts needs a filter')
    let q = this.db
      .selectFrom('oauth_device_account')
      .innerJoin('oauth_device', 'oauth_device.id', 'oauth_device_account.device_id')
      .select([
        'oauth_device_account.device_id',
        'oauth_device_account.did',
        'oauth_device_account.created_at',
        'oauth_device_account.updated_at',
        'oauth_device.session_id',
        'oauth_device.user_agent',
        'oauth_device.ip_address',
        'oauth_device.last_seen_at',
      ])
    if (filter.deviceId !== undefined) q = q.where('oauth_device_account.device_id', '=', filter.deviceId)
    if (filter.did !== undefined) q = q.where('oauth_device_account.did', '=', filter.did)
    return q.orderBy('oauth_device_account.updated_at', 'desc').execute()
  }

  async removeDeviceAccount(deviceId: string, did: string): Promise<void> {
    await this.db.deleteFrom('oauth_device_account').where('device_id', '=', deviceId).where('did', '=', did).execute()
  }

  // Authorized clients

  async upsertAuthorizedClient(row: OAuthAuthorizedClient): Promise<void> {
    await this.db
      .insertInto('oauth_authorized_client')
      .values(row)
      .onConflict((oc) => oc.columns(['did', 'client_id']).doUpdateSet({ data: row.data, updated_at: row.updated_at }))
      .execute()
  }

  async authorizedClients(dids: string[]): Promise<OAuthAuthorizedClient[]> {
    if (dids.length === 0) return []
    return this.db.selectFrom('oauth_authorized_client').selectAll().where('did', 'in', dids).execute()
  }

  // Authorization requests

  async createRequest(row: OAuthRequest): Promise<void> {
    await this.db.insertInto('oauth_request').values(row).execute()
  }

  /** The request, expired or not. */
  request(id: string): Promise<OAuthRequest | undefined> {
    return this.db.selectFrom('oauth_request').selectAll().where('id', '=', id).executeTakeFirst()
  }

  async updateRequest(id: string, patch: Partial<Omit<OAuthRequest, 'id'>>): Promise<void> {
    if (Object.keys(patch).length === 0) return
    await this.db.updateTable('oauth_request').set(patch).where('id', '=', id).execute()
  }

  async deleteRequest(id: string): Promise<void> {
    await this.db.deleteFrom('oauth_request').where('id', '=', id).execute()
  }

  /**
   * Takes the request a code names, deleting it in the same statement: of
   * several callers with one code (in any process), exactly one gets the row.
   */
  consumeRequestCode(code: string): Promise<OAuthRequest | undefined> {
    return this.db.deleteFrom('oauth_request').where('code', '=', code).returningAll().executeTakeFirst()
  }

  /** Drops requests that expired before `before`; how many. */
  async deleteRequestsExpiredBefore(before: string): Promise<number> {
    const res = await this.db.deleteFrom('oauth_request').where('expires_at', '<', before).executeTakeFirst()
    return Number(res.numDeletedRows)
  }

  // Tokens

  async createToken(row: OAuthToken): Promise<void> {
    await this.db.insertInto('oauth_token').values(row).execute()
  }

  token(tokenId: string): Promise<OAuthToken | undefined> {
    return this.db.selectFrom('oauth_token').select(TOKEN_COLUMNS).where('token_id', '=', tokenId).executeTakeFirst()
  }

  tokenByCode(code: string): Promise<OAuthToken | undefined> {
    return this.db.selectFrom('oauth_token').select(TOKEN_COLUMNS).where('code', '=', code).executeTakeFirst()
  }

  tokensOf(did: string): Promise<OAuthToken[]> {
    return this.db
      .selectFrom('oauth_token')
      .select(TOKEN_COLUMNS)
      .where('did', '=', did)
      .orderBy('created_at')
      .execute()
  }

  /** The token whose refresh token this is now, or was before a rotation. */
  tokenByRefreshToken(refreshToken: string): Promise<OAuthToken | undefined> {
    return this.db
      .selectFrom('oauth_token')
      .select(TOKEN_COLUMNS)
      .where((eb) =>
        eb.or([
          eb('current_refresh_token', '=', refreshToken),
          eb(
            'id',
            '=',
            eb.selectFrom('oauth_used_refresh_token').select('token').where('refresh_token', '=', refreshToken),
          ),
        ]),
      )
      .executeTakeFirst()
  }

  async refreshTokenUsed(refreshToken: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('oauth_used_refresh_token')
      .select('refresh_token')
      .where('refresh_token', '=', refreshToken)
      .executeTakeFirst()
    return row !== undefined
  }

  /** The token, locked for the rest of the transaction (a rotation reads and replaces it under this lock). */
  lockToken(tokenId: string): Promise<OAuthToken | undefined> {
    if (!this.db.isTransaction) throw new Error('oauth token lock outside a transaction')
    return this.db
      .selectFrom('oauth_token')
      .select(TOKEN_COLUMNS)
      .where('token_id', '=', tokenId)
      .forUpdate()
      .executeTakeFirst()
  }

  /** Records the token's current refresh token as used (kept until the token is deleted). */
  async markRefreshTokenUsed(tokenId: string): Promise<void> {
    await this.db
      .insertInto('oauth_used_refresh_token')
      .columns(['refresh_token', 'token'])
      .expression((eb) =>
        eb
          .selectFrom('oauth_token')
          .select(['current_refresh_token as refresh_token', 'id as token'])
          .where('token_id', '=', tokenId)
          .where('current_refresh_token', 'is not', null),
      )
      .onConflict((oc) => oc.column('refresh_token').doNothing())
      .execute()
  }

  /** Replaces the token's id, refresh token and what changes with them. */
  async rotateToken(
    tokenId: string,
    next: Pick<OAuthToken, 'token_id' | 'current_refresh_token' | 'expires_at' | 'updated_at' | 'data'>,
  ): Promise<void> {
    await this.db.updateTable('oauth_token').set(next).where('token_id', '=', tokenId).execute()
  }

  /**
   * Drops devices no account is signed in on that were last seen before
   * `before`: every cookie-less visit to the pages makes one. How many.
   */
  async deleteIdleDevices(before: string): Promise<number> {
    const result = await this.db
      .deleteFrom('oauth_device')
      .where('last_seen_at', '<', before)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('oauth_device_account')
              .select('did')
              .whereRef('oauth_device_account.device_id', '=', 'oauth_device.id'),
          ),
        ),
      )
      .executeTakeFirst()
    return Number(result.numDeletedRows)
  }

  /** Deletes the token; its used refresh tokens go with it (foreign key). */
  /**
   * Ends every grant of an account: its tokens (their used refresh tokens
   * with them), the clients it authorized and its sign-ins on devices. A
   * takedown, a deletion or a departure, as the official PDS drops them.
   */
  async revokeAccount(did: string): Promise<void> {
    await this.deleteGrants([did])
  }

  /** Ends every grant of every account a domain holds (its homes still there): the domain is being removed. */
  async revokeDomain(domain: string): Promise<void> {
    await this.deleteGrants(this.db.selectFrom('did_routing').select('did').where('domain', '=', domain))
  }

  /** The rows of each table that holds an account's grants, for the DIDs given (a list, or a query of them). */
  private async deleteGrants(dids: string[] | SelectQueryBuilder<ManagementSchema, 'did_routing', { did: string }>) {
    for (const table of ['oauth_token', 'oauth_authorized_client', 'oauth_device_account'] as const) {
      await this.db.deleteFrom(table).where('did', 'in', dids).execute()
    }
  }

  async deleteToken(tokenId: string): Promise<void> {
    await this.db.deleteFrom('oauth_token').where('token_id', '=', tokenId).execute()
  }

  /**
   * Drops tokens whose access token expired before `expiredBefore` and that
   * cannot be refreshed any more: no refresh token, or a session created
   * before `createdBefore`, or last refreshed before `updatedBefore`. How many.
   */
  async deleteDeadTokens(cutoffs: {
    expiredBefore: string
    createdBefore: string
    updatedBefore: string
  }): Promise<number> {
    const res = await this.db
      .deleteFrom('oauth_token')
      .where('expires_at', '<', cutoffs.expiredBefore)
      .where((eb) =>
        eb.or([
          eb('current_refresh_token', 'is', null),
          eb('created_at', '<', cutoffs.createdBefore),
          eb('updated_at', '<', cutoffs.updatedBefore),
        ]),
      )
      .executeTakeFirst()
    return Number(res.numDeletedRows)
  }

  // Replay nonces

  /**
   * Notes the nonce until `expiresAt`: true when it was not seen, or its time
   * frame ended before `now` (one statement, so of several callers with one
   * nonce in any process exactly one is told true).
   */
  async takeNonce(namespace: string, nonce: string, now: string, expiresAt: string): Promise<boolean> {
    const row = await this.db
      .insertInto('oauth_replay_nonce')
      .values({ namespace, nonce, expires_at: expiresAt })
      .onConflict((oc) =>
        oc
          .columns(['namespace', 'nonce'])
          .doUpdateSet({ expires_at: expiresAt })
          .where('oauth_replay_nonce.expires_at', '<', now),
      )
      .returning('nonce')
      .executeTakeFirst()
    return row !== undefined
  }

  /** Drops nonces whose time frame ended before `before`; how many. */
  async deleteNoncesExpiredBefore(before: string): Promise<number> {
    const res = await this.db.deleteFrom('oauth_replay_nonce').where('expires_at', '<', before).executeTakeFirst()
    return Number(res.numDeletedRows)
  }

  // Lexicons

  lexicon(nsid: string): Promise<OAuthLexicon | undefined> {
    return this.db.selectFrom('oauth_lexicon').selectAll().where('nsid', '=', nsid).executeTakeFirst()
  }

  async upsertLexicon(row: OAuthLexicon): Promise<void> {
    const { nsid: _, ...rest } = row
    await this.db
      .insertInto('oauth_lexicon')
      .values(row)
      .onConflict((oc) => oc.column('nsid').doUpdateSet(rest))
      .execute()
  }

  async deleteLexicon(nsid: string): Promise<void> {
    await this.db.deleteFrom('oauth_lexicon').where('nsid', '=', nsid).execute()
  }

  /** Drops lexicons that failed to resolve and were last tried before `before`. */
  async deleteFailedLexiconsBefore(before: string): Promise<void> {
    await this.db.deleteFrom('oauth_lexicon').where('resolved', '=', false).where('updated_at', '<', before).execute()
  }
}
