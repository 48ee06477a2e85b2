// Login sessions. A session is a family of refresh tokens sharing one id:
// refreshing swaps the token (the old one answers with the same new pair for
// a grace period, then stops working), deleting the session removes the
// family, and access tokens die with it because every authenticated request
// checks that its session is still alive.
import { AuthRequiredError, InvalidRequestError } from '@atproto/xrpc-server'
import { type AccessScope, scopeOfAppPassword } from '../auth/scopes.js'
import {
  type AccessClaims,
  type IssuedTokens,
  newTokenId,
  type RefreshClaims,
  type TokenIssuer,
} from '../auth/tokens.js'
import { accountMovingError } from '../lib/unavailable.js'
import type { LocatedAccount } from '../storage/management/tenant-registry.js'
import type { AccountStatus } from '../storage/schema.js'
import type { Storage } from '../storage/storage.js'
import type { AccountSummary, SessionTransactor } from '../storage/tenant/account-store.js'
import type { AppPasswordGrant } from '../storage/tenant/app-password-store.js'
import type { AccountService } from './account-service.js'
import type { AppPasswords } from './app-passwords.js'
import type { Passwords } from './password.js'

export type SessionInfo = { tokens: IssuedTokens; account: AccountSummary; scope: AccessScope }

/**
 * How long a used refresh token still answers, with the pair its first use
 * issued: a client that lost that answer is not logged out. The official
 * PDS's REFRESH_GRACE_MS.
 */
export const REFRESH_GRACE_MS = 2 * 60 * 60 * 1000

export type AccessState = {
  located: LocatedAccount
  handle: string
  role: AccountSummary['role']
  status: AccountStatus
}

export class SessionService {
  constructor(
    private readonly storage: Storage,
    private readonly accounts: AccountService,
    private readonly tokens: TokenIssuer,
    private readonly passwords: Passwords,
    private readonly appPasswords: AppPasswords,
  ) {}

  /**
   * Logs in to the account `located` (from AccountService.locate; undefined:
   * no account has the identifier) with its password, or with one of its app
   * passwords for a session of that app password's scope. `secondFactor`,
   * once the account's own password is right, may refuse the login (the
   * email code of an account that asks for one); an app password, made for
   * apps that cannot ask for a code, does without it.
   */
  async login(
    located: LocatedAccount | undefined,
    password: string,
    secondFactor?: (located: LocatedAccount, account: AccountSummary) => Promise<void>,
  ): Promise<SessionInfo> {
    const { found, account, appPassword } = await this.authenticate(located, password, secondFactor)
    return { tokens: await this.start(found, appPassword), account, scope: scopeOfAppPassword(appPassword) }
  }

  /**
   * The checks of login without the session: the password (or an app
   * password of the account), the account's status, the second factor. The
   * OAuth sign-in page asks this before the provider opens its own session.
   */
  async authenticate(
    located: LocatedAccount | undefined,
    password: string,
    secondFactor?: (located: LocatedAccount, account: AccountSummary) => Promise<void>,
  ): Promise<{ found: LocatedAccount; account: AccountSummary; appPassword: AppPasswordGrant | null }> {
    const row = located ? await this.storage.read(located.db_name, (t) => t.accounts.get(located.did)) : undefined
    // Always one password check, so a wrong identifier is not faster than a wrong password.
    const check = await this.passwords.verify(password, row?.password_hash)
    let appPassword: AppPasswordGrant | undefined
    if (!check.ok) {
      // An account that may not log in may not with an app password either; the
      // check runs all the same, so the answer takes no less time.
      appPassword = await this.appPasswords.match(row?.status === 'active' ? located : undefined, password)
    }
    if (!located || !row || !(check.ok || appPassword)) throw new AuthRequiredError('Invalid identifier or password')
    const { rehash } = check
    if (rehash) {
      await this.storage.write(located.db_name, (w) =>
        w.accounts.replacePasswordHash(located.did, row.password_hash, rehash),
      )
    }
    assertCanLogIn(row.status)
    const { password_hash: _h, signing_key: _k, plc_op: _o, ...account } = row
    const grant = appPassword ?? null
    if (!grant) await secondFactor?.(located, account)
    return { found: located, account, appPassword: grant }
  }

  /** Opens a new session for an account (after login or account creation), of an app password's scope if given. */
  async start(located: LocatedAccount, appPassword: AppPasswordGrant | null = null): Promise<IssuedTokens> {
    const sessionId = newTokenId()
    const tokens = await this.tokens.issue(located.did, sessionId, { scope: scopeOfAppPassword(appPassword) })
    // A session opened while a move copies the account would not be in its copy: refused instead.
    const stored = await this.storage.write(located.db_name, (w) =>
      w.sessions.insertRefresh(
        {
          id: tokens.refreshId,
          sessionId,
          did: located.did,
          expiresAt: tokens.refreshExpiresAt,
          issuedAt: tokens.issuedAt,
          appPasswordName: appPassword?.name,
        },
        { unlessMoving: true },
      ),
    )
    if (stored === 'moving') throw accountMovingError()
    // The app password was revoked since it was checked: as if it had been wrong.
    if (!stored) throw new AuthRequiredError('Invalid identifier or password')
    return tokens
  }

