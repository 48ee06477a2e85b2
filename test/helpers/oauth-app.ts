// An AT Protocol OAuth app for end-to-end tests, as apps are built: a
// NodeOAuthClient (@atproto/oauth-client-node) using the loopback development
// client (client_id http://localhost?redirect_uri=…&scope=…, no metadata
// document to host), a callback server on 127.0.0.1, in-memory stores, and
// identity resolution pointed at the test's PDS and PLC directory. `signIn`
// drives the authorization server's pages in Chromium (test/helpers/browser.ts)
// like a user: sign in, pick the account, accept. Only URLs come in, so the
// same helper runs against the official PDS and against ours.
import { createHash, randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Agent } from '@atproto/api'
import {
  buildAtprotoLoopbackClientMetadata,
  JoseKey,
  NodeOAuthClient,
  type NodeSavedSession,
  type NodeSavedState,
  type OAuthSession,
  requestLocalLock,
  type TokenSet,
} from '@atproto/oauth-client-node'
import type { JWK } from 'jose'
import type { Page } from 'playwright-core'
import type { TestBrowser } from './browser.js'
import { type DpopKey, dpopKeyFromJwk } from './dpop.js'

/** What AT Protocol apps ask for today: the account's repo and the transitional "everything else". */
export const DEFAULT_SCOPE = 'atproto transition:generic'

const PAGE_TIMEOUT_MS = 30_000

export type LoopbackCallback = {
  /** http://127.0.0.1:<port>/callback */
  redirectUri: string
  close(): Promise<void>
}

/**
 * The app's redirect target: a loopback HTTP server that answers any /callback
 * with a small page, so the browser lands somewhere a screenshot can show. The
 * parameters are read from the browser's URL, not from here.
 */
