// The OAuth flows test/oauth/oauth-flow.test.ts runs against primal-pds, run here
// against the official PDS (@atproto/pds, dev mode, issuer http://localhost:<port>)
// as the known-good reference: an atproto app (oauth-client-node, loopback
// client) signs in through the server's pages in Chromium and writes a record;
// hand-built DPoP proofs are accepted or refused as the spec says; an MCP
// client's auth() (@modelcontextprotocol/sdk) discovers the server, passes the
// same pages, and gets DPoP-bound tokens that work for an XRPC call. Each page
// passed is saved as a PNG; the test's diagnostics print where. The official
// PDS has no /mcp: a stand-in MCP server here, whose resource metadata names
// the official PDS as its authorization server, takes the MCP transport's
// path (401, discovery, pages, finishAuth, DPoP-bound calls) as ours does.
import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import { calculateJwkThumbprint, decodeJwt, EmbeddedJWK, jwtVerify } from 'jose'
import { startBrowser, type TestBrowser } from '../../test/helpers/browser.js'
import { accessTokenHash, dpopProof, dpopRequest, htuOf } from '../../test/helpers/dpop.js'
import { authorizeMcp, connectMcp, createMcpOAuth } from '../../test/helpers/mcp-oauth.js'
import {
  type LoopbackCallback,
  type OAuthApp,
  startLoopbackCallback,
  startOAuthApp,
} from '../../test/helpers/oauth-app.js'
import { startPlc, type TestPlc } from '../../test/helpers/plc.js'
import { plcUrlForOfficial } from '../migration-scenario.js'
import { type OfficialPds, startOfficial } from '../official.js'

let plc: TestPlc
let official: OfficialPds
let browser: TestBrowser
let app: OAuthApp
let mcpCallback: LoopbackCallback
// Screenshot paths go to the running test's diagnostics.
let diagnostic: (line: string) => void = () => {}

before(async () => {
  plc = await startPlc()
  // Dev mode: PDS_HOSTNAME=localhost makes the issuer and the DID documents' endpoint http://localhost:<port>,
  // the only plain-http issuer the OAuth libraries accept.
  official = await startOfficial({ domains: 1, devMode: true, plcUrl: plcUrlForOfficial(plc) })
  browser = await startBrowser({ log: (line) => diagnostic(line) })
  app = await startOAuthApp({ handleResolver: official.publicUrl, plcDirectoryUrl: plc.url })
  mcpCallback = await startLoopbackCallback()
})

after(async () => {
  await mcpCallback?.close()
  await app?.close()
  await browser?.close()
  await official?.close()
  await plc?.close()
})

test('an atproto app signs in through the official PDS pages and writes a record with its session', async (t) => {
  diagnostic = (line) => t.diagnostic(line)
  const alice = await official.createAccount('alice', 0)

  const { session, agent, tokenSet } = await app.signIn({ browser, identifier: alice.handle, password: alice.password })
  assert.equal(session.did, alice.did)
  assert.equal(tokenSet.token_type, 'DPoP')
  assert.equal(tokenSet.iss, official.publicUrl)
  assert.deepEqual(tokenSet.scope.split(' ').sort(), ['atproto', 'transition:generic'])

  const created = await agent.com.atproto.repo.createRecord({
    repo: alice.did,
    collection: 'app.bsky.feed.post',
    record: { $type: 'app.bsky.feed.post', text: 'signed in with OAuth', createdAt: new Date().toISOString() },
  })
  assert.ok(created.data.uri.startsWith(`at://${alice.did}/app.bsky.feed.post/`))
  const read = await agent.com.atproto.repo.getRecord({
    repo: alice.did,
    collection: 'app.bsky.feed.post',
    rkey: created.data.uri.split('/').pop() as string,
  })
  assert.equal((read.data.value as { text: string }).text, 'signed in with OAuth')
})

