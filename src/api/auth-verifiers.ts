// XRPC auth verifiers: who is calling, checked once per request before the
// handler runs. The admin key arrives as `Bearer <key>` or HTTP Basic
// `admin:<key>` (as clients of the official PDS send it) and is compared in
// constant time; JWTs are checked against the session store, and a
// service-auth token (where a method takes one) against the account's key.
// An access token's scope is checked here too: an app password's session is
// refused the methods src/auth/scopes.ts keeps for a password login. An OAuth
// access token (`Authorization: DPoP`, with its proof) is taken wherever a
// session's is; what its grant reaches is checked per call
// (src/api/oauth-permissions.ts).
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { AuthRequiredError, ForbiddenError, InvalidRequestError, parseReqNsid } from '@atproto/xrpc-server'
import type { SessionService } from '../account/session-service.js'
import { type AccessScope, allowsMethod, type CallerScope, isAppPassword } from '../auth/scopes.js'
import type { RefreshClaims, TokenIssuer } from '../auth/tokens.js'
import { noteSubject } from '../lib/request-subject.js'
import { type OAuthGrant, OAuthServer } from '../oauth/oauth-server.js'
import type { ServiceAuth } from '../proxy/service-auth.js'
import type { LocatedAccount } from '../storage/management/tenant-registry.js'
import type { AccountRole } from '../storage/schema.js'
import { oauthMayCall } from './oauth-permissions.js'

export type AdminCredentials = { type: 'admin' }
/**
 * What an access token may do: 'full' from a password login, 'appPass' or
 * 'appPassPrivileged' from an app password (src/auth/scopes.ts). What checks
 * for 'full' (personal details in preferences) stays shut to app passwords.
 */
export type { AccessScope, CallerScope }
export type AccessCredentials = {
  type: 'access'
  did: string
  handle: string
  role: AccountRole
  account: LocatedAccount
  /** 'oauth' for an OAuth grant: `oauth` then holds what it was granted. */
  scope: CallerScope
  oauth?: OAuthGrant
}
/** A service-auth token the account had us mint, presented back to us by a service acting for it (the video service). */
export type ServiceCredentials = { type: 'service'; did: string; account: LocatedAccount }
/** A service-auth token for this method from a DID, signed with the key its DID document names (an account moving in). */
export type DidCredentials = { type: 'did'; did: string }
export type RefreshCredentials = { type: 'refresh' } & RefreshClaims
export type NoCredentials = { type: 'none' }

type Ctx = { req: IncomingMessage; res?: ServerResponse }
type Out<C> = { credentials: C }

export class AuthVerifier {
  private readonly adminKeyDigest: Buffer

  constructor(
    adminKey: string,
    private readonly tokens: TokenIssuer,
    private readonly sessions: SessionService,
    private readonly serviceAuth: ServiceAuth,
    private readonly oauth?: OAuthServer,
  ) {
    this.adminKeyDigest = digest(adminKey)
  }

  /** Only the admin key. */
  admin = async ({ req }: Ctx): Promise<Out<AdminCredentials>> => {
    if (this.isAdmin(req)) return { credentials: { type: 'admin' } }
    if (!req.headers.authorization) throw new AuthRequiredError('Admin authentication required', 'AuthMissing')
    throw new AuthRequiredError('Invalid admin credentials')
  }

  /**
   * A live access token of an account that may log in, of a scope that may
   * call this method: an app password's is refused the full-access-only ones
   * before anything is looked up, with the official PDS's answer.
   */
  access = async ({ req, res }: Ctx): Promise<Out<AccessCredentials>> => {
    // Outside /xrpc/ (the MCP endpoint) no method is named, and none of those kept for full access is reached.
    // Express's originalUrl: a router mounted at /xrpc/ sees the rest of the path as its url. The methods
    // registered here check their own scope too (MethodServer), whatever the path looked like.
    const nsid = methodOfPath((req as { originalUrl?: string }).originalUrl ?? req.url ?? '/')
    if (this.oauth && OAuthServer.isDpop(req)) return this.oauthAccess(req, res, nsid)
    const claims = await this.tokens.verifyAccess(this.bearerOrThrow(req))
    if (nsid !== undefined && !allowsMethod(claims.scope, nsid)) throw badScope()
    return this.checkedAccount(req, claims.did, claims.sessionId, claims.scope)
  }

