// The stores @atproto/oauth-provider keeps its state in (devices, requests,
// tokens, replay nonces, lexicons, and the device and client parts of its
// account store), over the management database so several server processes
// serve OAuth together. Here the provider's objects become rows and back:
// Dates as ISO strings, the rest as JSON; the accounts come from `accountOf`,
// and rows of an account that is gone are left out.
import {
  LEXICON_REFRESH_FREQUENCY,
  REFRESH_LIFETIME_EXTENDED,
  SESSION_LIFETIME_EXTENDED,
} from '@atproto/oauth-provider/constants'
import type {
  Account,
  AuthorizedClientData,
  AuthorizedClients,
  ClientId,
  Code,
  CreateTokenData,
  DeviceAccount,
  DeviceData,
  DeviceId,
  DeviceStore,
  Did,
  FoundRequestResult,
  LexiconData,
  LexiconStore,
  NewTokenData,
  RefreshToken,
  ReplayStore,
  RequestData,
  RequestId,
  RequestStore,
  TokenData,
  TokenId,
  TokenInfo,
  TokenStore,
  UpdateRequestData,
} from '@atproto/oauth-provider/store'
import type { ManagementTransactor } from '../storage/management/management-store.js'
import type { OAuthDevice, OAuthDeviceAccount, OAuthRequest, OAuthToken } from '../storage/management/oauth-store.js'

/** How long an expired request is kept, so the provider can still tell "expired" from "unknown" (as the official PDS). */
const EXPIRED_REQUEST_GRACE_MS = 10 * 60 * 1000

/** The device and client parts of the provider's AccountStore: the rest is the account service's. */
export type OAuthDeviceAccounts = {
  setAuthorizedClient(did: Did, clientId: ClientId, data: AuthorizedClientData): Promise<void>
  upsertDeviceAccount(deviceId: DeviceId, did: Did): Promise<void>
  getDeviceAccount(deviceId: DeviceId, did: Did): Promise<DeviceAccount | null>
  removeDeviceAccount(deviceId: DeviceId, did: Did): Promise<void>
  listDeviceAccounts(filter: { did: Did } | { deviceId: DeviceId }): Promise<DeviceAccount[]>
}

export type SweepReport = { requests: number; nonces: number; tokens: number; devices: number }

/** A device no account signed in on (a visit to the pages that went no further) is kept this long after its last visit. */
const IDLE_DEVICE_MS = 24 * 60 * 60 * 1000

type RequestJson = Pick<RequestData, 'clientAuth' | 'parameters'>
type TokenJson = Pick<TokenData, 'clientAuth' | 'parameters' | 'details' | 'scope'>
type LexiconJson = Omit<LexiconData, 'createdAt' | 'updatedAt' | 'lastSucceededAt'> & {
  createdAt: string
  updatedAt: string
  lastSucceededAt: string | null
}

