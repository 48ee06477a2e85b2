// An MCP client's OAuth, as @modelcontextprotocol/sdk does it, made to work
// with an AT Protocol authorization server: the provider names the atproto
// loopback client id (no dynamic registration), sends the browser through the
// server's pages (test/helpers/oauth-app.ts), and all requests go through a
// DPoP fetch (test/helpers/dpop.ts), since atproto tokens are DPoP-bound and the
// SDK makes no proofs. Only URLs come in: a test passes our /mcp URL, or, for
// the OAuth part alone, a PDS URL to authorizeMcp.
import { randomBytes } from 'node:crypto'
import {
  auth,
  type OAuthClientProvider,
  type OAuthDiscoveryState,
  UnauthorizedError,
} from '@modelcontextprotocol/sdk/client/auth.js'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { OAuthClientInformation, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js'
import type { TestBrowser } from './browser.js'
import { createDpopFetch, type DpopFetch, generateDpopKey } from './dpop.js'
import { authorizeInBrowser, DEFAULT_SCOPE, type LoopbackCallback, loopbackClientId } from './oauth-app.js'

export type McpUser = {
  browser: TestBrowser
  /** What the user types into the sign-in form: handle or email. */
  identifier: string
  password: string
  screenshots?: boolean
}

/**
 * The SDK's OAuthClientProvider for an atproto authorization server, in
 * memory. `redirectToAuthorization` passes the pages in Chromium right away and
 * keeps the callback's code, so the caller only has to hand it back to the SDK.
 */
export class AtprotoMcpOAuthProvider implements OAuthClientProvider {
  readonly clientId: string
  private savedTokens: OAuthTokens | undefined
  private verifier: string | undefined
  private discovery: OAuthDiscoveryState | undefined
  private expectedState: string | undefined
  private code: string | undefined

  constructor(
    private readonly user: McpUser,
    readonly redirectUrl: string,
    readonly scope: string = DEFAULT_SCOPE,
  ) {
    this.clientId = loopbackClientId(redirectUrl, scope)
  }

  get clientMetadata(): OAuthClientMetadata {
    return {
      redirect_uris: [this.redirectUrl],
      scope: this.scope,
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'none',
    }
  }

  // The atproto loopback client id is its own registration: the server derives the metadata from it.
  clientInformation(): OAuthClientInformation {
    return { client_id: this.clientId }
  }

  state(): string {
    this.expectedState = randomBytes(16).toString('base64url')
    return this.expectedState
  }

  tokens(): OAuthTokens | undefined {
    return this.savedTokens
  }

  saveTokens(tokens: OAuthTokens): void {
    this.savedTokens = tokens
  }

  saveCodeVerifier(codeVerifier: string): void {
    this.verifier = codeVerifier
  }

  codeVerifier(): string {
    if (!this.verifier) throw new Error('no PKCE code verifier saved')
    return this.verifier
  }

  saveDiscoveryState(state: OAuthDiscoveryState): void {
    this.discovery = state
  }

  discoveryState(): OAuthDiscoveryState | undefined {
    return this.discovery
  }

  invalidateCredentials(scope: 'all' | 'client' | 'tokens' | 'verifier' | 'discovery'): void {
    if (scope === 'all' || scope === 'tokens') this.savedTokens = undefined
    if (scope === 'all' || scope === 'verifier') this.verifier = undefined
    if (scope === 'all' || scope === 'discovery') this.discovery = undefined
  }

  async redirectToAuthorization(authorizationUrl: URL): Promise<void> {
    const params = await authorizeInBrowser({
      ...this.user,
      url: authorizationUrl,
      redirectUri: this.redirectUrl,
      label: 'mcp',
    })
    const error = params.get('error')
    if (error) throw new Error(`authorization refused: ${error} ${params.get('error_description') ?? ''}`)
    if (params.get('state') !== this.expectedState) throw new Error('callback state is not the one sent')
    // RFC 9207: the issuer that answered must be the one discovery chose (mix-up defence).
    const iss = params.get('iss')
    const issuer = this.discovery?.authorizationServerMetadata?.issuer ?? this.discovery?.authorizationServerUrl
    if (iss !== null && issuer !== undefined && iss !== issuer) {
      throw new Error(`callback iss ${iss} is not the discovered issuer ${issuer}`)
    }
    this.code = params.get('code') ?? undefined
    if (!this.code) throw new Error('callback without a code')
  }

  /** The code from the last pass through the pages (once). */
  takeAuthorizationCode(): string {
    const code = this.code
    if (!code) throw new Error('no authorization code: redirectToAuthorization has not run')
    this.code = undefined
    return code
  }
}

export type McpOAuth = {
  provider: AtprotoMcpOAuthProvider
  /** The DPoP fetch every SDK request goes through; its key is the one the tokens are bound to. */
  fetch: DpopFetch
}

/** A provider and a DPoP fetch with a fresh P-256 key, for one user. */
export async function createMcpOAuth(
  user: McpUser,
  callback: LoopbackCallback,
  scope: string = DEFAULT_SCOPE,
): Promise<McpOAuth> {
  return {
    provider: new AtprotoMcpOAuthProvider(user, callback.redirectUri, scope),
    fetch: createDpopFetch(await generateDpopKey()),
  }
}

/**
 * The SDK's auth() from discovery to tokens for `serverUrl` (its protected
 * resource metadata names the authorization server): the first call passes
 * the pages, the second exchanges the code. Returns the tokens.
 */
export async function authorizeMcp(serverUrl: string, oauth: McpOAuth): Promise<OAuthTokens> {
  const { provider, fetch } = oauth
  const scope = provider.scope
  const first = await auth(provider, { serverUrl, scope, fetchFn: fetch })
  if (first === 'REDIRECT') {
    const authorizationCode = provider.takeAuthorizationCode()
    const second = await auth(provider, { serverUrl, scope, authorizationCode, fetchFn: fetch })
    if (second !== 'AUTHORIZED') throw new Error(`auth() after the code answered ${second}`)
  }
  const tokens = provider.tokens()
  if (!tokens) throw new Error('auth() ended without tokens')
  return tokens
}

/**
 * An MCP client connected to `mcpUrl` as an MCP host does it: the transport
 * meets 401, runs auth() (discovery from the WWW-Authenticate header, the
 * pages), the code is handed back with finishAuth, and it connects again.
 */
export async function connectMcp(mcpUrl: string, oauth: McpOAuth): Promise<Client> {
  const url = new URL(mcpUrl)
  const transport = () => new StreamableHTTPClientTransport(url, { authProvider: oauth.provider, fetch: oauth.fetch })
  const client = new Client({ name: 'primal-pds-test', version: '0.0.0' })
  const first = transport()
  try {
    await client.connect(first)
    return client
  } catch (err) {
    if (!(err instanceof UnauthorizedError)) throw err
  }
  await first.finishAuth(oauth.provider.takeAuthorizationCode())
  await first.close()
  await client.connect(transport())
  return client
}