  /**
   * An OAuth access token with its DPoP proof: the provider checks the token
   * (stateful: a revoked grant is refused at once) and the proof; the account
   * is checked as a session's is. A method closed to OAuth is refused before
   * anything is looked up; what the grant reaches is checked per call
   * (MethodServer, the proxy, the MCP tools).
   */
  private async oauthAccess(
    req: IncomingMessage,
    res: ServerResponse | undefined,
    nsid: string | undefined,
  ): Promise<Out<AccessCredentials>> {
    if (nsid !== undefined && this.servesHere(nsid) && !oauthMayCall(nsid)) {
      throw new ForbiddenError('OAuth credentials are not supported for this endpoint')
    }
    const grant = await (this.oauth as OAuthServer).verify(req, res)
    return this.checkedAccount(req, grant.did, undefined, 'oauth', grant)
  }

  /** The caller's account checked (its session too, when it has one) and made the call's credentials. */
  private async checkedAccount(
    req: IncomingMessage,
    did: string,
    sessionId: string | undefined,
    scope: CallerScope,
    oauth?: OAuthGrant,
  ): Promise<Out<AccessCredentials>> {
    const state = await this.sessions.checkAccess({ did, sessionId })
    noteSubject(req, { did, tenant: state.located.domain })
    const credentials: AccessCredentials = {
      type: 'access',
      did,
      handle: state.handle,
      role: state.role,
      account: state.located,
      scope,
    }
    if (oauth) credentials.oauth = oauth
    return { credentials }
  }

  /**
   * An access token, or a service-auth token for this very method (its `lxm`)
   * that one of our accounts minted with its own key for us (its `aud`), as
   * the official PDS takes on uploadBlob. A token with an `lxm` claim is a
   * service-auth token; any other is an access token.
   */
  accessOrServiceAuth = async (ctx: Ctx): Promise<Out<AccessCredentials | ServiceCredentials>> => {
    if (this.oauth && OAuthServer.isDpop(ctx.req)) return this.access(ctx)
    const jwt = this.bearerOrThrow(ctx.req)
    if (!hasLxmClaim(jwt)) return this.access(ctx)
    const account = await this.serviceAuth.verify(jwt, parseReqNsid(ctx.req))
    noteSubject(ctx.req, { did: account.did, tenant: account.domain })
    return { credentials: { type: 'service', did: account.did, account } }
  }

  /** A refresh token (checked against the store by the handler that consumes it). */
  refresh = async ({ req }: Ctx): Promise<Out<RefreshCredentials>> => {
    const claims = await this.tokens.verifyRefresh(this.bearerOrThrow(req))
    noteSubject(req, { did: claims.did })
    return { credentials: { type: 'refresh', ...claims } }
  }

  /**
   * The admin key, or the access token of a domain's owner or admin (the
   * handler checks which domain). Managing a domain's accounts is more than
   * any app password's session may do, privileged or not.
   */
  manager = async (ctx: Ctx): Promise<Out<AdminCredentials | AccessCredentials>> => {
    if (this.isAdmin(ctx.req)) return { credentials: { type: 'admin' } }
    const out = await this.access(ctx)
    if (out.credentials.role === 'user') {
      throw new ForbiddenError('Only the admin key or a domain owner or admin may do this')
    }
    if (out.credentials.scope !== 'full') throw badScope()
    return out
  }

  /** Methods served here (set once the XRPC server is built): the others are passed on, and the grant's rpc: decides. */
  servesHere: (nsid: string) => boolean = () => true

  /** The admin key if given, else anonymous; any other credential is refused rather than ignored. */
  optionalAdmin = async ({ req }: Ctx): Promise<Out<AdminCredentials | NoCredentials>> => {
    if (!req.headers.authorization) return { credentials: { type: 'none' } }
    if (this.isAdmin(req)) return { credentials: { type: 'admin' } }
    throw new AuthRequiredError('Invalid admin credentials')
  }