export async function startLoopbackCallback(): Promise<LoopbackCallback> {
  const server: Server = createServer((req, res) => {
    const ok = req.url?.startsWith('/callback')
    res.writeHead(ok ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' })
    res.end(ok ? '<!doctype html><title>callback</title><h1>Back at the app</h1>' : 'not found')
  })
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    redirectUri: `http://127.0.0.1:${port}/callback`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** The loopback client's id: its redirect URI and scope in the query, as the atproto spec defines it. */
export function loopbackClientId(redirectUri: string, scope: string): string {
  return buildAtprotoLoopbackClientMetadata({ scope, redirect_uris: [redirectUri] }).client_id
}

export type AuthorizeInBrowserOpts = {
  browser: TestBrowser
  /** The authorization URL the client built. */
  url: string | URL
  /** Where the server sends the browser back; the flow ends when the page gets there. */
  redirectUri: string
  identifier: string
  password: string
  /** Screenshot every page passed (default true). */
  screenshots?: boolean
  /** Prefix for screenshot names, to tell flows apart. */
  label?: string
}

/**
 * Passes the authorization server's pages as a user: types the identifier and
 * password into the sign-in form, picks the account if asked, accepts on the
 * consent page. Returns the query of the redirect back to the app (code, state,
 * iss; or error).
 */
export async function authorizeInBrowser(opts: AuthorizeInBrowserOpts): Promise<URLSearchParams> {
  const page = await opts.browser.newPage()
  page.setDefaultTimeout(PAGE_TIMEOUT_MS)
  const shot = async (name: string) => {
    if (opts.screenshots !== false) await opts.browser.screenshot(page, `${opts.label ?? 'oauth'}-${name}`)
  }
  const back = (u: URL) => u.href.startsWith(opts.redirectUri)
  try {
    await page.goto(String(opts.url))
    await passPages(page, opts, back, shot).catch(async (err) => {
      // The page it stopped at is what a reviewer needs to see.
      await shot('stuck').catch(() => {})
      throw err
    })
    await page.waitForURL(back)
    await page.waitForLoadState('load')
    await shot('callback')
    return new URL(page.url()).searchParams
  } finally {
    await page.close()
  }
}

/** Each of the UI's pages in turn until the browser leaves for the app. */
async function passPages(
  page: Page,
  opts: AuthorizeInBrowserOpts,
  back: (u: URL) => boolean,
  shot: (name: string) => Promise<void>,
): Promise<void> {
  const password = page.locator('input[name="password"]')
  const accept = page.getByRole('button', { name: /^(accept|authorize|allow)$/i })
  // Without a login_hint the UI first offers "Create a new account" or "Sign in".
  const welcome = page.getByRole('button', { name: /^create a new account$/i })
  // Accounts this browser signed in to before, offered by handle.
  const remembered = page.getByRole('button', { name: new RegExp(escapeRegExp(opts.identifier), 'i') })
  const returned = page.waitForURL(back, { waitUntil: 'commit' }).then(() => 'back' as const)
  for (let step = 0; step < 10; step++) {
    const seen = await Promise.race([
      returned,
      password.waitFor({ state: 'visible' }).then(() => 'sign-in' as const),
      accept.waitFor({ state: 'visible' }).then(() => 'consent' as const),
      welcome.waitFor({ state: 'visible' }).then(() => 'welcome' as const),
      remembered
        .first()
        .waitFor({ state: 'visible' })
        .then(() => 'select-account' as const),
    ])
    if (seen === 'back') return
    if (seen === 'welcome') {
      await shot('welcome')
      await page.getByRole('button', { name: /^sign in$/i }).click()
      await welcome.waitFor({ state: 'hidden' })
      continue
    }
    if (seen === 'select-account') {
      await shot('select-account')
      await remembered.first().click()
      await remembered.first().waitFor({ state: 'hidden' })
      continue
    }
    if (seen === 'sign-in') {
      await shot('sign-in')
      // With a login_hint the UI fills the username in and makes it read-only.
      const identifier = page.locator('input[name="username"]')
      if ((await identifier.isVisible()) && (await identifier.isEditable())) await identifier.fill(opts.identifier)
      await password.fill(opts.password)
      await shot('sign-in-filled')
      await page.getByRole('button', { name: /^(sign in|next|continue|log in)$/i }).click()
      // Past the form, or refused on it (the UI shows the refusal under the form and stays).
      const refusal = page.getByText(/invalid|incorrect|wrong|taken down|deactivated|not allowed/i).first()
      const outcome = await Promise.race([
        password.waitFor({ state: 'hidden' }).then(() => 'past' as const),
        refusal.waitFor({ state: 'visible' }).then(() => 'refused' as const),
      ])
      if (outcome === 'refused') {
        await shot('sign-in-refused')
        throw new Error(`sign-in refused: ${await refusal.innerText()}`)
      }
    } else {
      await shot('consent')
      await accept.click()
      await accept.waitFor({ state: 'hidden' })
    }
  }
  throw new Error(`OAuth pages did not lead back to ${opts.redirectUri}; stuck at ${page.url()}`)
}

export type OAuthAppOpts = {
  /** A PDS (or any server with com.atproto.identity.resolveHandle) that resolves the test's handles. */
  handleResolver: string
  /** The test's PLC directory. */
  plcDirectoryUrl: string
  /** The scope the loopback client id declares; each sign-in may ask for less. Default DEFAULT_SCOPE. */
  scope?: string
}

export type SignInOpts = {
  browser: TestBrowser
  /** Handle or DID (or a PDS/entryway URL) to start from, as a user types it into an app. */
  identifier: string
  password: string
  scope?: string
  screenshots?: boolean
}

export type SignedIn = {
  session: OAuthSession
  /** An @atproto/api Agent making its calls through the session (DPoP, refresh). */
  agent: Agent
  /** The session's tokens as stored (refreshed if due). */
  tokenSet: TokenSet
  /** The session's DPoP key, for proofs a test builds itself (test/helpers/dpop.ts). */
  dpopKey: DpopKey
}

export type OAuthApp = {
  client: NodeOAuthClient
  clientId: string
  redirectUri: string
  signIn(opts: SignInOpts): Promise<SignedIn>
  /** The stored token set and DPoP key of a signed-in account. */
  rawSession(did: string): Promise<{ tokenSet: TokenSet; dpopKey: DpopKey }>
  close(): Promise<void>
}

/** Starts the app's callback server and builds its OAuth client. */
export async function startOAuthApp(opts: OAuthAppOpts): Promise<OAuthApp> {
  const scope = opts.scope ?? DEFAULT_SCOPE
  const callback = await startLoopbackCallback()
  const states = new Map<string, NodeSavedState>()
  const sessions = new Map<string, NodeSavedSession>()
  const clientMetadata = buildAtprotoLoopbackClientMetadata({ scope, redirect_uris: [callback.redirectUri] })
  const client = new NodeOAuthClient({
    clientMetadata,
    // Everything is plain http on loopback: the PDS, its metadata, the PLC directory.
    allowHttp: true,
    handleResolver: opts.handleResolver,
    plcDirectoryUrl: opts.plcDirectoryUrl,
    runtimeImplementation: {
      requestLock: requestLocalLock,
      // P-256, as browser apps (WebCrypto) use, rather than the first algorithm the server lists
      // (ES256K from the official PDS): node's WebCrypto, and so jose, cannot sign with secp256k1,
      // and the tests build their own proofs with the session's key.
      createKey: (algs) => JoseKey.generate(algs.includes('ES256') ? ['ES256'] : algs),
      getRandomValues: randomBytes,
      digest: (bytes, algorithm) => createHash(algorithm.name).update(bytes).digest(),
    },
    stateStore: mapStore(states),
    sessionStore: mapStore(sessions),
  })
  const rawSession = async (did: string) => {
    const saved = sessions.get(did)
    if (!saved) throw new Error(`no OAuth session for ${did}`)
    return { tokenSet: saved.tokenSet, dpopKey: await dpopKeyFromJwk(saved.dpopJwk as JWK) }
  }
  return {
    client,
    clientId: clientMetadata.client_id,
    redirectUri: callback.redirectUri,
    rawSession,
    async signIn(s) {
      const url = await client.authorize(s.identifier, { scope: s.scope ?? scope })
      const params = await authorizeInBrowser({
        browser: s.browser,
        url,
        redirectUri: callback.redirectUri,
        identifier: s.identifier,
        password: s.password,
        screenshots: s.screenshots,
        label: 'app',
      })
      const { session } = await client.callback(params)
      const { tokenSet, dpopKey } = await rawSession(session.did)
      return { session, agent: new Agent(session), tokenSet, dpopKey }
    },
    close: () => callback.close(),
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** The SimpleStore the client's state and session stores take, on a Map. */
function mapStore<V>(map: Map<string, V>) {
  return {
    get: async (key: string) => map.get(key),
    set: async (key: string, value: V) => {
      map.set(key, value)
    },
    del: async (key: string) => {
      map.delete(key)
    },
  }
}