  /**
   * Rotates a refresh token. Its first use issues a new pair; a reuse within
   * REFRESH_GRACE_MS answers that same pair again; after it, or once the
   * session is deleted, the token is refused.
   */
  async refresh(claims: RefreshClaims): Promise<SessionInfo> {
    const located = await this.accounts.locate(claims.did)
    if (!located) throw new InvalidRequestError('Token could not be verified', 'InvalidToken')
    return this.storage.transact(located.db_name, async (tx) => {
      // First, so a move's mark waits for this rotation (or this one sees it): its copy has the rotated token.
      if ((await tx.accounts.holdForWrite(claims.did))?.moving) throw accountMovingError()
      const candidate = newTokenId()
      const graceEnd = new Date(Date.now() + REFRESH_GRACE_MS)
      const nextId = await tx.sessions.useRefresh(claims.tokenId, claims.did, candidate, graceEnd)
      if (!nextId) throw revoked()
      const account = await tx.accounts.summary(claims.did)
      if (!account) throw new InvalidRequestError('Token could not be verified', 'InvalidToken')
      assertCanLogIn(account.status)
      if (nextId !== candidate) return { ...(await this.reissue(tx.sessions, claims.did, nextId)), account }
      // The session keeps the scope it was opened with: an app password's stays an app password's.
      const grant = await tx.sessions.refreshGrant(claims.tokenId, claims.did)
      if (!grant) throw revoked()
      const scope = scopeOfAppPassword(grant.appPassword)
      const tokens = await this.tokens.issue(claims.did, claims.sessionId, { refreshId: nextId, scope })
      await tx.sessions.insertRefresh({
        id: tokens.refreshId,
        sessionId: claims.sessionId,
        did: claims.did,
        expiresAt: tokens.refreshExpiresAt,
        issuedAt: tokens.issuedAt,
        appPasswordName: grant.appPassword?.name,
      })
      // Best effort, as the official PDS tidies: the account's tokens past their grace.
      await tx.sessions.deleteExpired(claims.did)
      return { tokens, account, scope }
    })
  }

  /** The pair an earlier use of a refresh token issued, signed again from its id, issue time and scope. */
  private async reissue(
    sessions: SessionTransactor,
    did: string,
    refreshId: string,
  ): Promise<{ tokens: IssuedTokens; scope: AccessScope }> {
    const issued = await sessions.liveRefresh(refreshId, did)
    // A successor outlives the token it followed, unless the session was deleted since.
    if (!issued) throw revoked()
    const scope = scopeOfAppPassword(issued.appPassword)
    return {
      tokens: await this.tokens.issue(did, issued.sessionId, { refreshId, issuedAt: issued.issuedAt, scope }),
      scope,
    }
  }

  async revoke(claims: RefreshClaims): Promise<void> {
    const located = await this.accounts.locate(claims.did)
    if (!located) return
    // Held against a move of the account to another domain: the copy must not take the session along.
    await this.storage.transact(located.db_name, async (tx) => {
      await tx.accounts.holdUnlessMoving(claims.did)
      await tx.sessions.deleteSession(claims.sessionId, claims.did)
    })
  }

  /**
   * Checks an access token's account and session against the database; an
   * OAuth token (no session id) only its account, the provider checking its grant.
   */
  async checkAccess(claims: Pick<AccessClaims, 'did'> & { sessionId?: string }): Promise<AccessState> {
    const state = await this.accounts.recentHomes.withHome(claims.did, (located) => this.accessStateAt(located, claims))
    if (!state) throw new InvalidRequestError('Token could not be verified', 'InvalidToken')
    return state
  }

  /** The access state in the tenant `located` names; undefined when the account is not there. */
  private async accessStateAt(
    located: LocatedAccount,
    claims: Pick<AccessClaims, 'did'> & { sessionId?: string },
  ): Promise<AccessState | undefined> {
    const state = await this.storage.read(located.db_name, (t) => t.sessions.accessState(claims.did, claims.sessionId))
    if (!state) return undefined
    if (!state.live) throw new InvalidRequestError('Token has been revoked', 'ExpiredToken')
    assertCanLogIn(state.status)
    // Its rows are being copied to another domain: what this call would write could be left behind.
    if (state.moving) throw accountMovingError()
    return {
      located: { ...located, handle: state.handle },
      handle: state.handle,
      role: state.role,
      status: state.status,
    }
  }
}

function revoked(): InvalidRequestError {
  return new InvalidRequestError('Token has been revoked', 'ExpiredToken')
}

/** Suspended and disabled accounts get the standard AccountTakedown error. */
export function assertCanLogIn(status: AccountStatus): void {
  if (status === 'active') return
  throw new AuthRequiredError(`Account has been ${status}`, 'AccountTakedown')
}