test('the official PDS takes a hand-built DPoP proof and refuses a replayed one, a wrong htu, a wrong htm and a made-up nonce', async (t) => {
  diagnostic = (line) => t.diagnostic(line)
  const bob = await official.createAccount('bob', 0)
  await app.signIn({ browser, identifier: bob.handle, password: bob.password })
  const { tokenSet, dpopKey } = await app.rawSession(bob.did)
  const accessToken = tokenSet.access_token
  const url = `${official.publicUrl}/xrpc/com.atproto.server.getSession`
  const proof = (claims: { htm?: string; htu?: string; nonce?: string; jti?: string }) =>
    dpopProof(dpopKey, { htm: 'GET', htu: htuOf(url), accessToken, ...claims })

  // The server's current nonce: it sends one on every answer to a DPoP request.
  const first = await dpopRequest(url, { accessToken, proof: await proof({}) })
  const nonce = first.headers.get('dpop-nonce') ?? undefined
  t.diagnostic(`no-nonce proof: HTTP ${first.status} ${first.headers.get('www-authenticate') ?? ''}`)
  assert.ok(nonce, 'the server sends a DPoP-Nonce')

  const jti = crypto.randomUUID()
  const good = await dpopRequest(url, { accessToken, proof: await proof({ nonce, jti }) })
  assert.equal(good.status, 200)
  assert.equal(((await good.json()) as { did: string }).did, bob.did)

  const refusals: Record<string, Response> = {
    replayed: await dpopRequest(url, { accessToken, proof: await proof({ nonce, jti }) }),
    'wrong htu': await dpopRequest(url, {
      accessToken,
      proof: await proof({ nonce, htu: `${official.publicUrl}/xrpc/com.atproto.server.describeServer` }),
    }),
    'wrong htm': await dpopRequest(url, { accessToken, proof: await proof({ nonce, htm: 'POST' }) }),
    'made-up nonce': await dpopRequest(url, { accessToken, proof: await proof({ nonce: 'not-a-nonce-it-sent' }) }),
  }
  for (const [what, res] of Object.entries(refusals)) {
    const body = await res.text()
    t.diagnostic(`${what}: HTTP ${res.status} ${res.headers.get('www-authenticate') ?? ''} ${body}`)
    assert.equal(res.status, 401, `${what}: ${body}`)
  }
})

test("an MCP client's auth() discovers the official PDS, passes its pages and gets DPoP-bound tokens that call XRPC", async (t) => {
  diagnostic = (line) => t.diagnostic(line)
  const carol = await official.createAccount('carol', 0)
  const oauth = await createMcpOAuth(
    { browser, identifier: carol.handle, password: carol.password },
    mcpCallback,
    'atproto transition:generic',
  )

  const tokens = await authorizeMcp(official.publicUrl, oauth)
  const discovered = oauth.provider.discoveryState()
  assert.equal(discovered?.authorizationServerUrl, official.publicUrl)
  assert.equal(discovered?.authorizationServerMetadata?.issuer, official.publicUrl)
  assert.equal(discovered?.resourceMetadata?.resource, official.publicUrl)
  assert.equal(tokens.token_type, 'DPoP')
  assert.ok(tokens.refresh_token)

  // As the MCP transport sends it: a Bearer header the DPoP fetch turns into DPoP with a proof.
  const res = await oauth.fetch(`${official.publicUrl}/xrpc/com.atproto.server.getSession`, {
    headers: { authorization: `Bearer ${tokens.access_token}` },
  })
  assert.equal(res.status, 200, await res.clone().text())
  const body = (await res.json()) as { did: string; handle: string }
  assert.equal(body.did, carol.did)
  assert.equal(body.handle, carol.handle)
})

