// The OAuth authorization server (and our resource server's token check), on
// @atproto/oauth-provider, the official PDS's own provider: PAR, PKCE,
// DPoP-bound tokens with nonces, client metadata fetched from the client_id
// URL, refresh and revocation. Its stores are in the management database,
// so every process of the service serves OAuth; its tokens are stateful
// (checked against the token store on each request), so a revoked grant is
// refused at once. Keys are derived from the service's JWT secret, so every
// process signs and checks with the same ones without another secret to keep.
import { createSecretKey, hkdfSync } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { OAuthError, WWWAuthenticateError } from '@atproto/oauth-provider/errors'
import {
  AccessTokenMode,
  type BrandingConfig,
  JoseKey,
  OAuthProvider,
  type OAuthStore,
} from '@atproto/oauth-provider/provider'
import { ScopePermissionsTransition } from '@atproto/oauth-scopes'
import { InvalidRequestError, XRPCError } from '@atproto/xrpc-server'
import type { OAuthConfig } from '../config/config.js'
import { databaseUnreachableError, isDatabaseUnreachable } from '../lib/unavailable.js'
import type { PdsHosts } from '../tenant/pds-hosts.js'

/** RFC 9126's request_uri prefix, which the provider's pushed requests use before their id. */
const REQUEST_URI_PREFIX = 'urn:ietf:params:oauth:request_uri:'

/** Who an OAuth access token speaks for, and what it was granted. */
export type OAuthGrant = {
  did: string
  clientId: string
  /** The granted scope, read as the official PDS reads it (`transition:*` included). */
  permissions: ScopePermissionsTransition
}

export type OAuthServerOptions = {
  /** The service URL: the issuer, and the base of every `htu` a DPoP proof sent to the service host names. */
  serviceUrl: string
  serviceDid: string
  /**
   * Our PDS hosts: a request sent to a domain's own host is checked against
   * that host's URL (its `htu`), and a token for any of their DIDs is ours.
   */
  hosts: Pick<PdsHosts, 'forRequest' | 'list'>
  jwtSecret: string
  /** Every store but the account store (OAuthStores, on the management database). */
  stores: Omit<OAuthStore, keyof import('@atproto/oauth-provider/store').AccountStore | 'findClient'>
  accountStore: import('@atproto/oauth-provider/store').AccountStore
  branding?: BrandingConfig
  /** Client ids trusted without the "unknown app" warning. */
  trustedClients: string[]
  /** The domain whose account a sign-in hint (handle or DID) names, for the pages' branding. */
  homeDomain?: (hint: string) => Promise<string | undefined>
}

export class OAuthServer {
  readonly provider: OAuthProvider
  private readonly base: string
  /** A provider per domain whose users signed in, branded with the domain's name (same issuer, keys and stores). */
  private readonly branded = new Map<string, OAuthProvider>()

  private constructor(
    private readonly build: (branding: BrandingConfig | undefined) => OAuthProvider,
    private readonly opts: OAuthServerOptions,
  ) {
    this.provider = build(opts.branding)
    this.base = new URL(opts.serviceUrl).origin
  }

  /**
   * The provider whose pages carry `domain`'s name beside the service's. It
   * shares everything else with the main one (issuer, keys, the stores in
   * the management database), so either serves any step of any flow.
   */
  brandedFor(domain: string): OAuthProvider {
    let provider = this.branded.get(domain)
    if (!provider) {
      const name = this.opts.branding?.name
      provider = this.build({ ...this.opts.branding, name: name ? `${domain} · ${name}` : domain })
      this.branded.set(domain, provider)
    }
    return provider
  }

  /**
   * The domain of the account an authorization request names (its
   * login_hint, as apps send the handle or DID the user typed): in the
   * pushed request the authorize page's URL points to, or in the URL itself
   * for a request made without PAR. Undefined when it names none of ours.
   */
  async domainOfRequest(query: Record<string, unknown>): Promise<string | undefined> {
    const { homeDomain } = this.opts
    if (!homeDomain) return undefined
    if (typeof query.login_hint === 'string') return homeDomain(query.login_hint)
    const requestUri = query.request_uri
    if (typeof requestUri !== 'string' || !requestUri.startsWith(REQUEST_URI_PREFIX)) return undefined
    let requestId: string
    try {
      requestId = decodeURIComponent(requestUri.slice(REQUEST_URI_PREFIX.length))
    } catch {
      return undefined
    }
    const request = await this.opts.stores.readRequest(requestId as Parameters<OAuthStore['readRequest']>[0])
    const hint = request?.parameters.login_hint
    return hint ? homeDomain(hint) : undefined
  }

