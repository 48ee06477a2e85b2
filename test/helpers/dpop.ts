// DPoP (RFC 9449) proofs built by hand with jose, for tests that speak to an
// AT Protocol OAuth server below the client libraries: a P-256 key, proofs
// whose every claim (htm, htu, nonce, ath, jti, iat) the test chooses, so it can
// send a replayed proof, a wrong htu or htm, a stale nonce; and a fetch that
// makes proofs and follows the server's nonces, as a well-behaved client does.
import { createHash, randomUUID } from 'node:crypto'
import { exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose'

export type DpopKey = { alg: string; privateKey: CryptoKey; publicJwk: JWK }

/** A fresh P-256 (ES256) key, the algorithm every AT Protocol server accepts. */
export async function generateDpopKey(): Promise<DpopKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  return { alg: 'ES256', privateKey, publicJwk: await exportJWK(publicKey) }
}

/** A key from a private JWK (oauth-client-node keeps its session key as one). WebCrypto curves only. */
export async function dpopKeyFromJwk(jwk: JWK): Promise<DpopKey> {
  // @atproto/jwk-jose stores generated EC keys without "alg"; the curve names it.
  const alg = jwk.alg ?? (jwk.crv ? CURVE_ALG[jwk.crv] : undefined)
  if (!alg) throw new Error(`cannot sign DPoP proofs with a ${jwk.kty} ${jwk.crv ?? ''} JWK`)
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, key_ops: _ops, ...publicJwk } = jwk
  const privateKey = (await importJWK({ ...jwk, alg }, alg, { extractable: true })) as CryptoKey
  return { alg, privateKey, publicJwk }
}

const CURVE_ALG: Record<string, string> = { 'P-256': 'ES256', 'P-384': 'ES384', 'P-521': 'ES512' }

/** The `ath` claim: base64url SHA-256 of the access token. */
export function accessTokenHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest('base64url')
}

export type ProofClaims = {
  htm: string
  htu: string
  nonce?: string
  /** The access token whose hash becomes `ath`; or give `ath` itself (e.g. a wrong one). */
  accessToken?: string
  ath?: string
  /** Default a fresh UUID; pass an old one to replay. */
  jti?: string
  /** Seconds since the epoch; default now. */
  iat?: number
}

/** A signed DPoP proof JWT with exactly the claims asked for. */
export async function dpopProof(key: DpopKey, claims: ProofClaims): Promise<string> {
  const ath = claims.ath ?? (claims.accessToken ? accessTokenHash(claims.accessToken) : undefined)
  const payload: Record<string, unknown> = { htm: claims.htm, htu: claims.htu }
  if (claims.nonce !== undefined) payload.nonce = claims.nonce
  if (ath !== undefined) payload.ath = ath
  return new SignJWT(payload)
    .setProtectedHeader({ typ: 'dpop+jwt', alg: key.alg, jwk: key.publicJwk })
    .setJti(claims.jti ?? randomUUID())
    .setIssuedAt(claims.iat ?? Math.floor(Date.now() / 1000))
    .sign(key.privateKey)
}

/** The `htu` of a request: its URL without query or fragment (RFC 9449 §4.2). */
export function htuOf(url: string | URL): string {
  const u = new URL(url)
  return `${u.origin}${u.pathname}`
}

type FetchLike = (url: string | URL, init?: RequestInit) => Promise<Response>

export type DpopFetch = FetchLike & {
  key: DpopKey
  /** The last DPoP-Nonce each origin sent. */
  nonces: Map<string, string>
}

/**
 * A fetch that proves possession of `key` where an AT Protocol server wants it:
 * `Authorization: Bearer x` becomes `DPoP x` with a proof carrying `ath`; a form
 * POST (token, PAR, revocation endpoints) gets a proof without. Other requests
 * (metadata discovery) go out as they are. It keeps each origin's latest
 * DPoP-Nonce and retries once when the server answers `use_dpop_nonce`.
 */
export function createDpopFetch(key: DpopKey, base: FetchLike = fetch): DpopFetch {
  const nonces = new Map<string, string>()
  const send = async (url: string | URL, init: RequestInit = {}): Promise<Response> => {
    const headers = new Headers(init.headers)
    const method = (init.method ?? 'GET').toUpperCase()
    const auth = headers.get('authorization')
    const token = auth?.match(/^(?:Bearer|DPoP) (.+)$/i)?.[1]
    const isForm =
      method === 'POST' &&
      (init.body instanceof URLSearchParams ||
        headers.get('content-type')?.startsWith('application/x-www-form-urlencoded') === true)
    if (!token && !isForm) return base(url, init)
    const origin = new URL(url).origin
    const attempt = async () => {
      const proof = await dpopProof(key, {
        htm: method,
        htu: htuOf(url),
        nonce: nonces.get(origin),
        accessToken: token,
      })
      headers.set('dpop', proof)
      if (token) headers.set('authorization', `DPoP ${token}`)
      const res = await base(url, { ...init, headers })
      const nonce = res.headers.get('dpop-nonce')
      if (nonce) nonces.set(origin, nonce)
      return res
    }
    const res = await attempt()
    if (!(await wantsNonce(res))) return res
    return attempt()
  }
  return Object.assign(send, { key, nonces })
}

/** True when the answer asks for a (fresh) DPoP nonce: 400 from an AS, 401 from a resource server. */
async function wantsNonce(res: Response): Promise<boolean> {
  if (!res.headers.get('dpop-nonce')) return false
  if (res.status === 401) return /use_dpop_nonce/.test(res.headers.get('www-authenticate') ?? '')
  if (res.status !== 400) return false
  const body = (await res
    .clone()
    .json()
    .catch(() => undefined)) as { error?: string } | undefined
  return body?.error === 'use_dpop_nonce'
}

/**
 * One XRPC-style request with a proof the caller built (`dpopProof`), sent as
 * is: no nonce retry, so a test sees exactly what the server says to that proof.
 */
export function dpopRequest(
  url: string | URL,
  opts: { accessToken: string; proof: string; method?: string; body?: unknown },
): Promise<Response> {
  const headers: Record<string, string> = { authorization: `DPoP ${opts.accessToken}`, dpop: opts.proof }
  if (opts.body !== undefined) headers['content-type'] = 'application/json'
  return fetch(url, {
    method: opts.method ?? (opts.body === undefined ? 'GET' : 'POST'),
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  })
}
