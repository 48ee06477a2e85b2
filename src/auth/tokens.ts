// Session JWTs (HS256). Access and refresh tokens differ in `typ` and
// `scope`, and each is refused where the other is expected. Both carry the
// session id, so deleting a session revokes every token issued in it. An
// access token's scope says what the session may do (src/auth/scopes.ts);
// a refresh token's is always the refresh scope, as the official PDS's.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { InvalidRequestError } from '@atproto/xrpc-server'
import { SignJWT } from 'jose'
import { type AccessScope, scopeClaim, scopeOfClaim } from './scopes.js'

export const REFRESH_SCOPE = 'com.atproto.refresh'
const ACCESS_TYP = 'at+jwt'
const REFRESH_TYP = 'refresh+jwt'
export const ACCESS_TTL_S = 2 * 60 * 60
export const REFRESH_TTL_S = 90 * 24 * 60 * 60

export type AccessClaims = { did: string; sessionId: string; scope: AccessScope }
export type RefreshClaims = { did: string; sessionId: string; tokenId: string; expiresAt: Date }

export type IssuedTokens = {
  accessJwt: string
  refreshJwt: string
  refreshId: string
  refreshExpiresAt: Date
  /** Whole seconds: issuing again with this time and refreshId signs the very same pair. */
  issuedAt: Date
}

/**
 * What a pair may be issued from instead of a fresh id and the clock: those
 * of a pair issued before; and the session's scope (default: full access).
 */
export type IssueFrom = { refreshId?: string; issuedAt?: Date; scope?: AccessScope }

export function newTokenId(): string {
  return randomBytes(24).toString('base64url')
}

type VerifiedJwt = { header: Record<string, unknown>; payload: Record<string, unknown> }

export class TokenIssuer {
  private readonly key: Uint8Array

  constructor(
    jwtSecret: string,
    private readonly serviceDid: string,
  ) {
    this.key = new TextEncoder().encode(jwtSecret)
  }

  /** A new pair; given the refresh id and time of an earlier one, that same pair again (HS256 is deterministic). */
  async issue(did: string, sessionId: string, from: IssueFrom = {}): Promise<IssuedTokens> {
    const now = Math.floor((from.issuedAt?.getTime() ?? Date.now()) / 1000)
    const refreshId = from.refreshId ?? newTokenId()
    const accessJwt = await new SignJWT({ scope: scopeClaim(from.scope ?? 'full'), sid: sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: ACCESS_TYP })
      .setSubject(did)
      .setAudience(this.serviceDid)
      .setIssuedAt(now)
      .setExpirationTime(now + ACCESS_TTL_S)
      .sign(this.key)
    const refreshJwt = await new SignJWT({ scope: REFRESH_SCOPE, sid: sessionId })
      .setProtectedHeader({ alg: 'HS256', typ: REFRESH_TYP })
      .setSubject(did)
      .setAudience(this.serviceDid)
      .setJti(refreshId)
      .setIssuedAt(now)
      .setExpirationTime(now + REFRESH_TTL_S)
      .sign(this.key)
    return {
      accessJwt,
      refreshJwt,
      refreshId,
      refreshExpiresAt: new Date((now + REFRESH_TTL_S) * 1000),
      issuedAt: new Date(now * 1000),
    }
  }

  async verifyAccess(jwt: string): Promise<AccessClaims> {
    const { payload } = await this.verify(jwt, ACCESS_TYP, (claim) => scopeOfClaim(claim) !== undefined)
    // verify() let through only a claim scopeOfClaim names.
    const scope = scopeOfClaim(payload.scope) as AccessScope
    return { did: payload.sub as string, sessionId: payload.sid as string, scope }
  }

  async verifyRefresh(jwt: string): Promise<RefreshClaims> {
    const { payload } = await this.verify(jwt, REFRESH_TYP, (claim) => claim === REFRESH_SCOPE)
    if (typeof payload.jti !== 'string') throw new InvalidRequestError('Token could not be verified', 'InvalidToken')
    return {
      did: payload.sub as string,
      sessionId: payload.sid as string,
      tokenId: payload.jti,
      expiresAt: new Date((payload.exp as number) * 1000),
    }
  }

  private async verify(jwt: string, typ: string, scopeFits: (claim: unknown) => boolean): Promise<VerifiedJwt> {
    const { header, payload } = this.verifySignature(jwt)
    if (typeof payload.exp !== 'number' || payload.exp <= Math.floor(Date.now() / 1000)) {
      throw new InvalidRequestError('Token has expired', 'ExpiredToken')
    }
    const aud = payload.aud
    if (aud !== this.serviceDid && !(Array.isArray(aud) && aud.includes(this.serviceDid))) {
      throw new InvalidRequestError('Token could not be verified', 'InvalidToken')
    }
    if (header.typ !== typ || !scopeFits(payload.scope)) {
      throw new InvalidRequestError('Bad token scope', 'InvalidToken')
    }
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') {
      throw new InvalidRequestError('Token could not be verified', 'InvalidToken')
    }
    return { header, payload }
  }

  /**
   * HS256 checked with node:crypto, synchronously: every authenticated
   * request pays for this, and WebCrypto's async HMAC (through jose) cost
   * more than the rest of the check. The MAC is compared in constant time
   * before anything in the token is believed.
   */
  private verifySignature(jwt: string): VerifiedJwt {
    const invalid = () => new InvalidRequestError('Token could not be verified', 'InvalidToken')
    const parts = jwt.split('.')
    if (parts.length !== 3) throw invalid()
    const [head, body, mac] = parts
    const expected = createHmac('sha256', this.key).update(`${head}.${body}`).digest()
    const given = Buffer.from(mac, 'base64url')
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid()
    let header: unknown
    let payload: unknown
    try {
      header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'))
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
    } catch {
      throw invalid()
    }
    if (!isObject(header) || header.alg !== 'HS256' || !isObject(payload)) throw invalid()
    return { header, payload }
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