  static async create(opts: OAuthServerOptions): Promise<OAuthServer> {
    const issuer = new URL(opts.serviceUrl).origin
    const tokenKey = await JoseKey.fromKeyLike(
      createSecretKey(derive(opts.jwtSecret, 'oauth access tokens')),
      undefined,
      'HS256',
    )
    const trusted = new Set(opts.trustedClients)
    const build = (branding: BrandingConfig | undefined) =>
      new OAuthProvider({
        issuer,
        keyset: [tokenKey],
        // One object serves every store but the accounts': named store by store (a spread would copy no methods).
        deviceStore: opts.stores,
        requestStore: opts.stores,
        tokenStore: opts.stores,
        replayStore: opts.stores,
        lexiconStore: opts.stores,
        accountStore: opts.accountStore,
        dpopSecret: derive(opts.jwtSecret, 'oauth dpop nonces'),
        // Sign-up is createAccount's, on each domain: the provider's sign-up form is not offered.
        inviteCodeRequired: true,
        branding,
        // Client metadata documents are fetched by the provider's own fetch: https only, no private
        // addresses, bounded size and time (its SSRF guard).
        metadata: { protected_resources: [issuer] },
        // We are both the authorization and the resource server: each request checks its token in the
        // store, so a revoked grant stops at once and tokens need not carry their scope.
        accessTokenMode: AccessTokenMode.stateful,
        getClientInfo: (clientId) => ({ isTrusted: trusted.has(clientId) }),
      })
    return new OAuthServer(build, opts)
  }

  /** Whether the request carries an OAuth (DPoP) access token rather than a session JWT. */
  static isDpop(req: IncomingMessage): boolean {
    return /^dpop\s/i.test(req.headers.authorization ?? '')
  }

  /**
   * Checks a DPoP-bound access token and its proof (method, URL, nonce,
   * replay, key binding) against the request; the answer carries the next
   * DPoP nonce. A refusal is the OAuth error as an XRPC error, with the
   * WWW-Authenticate header a client acts on (use_dpop_nonce).
   */
  async verify(req: IncomingMessage, res: ServerResponse | undefined): Promise<OAuthGrant> {
    const nonce = this.provider.nextDpopNonce()
    if (nonce && res && !res.headersSent) {
      res.setHeader('DPoP-Nonce', nonce)
      res.appendHeader('Access-Control-Expose-Headers', 'DPoP-Nonce')
    }
    // Express's originalUrl: a router mounted under a prefix sees only the rest as its url.
    const path = (req as { originalUrl?: string }).originalUrl ?? req.url ?? '/'
    // The request's own host when it is one of ours (a domain's PDS host), else the service's: a Host
    // header naming anything else never becomes the URL a proof is checked against.
    const [host, hosts] = await Promise.all([this.opts.hosts.forRequest(hostnameOf(req)), this.opts.hosts.list()])
    const url = new URL(path, host.host === null ? this.base : new URL(host.endpoint).origin)
    const payload = await this.provider
      .authenticateRequest(req.method ?? 'GET', url, req.headers, {
        audience: [this.opts.serviceDid, ...hosts.map((h) => h.did)],
        scope: ['atproto'],
      })
      .catch((err: unknown) => {
        if (err instanceof WWWAuthenticateError && res && !res.headersSent) {
          res.setHeader('WWW-Authenticate', err.wwwAuthenticateHeader)
          res.appendHeader('Access-Control-Expose-Headers', 'WWW-Authenticate')
        }
        // The token store out of reach is our outage, not a bad token: 503, so clients keep their sessions.
        const cause = (err as { cause?: unknown }).cause
        if (isDatabaseUnreachable(err) || isDatabaseUnreachable(cause)) throw databaseUnreachableError(cause ?? err)
        if (err instanceof OAuthError) throw new XRPCError(err.status, err.error_description, err.error)
        throw err
      })
    if (typeof payload.sub !== 'string' || !payload.sub.startsWith('did:')) {
      throw new InvalidRequestError('Malformed token', 'InvalidToken')
    }
    const permissions = new ScopePermissionsTransition(payload.scope?.split(' '))
    if (!permissions.scopes.has('atproto')) {
      throw new InvalidRequestError('OAuth token does not have "atproto" scope', 'InvalidToken')
    }
    return { did: payload.sub, clientId: String(payload.client_id ?? ''), permissions }
  }
}

/** The name (no port) the request was sent to: Express's, which honours trusted proxies, else its Host header's. */
function hostnameOf(req: IncomingMessage): string {
  const express = (req as { hostname?: string }).hostname
  if (express !== undefined) return express
  return URL.parse(`http://${req.headers.host ?? ''}`)?.hostname ?? ''
}

/** The pages' branding from the config's `oauth` (the service's name, its logo and color). */
export function oauthBranding(config: OAuthConfig): BrandingConfig {
  return {
    name: config.name,
    logo: config.logo,
    colors: config.primaryColor ? { primary: config.primaryColor } : undefined,
  }
}

/** A 32-byte key of its own for each use, from the service's JWT secret. */
function derive(secret: string, use: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'primal-pds', use, 32))
}
