// The OAuth flows the end-to-end tests will run against primal-pds, run here
// against the official PDS (@atproto/pds, dev mode, issuer http://localhost:<port>)
// as the known-good reference: an atproto app (oauth-client-node, loopback
// client) signs in through the server's pages in Chromium and writes a record;
// hand-built DPoP proofs are accepted or refused as the spec says; an MCP
// client's auth() (@modelcontextprotocol/sdk) discovers the server, passes the
// same pages, and gets DPoP-bound tokens that work for an XRPC call. Each page
// passed is saved as a PNG; the test's diagnostics print where.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { startBrowser, type TestBrowser } from '../../test/helpers/browser.js'
import { dpopProof, dpopRequest, htuOf } from '../../test/helpers/dpop.js'
import { authorizeMcp, createMcpOAuth } from '../../test/helpers/mcp-oauth.js'
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