test('an MCP client connects through the SDK transport to a server whose resource metadata names the official PDS', async (t) => {
  diagnostic = (line) => t.diagnostic(line)
  const dave = await official.createAccount('dave', 0)
  const standIn = await startStandInMcp(official.publicUrl)
  t.after(() => standIn.close())
  const oauth = await createMcpOAuth({ browser, identifier: dave.handle, password: dave.password }, mcpCallback)

  const client = await connectMcp(standIn.url, oauth)
  t.after(() => client.close())
  const result = await client.callTool({ name: 'whoami', arguments: {} })
  assert.deepEqual(result.content, [{ type: 'text', text: dave.did }])
  assert.equal(oauth.provider.discoveryState()?.authorizationServerUrl, official.publicUrl)
  assert.ok(standIn.refused >= 1, 'the first call, without a token, was refused with 401')
})

type StandInMcp = { url: string; refused: number; close(): Promise<void> }

/**
 * An MCP server (stateless, one tool `whoami` answering the token's subject)
 * guarding /mcp as a resource server of `issuer` would: no valid DPoP-bound
 * token, 401 with a Bearer challenge naming its resource metadata (the SDK
 * reads resource_metadata only from a Bearer challenge). It checks the proof
 * (signature, htm, htu, ath, key thumbprint = the token's cnf.jkt) but cannot
 * check the token's own signature, which only its issuer can (HS256).
 */
async function startStandInMcp(issuer: string): Promise<StandInMcp> {
  let refused = 0
  let base = ''
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/.well-known/oauth-protected-resource/mcp') {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          resource: `${base}/mcp`,
          authorization_servers: [issuer],
          bearer_methods_supported: ['header'],
        }),
      )
      return
    }
    if (req.url !== '/mcp') {
      res.writeHead(404).end()
      return
    }
    const sub = await dpopSubject(req, `${base}/mcp`).catch(() => undefined)
    if (!sub) {
      refused += 1
      res.writeHead(401, {
        'www-authenticate': `Bearer resource_metadata="${base}/.well-known/oauth-protected-resource/mcp", DPoP algs="ES256"`,
      })
      res.end()
      return
    }
    if (req.method !== 'POST') {
      // Stateless: no stream for server-initiated messages, as the SDK's stateless example answers.
      res.writeHead(405, { allow: 'POST' }).end()
      return
    }
    const server = new McpServer({ name: 'stand-in', version: '0.0.0' })
    server.registerTool('whoami', { description: 'the DID the token speaks for' }, () => ({
      content: [{ type: 'text', text: sub }],
    }))
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true })
    res.on('close', () => {
      void transport.close()
      void server.close()
    })
    await server.connect(transport)
    await transport.handleRequest(req, res)
  }
  const http: Server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) res.writeHead(500).end(String(err))
    })
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  return {
    url: `${base}/mcp`,
    get refused() {
      return refused
    },
    close: () =>
      new Promise((resolve) => {
        http.close(() => resolve())
        http.closeAllConnections()
      }),
  }
}

/** The token's subject when the request proves possession of the key the token is bound to; else throws. */
async function dpopSubject(req: IncomingMessage, htu: string): Promise<string> {
  const token = req.headers.authorization?.match(/^DPoP (.+)$/)?.[1]
  const proof = req.headers.dpop
  if (!token || typeof proof !== 'string') throw new Error('no DPoP token and proof')
  const { payload, protectedHeader } = await jwtVerify(proof, EmbeddedJWK, { typ: 'dpop+jwt', maxTokenAge: 60 })
  if (payload.htm !== req.method || payload.htu !== htu) throw new Error('proof for another request')
  if (payload.ath !== accessTokenHash(token)) throw new Error('proof for another token')
  const claims = decodeJwt(token) as { sub?: string; cnf?: { jkt?: string } }
  if (
    claims.cnf?.jkt !==
    (await calculateJwkThumbprint(protectedHeader.jwk as Parameters<typeof calculateJwkThumbprint>[0]))
  ) {
    throw new Error('token bound to another key')
  }
  if (!claims.sub) throw new Error('token without sub')
  return claims.sub
}