export class OAuthStores
  implements DeviceStore, RequestStore, TokenStore, ReplayStore, LexiconStore, OAuthDeviceAccounts
{
  constructor(
    private readonly management: () => ManagementTransactor,
    private readonly accountOf: (did: string) => Promise<Account | null>,
  ) {}

  private get store() {
    return this.management().oauth
  }

  // DeviceStore

  async createDevice(deviceId: DeviceId, data: DeviceData): Promise<void> {
    await this.store.createDevice({ id: deviceId, ...deviceRow(data) })
  }

  async readDevice(deviceId: DeviceId): Promise<DeviceData | null> {
    const row = await this.store.device(deviceId)
    return row ? deviceData(row) : null
  }

  async updateDevice(deviceId: DeviceId, data: Partial<DeviceData>): Promise<void> {
    const patch: Partial<Omit<OAuthDevice, 'id'>> = {}
    if (data.sessionId !== undefined) patch.session_id = data.sessionId
    if (data.userAgent !== undefined) patch.user_agent = data.userAgent
    if (data.ipAddress !== undefined) patch.ip_address = data.ipAddress
    if (data.lastSeenAt !== undefined) patch.last_seen_at = data.lastSeenAt.toISOString()
    await this.store.updateDevice(deviceId, patch)
  }

  async deleteDevice(deviceId: DeviceId): Promise<void> {
    await this.store.deleteDevice(deviceId)
  }

  // AccountStore: devices and authorized clients

  async setAuthorizedClient(did: Did, clientId: ClientId, data: AuthorizedClientData): Promise<void> {
    const t = new Date().toISOString()
    await this.store.upsertAuthorizedClient({
      did,
      client_id: clientId,
      data: JSON.stringify(data),
      created_at: t,
      updated_at: t,
    })
  }

  /** The clients the account has authorized, with what each was granted. */
  async authorizedClients(did: string): Promise<AuthorizedClients> {
    return (await this.authorizedClientsOf([did])).get(did) ?? new Map()
  }

  async upsertDeviceAccount(deviceId: DeviceId, did: Did): Promise<void> {
    await this.store.upsertDeviceAccount(deviceId, did, new Date().toISOString())
  }

  async getDeviceAccount(deviceId: DeviceId, did: Did): Promise<DeviceAccount | null> {
    const [found] = await this.deviceAccounts(await this.store.deviceAccounts({ deviceId, did }))
    return found ?? null
  }

  async removeDeviceAccount(deviceId: DeviceId, did: Did): Promise<void> {
    await this.store.removeDeviceAccount(deviceId, did)
  }

  async listDeviceAccounts(filter: { did: Did } | { deviceId: DeviceId }): Promise<DeviceAccount[]> {
    return this.deviceAccounts(await this.store.deviceAccounts(filter))
  }

  // RequestStore

  async createRequest(requestId: RequestId, data: RequestData): Promise<void> {
    await this.store.createRequest({ id: requestId, ...requestRow(data) })
  }

  /** The request, expired or not: the provider tells an expired request from an unknown one. */
  async readRequest(requestId: RequestId): Promise<RequestData | null> {
    const row = await this.store.request(requestId)
    return row ? requestData(row) : null
  }

  async updateRequest(requestId: RequestId, data: UpdateRequestData): Promise<void> {
    const patch: Partial<Omit<OAuthRequest, 'id'>> = {}
    if (data.code !== undefined) patch.code = data.code
    if (data.did !== undefined) patch.did = data.did
    if (data.deviceId !== undefined) patch.device_id = data.deviceId
    if (data.expiresAt !== undefined) patch.expires_at = data.expiresAt.toISOString()
    if (data.parameters !== undefined) {
      // The parameters live in the JSON beside the client authentication: read, change, write, in one transaction.
      const parameters = data.parameters
      await this.management().transact(async (tx) => {
        const row = await tx.oauth.request(requestId)
        if (!row) return
        const json: RequestJson = { ...(JSON.parse(row.data) as RequestJson), parameters }
        await tx.oauth.updateRequest(requestId, { ...patch, data: JSON.stringify(json) })
      })
      return
    }
    await this.store.updateRequest(requestId, patch)
  }

  async deleteRequest(requestId: RequestId): Promise<void> {
    await this.store.deleteRequest(requestId)
  }

  async consumeRequestCode(code: Code): Promise<FoundRequestResult | null> {
    const row = await this.store.consumeRequestCode(code)
    return row ? { requestId: row.id as RequestId, data: requestData(row) } : null
  }

  // TokenStore

  async createToken(tokenId: TokenId, data: CreateTokenData, refreshToken?: RefreshToken): Promise<void> {
    await this.management().transact(async (tx) => {
      if (refreshToken && (await tx.oauth.refreshTokenUsed(refreshToken))) {
        throw new Error('Refresh token already in use')
      }
      await tx.oauth.createToken(tokenRow(tokenId, data, refreshToken ?? null))
    })
  }

  async readToken(tokenId: TokenId): Promise<TokenInfo | null> {
    const row = await this.store.token(tokenId)
    return row ? this.tokenInfo(row) : null
  }

  async deleteToken(tokenId: TokenId): Promise<void> {
    await this.store.deleteToken(tokenId)
  }

  async rotateToken(
    tokenId: TokenId,
    newTokenId: TokenId,
    newRefreshToken: RefreshToken,
    newData: NewTokenData,
  ): Promise<void> {
    const refused = await this.management().transact(async (tx) => {
      const row = await tx.oauth.lockToken(tokenId)
      if (!row?.current_refresh_token) throw new Error('No token to rotate')
      await tx.oauth.markRefreshTokenUsed(tokenId)
      // Returned, not thrown: the old refresh token stays marked used (as the official PDS).
      if (await tx.oauth.refreshTokenUsed(newRefreshToken)) return new Error('New refresh token already in use')
      const json: TokenJson = {
        ...(JSON.parse(row.data) as TokenJson),
        clientAuth: newData.clientAuth,
        scope: newData.scope,
      }
      await tx.oauth.rotateToken(tokenId, {
        token_id: newTokenId,
        current_refresh_token: newRefreshToken,
        expires_at: newData.expiresAt.toISOString(),
        updated_at: newData.updatedAt.toISOString(),
        data: JSON.stringify(json),
      })
      return undefined
    })
    if (refused) throw refused
  }

  /** By the current refresh token or one the token had before, so the provider sees a replay (and revokes). */
  async findTokenByRefreshToken(refreshToken: RefreshToken): Promise<TokenInfo | null> {
    const row = await this.store.tokenByRefreshToken(refreshToken)
    return row ? this.tokenInfo(row) : null
  }

  async findTokenByCode(code: Code): Promise<TokenInfo | null> {
    const row = await this.store.tokenByCode(code)
    return row ? this.tokenInfo(row) : null
  }

  async listAccountTokens(did: Did): Promise<TokenInfo[]> {
    const rows = await this.store.tokensOf(did)
    if (rows.length === 0) return []
    const account = await this.accountOf(did)
    return account ? rows.map((row) => tokenInfo(row, account)) : []
  }

  // ReplayStore

  async unique(namespace: string, nonce: string, timeFrame: number): Promise<boolean> {
    const now = Date.now()
    return this.store.takeNonce(namespace, nonce, new Date(now).toISOString(), new Date(now + timeFrame).toISOString())
  }

  // LexiconStore

  async findLexicon(nsid: string): Promise<LexiconData | null> {
    const row = await this.store.lexicon(nsid)
    if (!row) return null
    const json = JSON.parse(row.data) as LexiconJson
    return {
      ...json,
      createdAt: new Date(json.createdAt),
      updatedAt: new Date(json.updatedAt),
      lastSucceededAt: json.lastSucceededAt === null ? null : new Date(json.lastSucceededAt),
    }
  }

  async storeLexicon(nsid: string, data: LexiconData): Promise<void> {
    const json: LexiconJson = {
      ...data,
      createdAt: data.createdAt.toISOString(),
      updatedAt: data.updatedAt.toISOString(),
      lastSucceededAt: data.lastSucceededAt ? data.lastSucceededAt.toISOString() : null,
    }
    await this.store.upsertLexicon({
      nsid,
      resolved: data.lexicon !== null,
      updated_at: json.updatedAt,
      data: JSON.stringify(json),
    })
    // Lexicons that never resolved would pile up: drop the old ones, as the official PDS does on each store.
    await this.store.deleteFailedLexiconsBefore(new Date(Date.now() - LEXICON_REFRESH_FREQUENCY).toISOString())
  }

  async deleteLexicon(nsid: string): Promise<void> {
    await this.store.deleteLexicon(nsid)
  }

  // Housekeeping

  /**
   * Drops what can serve no more: requests expired (longer ago than the grace
   * in which the provider still reports them expired), nonces past their time
   * frame, and tokens that can be neither used (access token expired) nor
   * refreshed (no refresh token, or past the longest session or refresh
   * lifetime the provider grants any client). A token's `expiresAt` is only
   * its access token's: a session lives on through refreshes after it.
   */
  async sweepExpired(now: Date = new Date()): Promise<SweepReport> {
    const t = now.getTime()
    const iso = (ms: number) => new Date(ms).toISOString()
    const store = this.store
    return {
      requests: await store.deleteRequestsExpiredBefore(iso(t - EXPIRED_REQUEST_GRACE_MS)),
      nonces: await store.deleteNoncesExpiredBefore(iso(t)),
      tokens: await store.deleteDeadTokens({
        expiredBefore: iso(t),
        createdBefore: iso(t - SESSION_LIFETIME_EXTENDED),
        updatedBefore: iso(t - REFRESH_LIFETIME_EXTENDED),
      }),
      devices: await store.deleteIdleDevices(iso(t - IDLE_DEVICE_MS)),
    }
  }

  private async tokenInfo(row: OAuthToken): Promise<TokenInfo | null> {
    const account = await this.accountOf(row.did)
    return account ? tokenInfo(row, account) : null
  }

  private async authorizedClientsOf(dids: string[]): Promise<Map<string, AuthorizedClients>> {
    const map = new Map<string, AuthorizedClients>(dids.map((did) => [did, new Map()]))
    for (const row of await this.store.authorizedClients([...map.keys()])) {
      map.get(row.did)?.set(row.client_id as ClientId, JSON.parse(row.data) as AuthorizedClientData)
    }
    return map
  }

  /** The links as the provider sees them, each account looked up once; links of accounts that are gone are left out. */
  private async deviceAccounts(rows: OAuthDeviceAccount[]): Promise<DeviceAccount[]> {
    const dids = [...new Set(rows.map((r) => r.did))]
    const accounts = new Map(await Promise.all(dids.map(async (did) => [did, await this.accountOf(did)] as const)))
    const clients = await this.authorizedClientsOf(dids.filter((did) => accounts.get(did)))
    const out: DeviceAccount[] = []
    for (const row of rows) {
      const account = accounts.get(row.did)
      if (!account) continue
      out.push({
        deviceId: row.device_id as DeviceId,
        deviceData: deviceData(row),
        account,
        authorizedClients: clients.get(row.did) ?? new Map(),
        createdAt: new Date(row.created_at),
        updatedAt: new Date(row.updated_at),
      })
    }
    return out
  }
}