  /**
   * As optionalAdmin, and a service-auth token for this very method from any
   * DID, signed by the key its DID document names, as the official PDS takes
   * on createAccount: an account moving here proves it holds its DID so.
   */
  optionalAdminOrDid = async ({ req }: Ctx): Promise<Out<AdminCredentials | DidCredentials | NoCredentials>> => {
    if (!req.headers.authorization) return { credentials: { type: 'none' } }
    if (this.isAdmin(req)) return { credentials: { type: 'admin' } }
    const jwt = this.bearerOrThrow(req)
    if (!hasLxmClaim(jwt)) throw new AuthRequiredError('Invalid admin credentials')
    const did = await this.serviceAuth.verifyAnyDid(jwt, parseReqNsid(req))
    noteSubject(req, { did })
    return { credentials: { type: 'did', did } }
  }

  /**
   * Anonymous without an Authorization header; else the admin key or a live
   * access token, refused rather than ignored when it is neither. The sync
   * reads take it, as the official PDS's do: an account still reads its own
   * deactivated repo, and an operator any repo.
   */
  optionalAccessOrAdmin = async (ctx: Ctx): Promise<Out<AdminCredentials | AccessCredentials | NoCredentials>> => {
    if (!ctx.req.headers.authorization) return { credentials: { type: 'none' } }
    if (this.isAdmin(ctx.req)) return { credentials: { type: 'admin' } }
    return this.access(ctx)
  }

  isAdmin(req: IncomingMessage): boolean {
    const header = req.headers.authorization
    if (!header) return false
    let presented: string | undefined
    if (header.startsWith('Bearer ')) {
      presented = header.slice(7).trim()
    } else if (header.startsWith('Basic ')) {
      const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon >= 0 && decoded.slice(0, colon) === 'admin') presented = decoded.slice(colon + 1)
    }
    return presented !== undefined && timingSafeEqual(digest(presented), this.adminKeyDigest)
  }

  private bearerOrThrow(req: IncomingMessage): string {
    const header = req.headers.authorization
    if (!header) throw new AuthRequiredError('Authentication required', 'AuthMissing')
    if (!header.startsWith('Bearer ')) throw new AuthRequiredError('Unexpected authorization type', 'InvalidToken')
    return header.slice(7).trim()
  }
}

/** The official PDS's answer to a token whose scope does not reach the method. */
function badScope(): InvalidRequestError {
  return new InvalidRequestError('Bad token scope', 'InvalidToken')
}

/** The method a request path names, its `/xrpc/` in any case (Express routes it so). */
function methodOfPath(url: string): string | undefined {
  const match = /^\/xrpc\/([^/?#]+)/i.exec(url)
  if (!match?.[1]) return undefined
  try {
    return decodeURIComponent(match[1])
  } catch {
    return match[1]
  }
}

/**
 * `verifier`, refusing an access token that is not a password login's: for
 * the methods only a password login may call, tied to the method as
 * registered rather than to the path it was reached by.
 */
export function requireFullAccess<C, R>(verifier: (ctx: C) => R | Promise<R>): (ctx: C) => Promise<R> {
  return async (ctx: C) => {
    const out = await verifier(ctx)
    const credentials = (out as { credentials?: { type?: string; scope?: CallerScope } }).credentials
    // An OAuth grant reaches them through the permissions src/api/oauth-permissions.ts asks for.
    if (credentials?.type === 'access' && credentials.scope && isAppPassword(credentials.scope)) throw badScope()
    return out
  }
}

/** Whether the token's payload names a method: only service-auth tokens do (our session tokens never). */
function hasLxmClaim(jwt: string): boolean {
  const payload = jwt.split('.')[1]
  if (!payload) return false
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
    return typeof claims === 'object' && claims !== null && (claims as { lxm?: unknown }).lxm != null
  } catch {
    // Not a JWT we can read: the access check refuses it as such.
    return false
  }
}

/** Equal-length digests let timingSafeEqual compare secrets of any length. */
function digest(secret: string): Buffer {
  return createHash('sha256').update(secret, 'utf8').digest()
}

/** Throws unless the credentials may manage accounts of `domain`. */
export function assertManages(credentials: AdminCredentials | AccessCredentials, domain: string): void {
  if (!manages(credentials, domain))
    throw new ForbiddenError('Domain owners and admins may manage only their own domain')
}

/** Whether the caller reaches `domain`: the admin key every domain, a domain's owner or admin their own. */
export function manages(credentials: AdminCredentials | AccessCredentials, domain: string): boolean {
  return credentials.type === 'admin' || credentials.account.domain === domain
}
