// Service-auth tokens (short ES256K JWTs) signed with an account's own
// signing key: minted for a call we forward to another service (iss the
// account, aud the service, lxm the method) or asked for with getServiceAuth;
// and checked when one comes back to us, as the video service uploads a blob
// with a token the account asked us for.
import type { Secp256k1Keypair } from '@atproto/crypto'
import { AuthRequiredError, createServiceJwt, verifyJwt } from '@atproto/xrpc-server'
import type { AccountService } from '../account/account-service.js'
import { assertCanLogIn } from '../account/session-service.js'
import type { DidKeys } from '../identity/did-keys.js'
import type { SigningKeyCache } from '../repo/signing-key-cache.js'
import type { LocatedAccount } from '../storage/management/tenant-registry.js'
import type { AccountStatus } from '../storage/schema.js'
import type { Storage } from '../storage/storage.js'

export type ServiceAuthDeps = {
  storage: Storage
  accounts: AccountService
  signingKeys: SigningKeyCache
  /** This service's DID: the audience a token sent to us names (or one of `hostDids`). */
  serviceDid: string
  /** The did:web of each of our PDS hosts (the service's and each domain's own): a token to any is to us. */
  hostDids: () => Promise<string[]>
  /** Signing keys of DIDs we do not host yet (an account moving in), from their DID documents. */
  didKeys: Pick<DidKeys, 'signingKey'>
}

type AccountKey = { located: LocatedAccount; status: AccountStatus; keypair: Secp256k1Keypair }

export class ServiceAuth {
  constructor(private readonly deps: ServiceAuthDeps) {}

  /** A token for `aud` (a DID, or `did#serviceId`) to accept from `account` for `lxm` (null: any method) until `exp`. */
  async mint(account: LocatedAccount, aud: string, lxm: string | null, exp?: number): Promise<string> {
    const key = await this.keyOf(account)
    if (!key) throw new AuthRequiredError('Account not found', 'AccountNotFound')
    return createServiceJwt({ iss: account.did, aud, lxm, exp, keypair: key.keypair })
  }

  /**
   * The account whose token `jwt` is: minted by one of our accounts, for us,
   * for `lxm`, unexpired, and signed with the account's current key. Tokens
   * of other issuers are refused: nothing but our own accounts acts here.
   */
  async verify(jwt: string, lxm: string): Promise<LocatedAccount> {
    const found: { key?: AccountKey } = {}
    const payload = await verifyJwt(jwt, await this.audienceOf(jwt), lxm, async (iss) => {
      if (iss.includes('#')) throw new AuthRequiredError('jwt issuer is not an account', 'UntrustedIss')
      found.key = await this.deps.accounts.recentHomes.withHome(iss, (located) => this.keyOf(located))
      if (!found.key) throw new AuthRequiredError('jwt issuer is not an account of this server', 'UntrustedIss')
      return found.key.keypair.did()
    }).catch((err: unknown) => {
      // A token whose parts are not base64url JSON fails in JSON.parse: as bad a token as any.
      if (err instanceof SyntaxError) throw new AuthRequiredError('poorly formatted jwt', 'BadJwt', { cause: err })
      throw err
    })
    const { key } = found
    if (!key || key.located.did !== payload.iss)
      throw new AuthRequiredError('jwt issuer is not an account', 'UntrustedIss')
    assertCanLogIn(key.status)
    return key.located
  }

  /**
   * The DID whose token `jwt` is, for us, for `lxm`, unexpired, signed by the
   * atproto key its DID document names now: an account moving here proves
   * it holds its DID this way (createAccount with `did`). A signature that
   * fails against the cached document is checked again against a fresh one.
   */
  async verifyAnyDid(jwt: string, lxm: string): Promise<string> {
    const payload = await verifyJwt(jwt, await this.audienceOf(jwt), lxm, async (iss, fresh) => {
      if (iss.includes('#')) throw new AuthRequiredError('jwt issuer is not an account', 'UntrustedIss')
      return this.deps.didKeys.signingKey(iss, fresh)
    }).catch((err: unknown) => {
      if (err instanceof SyntaxError) throw new AuthRequiredError('poorly formatted jwt', 'BadJwt', { cause: err })
      throw err
    })
    return payload.iss
  }

  /**
   * The audience `jwt` is checked against: the `aud` it names when that is
   * one of our hosts' DIDs, else the service's, which then refuses it as
   * verifyJwt refuses any other (BadJwtAudience). A token that does not
   * decode is left for verifyJwt to refuse in its own words.
   */
  private async audienceOf(jwt: string): Promise<string> {
    const aud = claimedAudience(jwt)
    if (aud === undefined || aud === this.deps.serviceDid) return this.deps.serviceDid
    return (await this.deps.hostDids()).includes(aud) ? aud : this.deps.serviceDid
  }

  /** The account's signing key as its tenant holds it now (the cache is keyed by the sealed key, so never stale). */
  private async keyOf(located: LocatedAccount): Promise<AccountKey | undefined> {
    const row = await this.deps.storage.read(located.db_name, (t) => t.accounts.get(located.did))
    if (!row) return undefined
    return { located, status: row.status, keypair: await this.deps.signingKeys.open(located.did, row.signing_key) }
  }
}

/** The `aud` claim of an unverified JWT, when it has one that is a string. */
function claimedAudience(jwt: string): string | undefined {
  const payload = jwt.split('.')[1]
  if (payload === undefined) return undefined
  try {
    const aud = (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { aud?: unknown }).aud
    return typeof aud === 'string' ? aud : undefined
  } catch {
    return undefined
  }
}