function deviceRow(data: DeviceData): Omit<OAuthDevice, 'id'> {
  return {
    session_id: data.sessionId,
    user_agent: data.userAgent,
    ip_address: data.ipAddress,
    last_seen_at: data.lastSeenAt.toISOString(),
  }
}

function deviceData(row: Omit<OAuthDevice, 'id'>): DeviceData {
  return {
    sessionId: row.session_id as DeviceData['sessionId'],
    userAgent: row.user_agent,
    ipAddress: row.ip_address,
    lastSeenAt: new Date(row.last_seen_at),
  }
}

function requestRow(data: RequestData): Omit<OAuthRequest, 'id'> {
  const json: RequestJson = { clientAuth: data.clientAuth, parameters: data.parameters }
  return {
    client_id: data.clientId,
    device_id: data.deviceId,
    did: data.did,
    code: data.code,
    expires_at: data.expiresAt.toISOString(),
    data: JSON.stringify(json),
  }
}

function requestData(row: OAuthRequest): RequestData {
  const json = JSON.parse(row.data) as RequestJson
  return {
    clientId: row.client_id as ClientId,
    clientAuth: json.clientAuth,
    parameters: json.parameters,
    expiresAt: new Date(row.expires_at),
    deviceId: row.device_id as DeviceId | null,
    did: row.did as Did | null,
    code: row.code as Code | null,
  }
}

function tokenRow(tokenId: TokenId, data: CreateTokenData, refreshToken: RefreshToken | null): OAuthToken {
  const json: TokenJson = {
    clientAuth: data.clientAuth,
    parameters: data.parameters,
    details: data.details,
    scope: data.scope,
  }
  return {
    token_id: tokenId,
    did: data.did,
    client_id: data.clientId,
    device_id: data.deviceId,
    code: data.code,
    current_refresh_token: refreshToken,
    expires_at: data.expiresAt.toISOString(),
    created_at: data.createdAt.toISOString(),
    updated_at: data.updatedAt.toISOString(),
    data: JSON.stringify(json),
  }
}

function tokenInfo(row: OAuthToken, account: Account): TokenInfo {
  const json = JSON.parse(row.data) as TokenJson
  return {
    id: row.token_id as TokenId,
    account,
    currentRefreshToken: row.current_refresh_token as RefreshToken | null,
    data: {
      ...json,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
      expiresAt: new Date(row.expires_at),
      clientId: row.client_id as ClientId,
      deviceId: row.device_id as DeviceId | null,
      did: row.did as Did,
      code: row.code as Code | null,
    },
  }
}
