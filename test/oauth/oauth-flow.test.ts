// OAuth end to end on primal-pds, as an app and a user meet it: an atproto
// app (@atproto/oauth-client-node, loopback client) signs a user in through
// our pages in headless Chromium and writes with its DPoP-bound token; users
// of two tenants sign in at the one issuer; suspended and deactivated
// accounts cannot; hand-built DPoP proofs are refused as the spec says; a
// revoked grant stops at once; granular scopes decide each XRPC call,
// proxied call and MCP tool; and an MCP client (@modelcontextprotocol/sdk)
// discovers us from /mcp's 401 and calls a tool. Each page passed is saved
// as a PNG, its path in the test's diagnostics.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { Agent } from '@atproto/api'
import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { closeAppContext, createAppContext } from '../../src/context.js'
import { startServer } from '../../src/http/server.js'
import { createLogger } from '../../src/lib/logger.js'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startBrowser, type TestBrowser } from '../helpers/browser.js'
import { dpopProof, dpopRequest, generateDpopKey, htuOf } from '../helpers/dpop.js'
import { connectMcp, createMcpOAuth } from '../helpers/mcp-oauth.js'
import { type LoopbackCallback, type OAuthApp, startLoopbackCallback, startOAuthApp } from '../helpers/oauth-app.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { type StandIn, startStandIn } from '../helpers/standin-services.js'
import { xrpc } from '../helpers/xrpc.js'

let plc: TestPlc
let t: TestServer
let appView: StandIn
let browser: TestBrowser
let app: OAuthApp
let mcpCallback: LoopbackCallback
let diagnostic: (line: string) => void = () => {}

/** The stand-in AppView as a grant's rpc: names it. */
const appViewAud = () => encodeURIComponent(`${appView.did}#bsky_appview`)

before(async () => {
  plc = await startPlc()
  appView = await startStandIn(plc.url)
  t = await startTestServer({
    localhostUrl: true,
    config: {
      plcEndpoint: plc.url,
      appView: { url: appView.urls.bsky_appview, did: appView.did },
      proxy: { allowPrivateNetwork: true },
    },
  })
  await addDomain(t, 'alpha-oauth.test')
  await addDomain(t, 'beta-oauth.test')
  browser = await startBrowser({ log: (line) => diagnostic(line) })
  app = await startOAuthApp({ handleResolver: t.url, plcDirectoryUrl: plc.url, scope: fullScope() })
  mcpCallback = await startLoopbackCallback()
})

after(async () => {
  await mcpCallback?.close()
  await app?.close()
  await browser?.close()
  await t?.close()
  await appView?.close()
  await plc?.close()
})

/** A service other than our AppView, and a chat service, as grants name them. */
const OTHER_SERVICE = 'did:web:other.example#svc'
const CHAT_SERVICE = 'did:web:chat.example#bsky_chat'

/** Everything the tests below ask of the loopback client at one time or another. */
const fullScope = () =>
  [
    'atproto',
    'transition:generic',
    'repo:is.gather.feed.post',
    'repo:app.bsky.feed.post?action=create',
    'blob:image/*',
    'account:email?action=manage',
    'identity:handle',
    `rpc:app.bsky.feed.getTimeline?aud=${appViewAud()}`,
    `rpc:app.bsky.actor.getPreferences?aud=${encodeURIComponent(OTHER_SERVICE)}`,
    `rpc:chat.bsky.convo.getLog?aud=${encodeURIComponent(CHAT_SERVICE)}`,
    'repo:app.bsky.feed.like?action=update',
  ].join(' ')

test('an app signs a user in through our pages and writes a record with its DPoP-bound token', async (tc) => {
  diagnostic = (line) => tc.diagnostic(line)
  const made = await xrpc(t.url, 'host.primal.pds.createAccount', {
    auth: t.adminKey,
    body: { handle: 'alice.alpha-oauth.test', password: 'correct horse battery', email: 'alice@alpha-oauth.test' },
  })
  assert.equal(made.status, 200, JSON.stringify(made.body))
  const alice = { did: String(made.body.did), handle: 'alice.alpha-oauth.test', password: 'correct horse battery' }
  const { agent, session, tokenSet } = await app.signIn({
    browser,
    identifier: alice.handle,
    password: alice.password,
    scope: 'atproto transition:generic',
    screenshots: true,
  })
  assert.equal(session.did, alice.did)
  assert.equal(tokenSet.token_type, 'DPoP')
  assert.equal(tokenSet.iss, t.url)
  const created = await agent.com.atproto.repo.createRecord({
    repo: alice.did,
    collection: 'app.bsky.feed.post',
    record: { $type: 'app.bsky.feed.post', text: 'signed in with OAuth', createdAt: new Date().toISOString() },
  })
  assert.ok(created.data.uri.startsWith(`at://${alice.did}/app.bsky.feed.post/`))
  const { data: me } = await agent.com.atproto.server.getSession()
  assert.equal(me.handle, alice.handle)
  // Without account:email (or transition:email) the grant does not show the email; a session token does.
  assert.equal(me.email, undefined)
  // A refresh (forced here) rotates the tokens, and the new access token works.
  const refreshed = await app.client.restore(alice.did, true)
  assert.notEqual((await app.rawSession(alice.did)).tokenSet.access_token, tokenSet.access_token)
  assert.equal((await new Agent(refreshed).com.atproto.server.getSession()).data.did, alice.did)
  // The legacy session tokens keep working beside OAuth.
  const legacy = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: alice.handle, password: alice.password },
  })
  assert.equal(legacy.status, 200)
  assert.equal(legacy.body.email, 'alice@alpha-oauth.test')
})

test("the pages carry the user's domain beside the service's name when the app names the account", async (tc) => {
  diagnostic = (line) => tc.diagnostic(line)
  const gina = await createAccount(t, 'gina.beta-oauth.test')
  const page = await browser.newPage()
  try {
    // The app passes the handle the user typed as login_hint: the page is that domain's.
    await page.goto(String(await app.client.authorize(gina.handle, { scope: 'atproto' })))
    await page.getByText('beta-oauth.test · primal-pds').first().waitFor({ state: 'visible' })
    await browser.screenshot(page, 'branded-sign-in')
    // A request made without PAR (as the MCP SDK makes them) names its hint in the URL.
    const direct = new URL('/oauth/authorize', t.url)
    for (const [name, value] of Object.entries({
      client_id: app.clientId,
      redirect_uri: app.redirectUri,
      response_type: 'code',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
      scope: 'atproto',
      state: 'branding',
      login_hint: gina.handle,
    })) {
      direct.searchParams.set(name, value)
    }
    await page.goto(direct.toString())
    await page.getByText('beta-oauth.test · primal-pds').first().waitFor({ state: 'visible' })
    // Without a hint (the user types the server's address instead), the service's own name.
    await page.goto(String(await app.client.authorize(t.url, { scope: 'atproto' })))
    await page.getByText('primal-pds', { exact: true }).first().waitFor({ state: 'visible' })
    assert.equal(await page.getByText('beta-oauth.test · primal-pds').count(), 0)
  } finally {
    await page.close()
  }
})

test('users of two tenants sign in at the one issuer; suspended and deactivated accounts cannot', async (tc) => {
  diagnostic = (line) => tc.diagnostic(line)
  const bob = await createAccount(t, 'bob.beta-oauth.test')
  const signed = await app.signIn({ browser, identifier: bob.handle, password: bob.password, scope: 'atproto' })
  assert.equal(signed.session.did, bob.did)
  assert.equal(signed.tokenSet.iss, t.url)

  const suspended = await createAccount(t, 'sus.alpha-oauth.test')
  const status = await xrpc(t.url, 'host.primal.pds.updateAccountStatus', {
    auth: t.adminKey,
    body: { did: suspended.did, status: 'suspended' },
  })
  assert.equal(status.status, 200, JSON.stringify(status.body))
  await assert.rejects(
    app.signIn({ browser, identifier: suspended.handle, password: suspended.password, scope: 'atproto' }),
    /sign-in refused/,
  )

  const sleeper = await createAccount(t, 'sleeper.beta-oauth.test')
  const login = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: sleeper.handle, password: sleeper.password },
  })
  const off = await xrpc(t.url, 'com.atproto.server.deactivateAccount', {
    auth: String(login.body.accessJwt),
    body: {},
  })
  assert.equal(off.status, 200, JSON.stringify(off.body))
  await assert.rejects(
    app.signIn({ browser, identifier: sleeper.handle, password: sleeper.password, scope: 'atproto' }),
    /sign-in refused/,
  )
})

test('DPoP proofs: a replay, a wrong htu or htm and a made-up nonce are refused; a revoked grant stops at once', async (tc) => {
  diagnostic = (line) => tc.diagnostic(line)
  const carol = await createAccount(t, 'carol.alpha-oauth.test')
  const { session } = await app.signIn({
    browser,
    identifier: carol.handle,
    password: carol.password,
    scope: 'atproto',
  })
  const { tokenSet, dpopKey } = await app.rawSession(carol.did)
  const accessToken = tokenSet.access_token
  const url = `${t.url}/xrpc/com.atproto.server.getSession`
  const proof = (claims: { htm?: string; htu?: string; nonce?: string; jti?: string }) =>
    dpopProof(dpopKey, { htm: 'GET', htu: htuOf(url), accessToken, ...claims })

  // Every answer to a DPoP request carries the nonce to use next.
  const first = await dpopRequest(url, { accessToken, proof: await proof({}) })
  const nonce = first.headers.get('dpop-nonce') ?? undefined
  assert.ok(nonce, 'a DPoP-Nonce is sent')
  const jti = crypto.randomUUID()
  const good = await dpopRequest(url, { accessToken, proof: await proof({ nonce, jti }) })
  assert.equal(good.status, 200, await good.clone().text())
  assert.equal(((await good.json()) as { did: string }).did, carol.did)

  const refusals: Record<string, Response> = {
    replayed: await dpopRequest(url, { accessToken, proof: await proof({ nonce, jti }) }),
    'wrong htu': await dpopRequest(url, {
      accessToken,
      proof: await proof({ nonce, htu: `${t.url}/xrpc/com.atproto.server.describeServer` }),
    }),
    'wrong htm': await dpopRequest(url, { accessToken, proof: await proof({ nonce, htm: 'POST' }) }),
    'made-up nonce': await dpopRequest(url, { accessToken, proof: await proof({ nonce: 'not-a-nonce-we-sent' }) }),
    // The token taken by another client, which proves with a key of its own: the token is bound to the app's.
    "another client's key": await dpopRequest(url, {
      accessToken,
      proof: await dpopProof(await generateDpopKey(), { htm: 'GET', htu: htuOf(url), accessToken, nonce }),
    }),
    'as a Bearer token': await fetch(url, { headers: { authorization: `Bearer ${accessToken}` } }),
  }
  for (const [what, res] of Object.entries(refusals)) {
    const body = await res.text()
    tc.diagnostic(`${what}: HTTP ${res.status} ${res.headers.get('www-authenticate') ?? ''} ${body}`)
    assert.ok(res.status === 401 || res.status === 400, `${what}: ${res.status} ${body}`)
    assert.match(body, /"error":"(invalid_dpop_proof|use_dpop_nonce|InvalidToken|invalid_token)"/, what)
  }

  // The app signs out: the grant is revoked, and its token is refused from the next request on.
  await session.signOut()
  const after = await dpopRequest(url, { accessToken, proof: await proof({ nonce }) })
  assert.equal(after.status, 401, await after.clone().text())
  // Its refresh token is refused too: the client cannot get the session back.
  await assert.rejects(app.client.restore(carol.did, true))
})

test('granular scopes decide each XRPC call, proxied call and MCP tool', async (tc) => {
  diagnostic = (line) => tc.diagnostic(line)
  const dave = await createAccount(t, 'dave.beta-oauth.test')
  const scope = [
    'atproto',
    'repo:is.gather.feed.post',
    'repo:app.bsky.feed.post?action=create',
    'blob:image/*',
    'account:email?action=manage',
    `rpc:app.bsky.feed.getTimeline?aud=${appViewAud()}`,
    `rpc:app.bsky.actor.getPreferences?aud=${encodeURIComponent(OTHER_SERVICE)}`,
    `rpc:chat.bsky.convo.getLog?aud=${encodeURIComponent(CHAT_SERVICE)}`,
    'repo:app.bsky.feed.like?action=update',
  ].join(' ')
  const { agent } = await app.signIn({ browser, identifier: dave.handle, password: dave.password, scope })
  const post = { $type: 'app.bsky.feed.post', text: 'scoped', createdAt: new Date().toISOString() }

  // repo: create in the named collection, not delete; nothing in another collection.
  const made = await agent.com.atproto.repo.createRecord({
    repo: dave.did,
    collection: 'app.bsky.feed.post',
    record: post,
  })
  await assert.rejects(
    agent.com.atproto.repo.deleteRecord({
      repo: dave.did,
      collection: 'app.bsky.feed.post',
      rkey: made.data.uri.split('/').pop() as string,
    }),
    /Missing required scope "repo:app.bsky.feed.post\?action=delete"/,
  )
  await assert.rejects(
    agent.com.atproto.repo.createRecord({
      repo: dave.did,
      collection: 'app.bsky.feed.like',
      record: {
        $type: 'app.bsky.feed.like',
        subject: { uri: made.data.uri, cid: made.data.cid },
        createdAt: post.createdAt,
      },
    }),
    /Missing required scope/,
  )
  // blob: images, not video.
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
  const blob = await agent.com.atproto.repo.uploadBlob(png, { encoding: 'image/png' })
  assert.equal(blob.data.blob.mimeType, 'image/png')
  await assert.rejects(
    agent.com.atproto.repo.uploadBlob(png, { encoding: 'video/mp4' }),
    /Missing required scope "blob/,
  )
  // account: the email's confirmation (mail is not configured here: past the grant, the method's own 400).
  await assert.rejects(
    agent.com.atproto.server.requestEmailConfirmation(),
    (err: { status?: number; error?: string }) => {
      assert.notEqual(err.error, 'ScopeMissingError')
      return true
    },
  )
  await assert.rejects(agent.com.atproto.server.deactivateAccount({}), /Missing required scope "account:status/)
  // identity: not granted, so no handle change; methods for the password only are closed to any grant.
  await assert.rejects(
    agent.com.atproto.identity.updateHandle({ handle: 'dave2.beta-oauth.test' }),
    /Missing required scope "identity:handle"/,
  )
  await assert.rejects(
    agent.com.atproto.server.createAppPassword({ name: 'nope' }),
    /OAuth credentials are not supported/,
  )
  // rpc: the timeline at the AppView, not the preferences nor another method.
  const timeline = await agent.app.bsky.feed.getTimeline({})
  assert.equal(timeline.success, true)
  await assert.rejects(agent.app.bsky.feed.getAuthorFeed({ actor: dave.did }), /Missing required scope "rpc:/)
  await assert.rejects(
    agent.app.bsky.actor.getPreferences(),
    /Missing required scope "rpc:app.bsky.actor.getPreferences/,
  )
  // The preferences are answered here for our AppView: a grant for another service does not reach them by naming it.
  await assert.rejects(
    agent.app.bsky.actor.getPreferences({}, { headers: { 'atproto-proxy': OTHER_SERVICE } }),
    /Missing required scope "rpc:app.bsky.actor.getPreferences/,
  )
  // Our update creates a record that is not there: an update-only grant cannot create through applyWrites.
  await assert.rejects(
    agent.com.atproto.repo.applyWrites({
      repo: dave.did,
      writes: [
        {
          $type: 'com.atproto.repo.applyWrites#update',
          collection: 'app.bsky.feed.like',
          rkey: '3kaaaaaaaaaa2',
          value: {
            $type: 'app.bsky.feed.like',
            subject: { uri: made.data.uri, cid: made.data.cid },
            createdAt: post.createdAt,
          },
        },
      ],
    }),
    /Missing required scope "repo:app.bsky.feed.like\?action=create"/,
  )
  // A service-auth token for a chat method the grant's rpc: names (a privileged method for app passwords).
  const minted = await agent.com.atproto.server.getServiceAuth({ aud: CHAT_SERVICE, lxm: 'chat.bsky.convo.getLog' })
  assert.ok(minted.data.token)
  await assert.rejects(
    agent.com.atproto.server.getServiceAuth({ aud: CHAT_SERVICE, lxm: 'chat.bsky.convo.sendMessage' }),
    /Missing required scope "rpc:chat.bsky.convo.sendMessage/,
  )
  assert.ok(appView.calls.some((call) => call.nsid === 'app.bsky.feed.getTimeline'))
  assert.ok(!appView.calls.some((call) => call.nsid === 'app.bsky.feed.getAuthorFeed'))
})

test('identity: a grant for the handle changes it, and no more of the identity', async (tc) => {
  diagnostic = (line) => tc.diagnostic(line)
  const dora = await createAccount(t, 'dora.alpha-oauth.test')
  const { agent } = await app.signIn({
    browser,
    identifier: dora.handle,
    password: dora.password,
    scope: 'atproto identity:handle',
  })
  await agent.com.atproto.identity.updateHandle({ handle: 'dora2.alpha-oauth.test' })
  assert.equal((await agent.com.atproto.server.getSession()).data.handle, 'dora2.alpha-oauth.test')
  await assert.rejects(
    agent.com.atproto.identity.signPlcOperation({ token: 'AAAAA-AAAAA' }),
    /Missing required scope "identity:\*"/,
  )
})

test('an MCP client discovers us from /mcp, signs in through our pages, and its grant decides which tools it may use', async (tc) => {
  diagnostic = (line) => tc.diagnostic(line)
  const erin = await createAccount(t, 'erin.alpha-oauth.test')
  const none = await fetch(`${t.url}/mcp`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  })
  assert.equal(none.status, 401)
  assert.equal(
    none.headers.get('www-authenticate'),
    `Bearer resource_metadata="${t.url}/.well-known/oauth-protected-resource/mcp"`,
  )
  const oauth = await createMcpOAuth(
    { browser, identifier: erin.handle, password: erin.password, screenshots: true },
    mcpCallback,
    'atproto repo:is.gather.feed.post',
  )
  let client: Client | undefined
  try {
    client = await connectMcp(`${t.url}/mcp`, oauth)
    assert.equal(oauth.provider.discoveryState()?.authorizationServerUrl, t.url)
    const posted = await client.callTool({ name: 'create_post', arguments: { text: 'hello from an MCP client' } })
    assert.notEqual(posted.isError, true, JSON.stringify(posted.content))
    const uri = String((posted.structuredContent as { uri?: string }).uri)
    assert.ok(uri.startsWith(`at://${erin.did}/is.gather.feed.post/`))
    const skill = await client.callTool({
      name: 'publish_skill',
      arguments: { slug: 'nope', name: 'Nope', description: 'not granted', version: '1.0.0' },
    })
    assert.equal(skill.isError, true)
    const [refusal] = skill.content as { text: string }[]
    assert.match(refusal?.text ?? '', /Missing required scope "repo:is.gather.skill.listing/)
    // Reading the inbox is a method of its own: a grant to post does not reach it, by MCP as by XRPC.
    const inbox = await client.callTool({ name: 'list_notifications', arguments: {} })
    assert.equal(inbox.isError, true)
    assert.match(
      (inbox.content as { text: string }[])[0]?.text ?? '',
      /Missing required scope "rpc:is\.gather\.notification\.list/,
    )
  } finally {
    await client?.close()
  }
})

test('a user sees the apps they authorized on the account page and revokes one, whose token stops at once', async (tc) => {
  diagnostic = (line) => tc.diagnostic(line)
  const frank = await createAccount(t, 'frank.beta-oauth.test')
  await app.signIn({ browser, identifier: frank.handle, password: frank.password, scope: 'atproto' })
  const { tokenSet, dpopKey } = await app.rawSession(frank.did)
  const url = `${t.url}/xrpc/com.atproto.server.getSession`
  const call = async (nonce?: string) =>
    dpopRequest(url, {
      accessToken: tokenSet.access_token,
      proof: await dpopProof(dpopKey, { htm: 'GET', htu: htuOf(url), accessToken: tokenSet.access_token, nonce }),
    })
  const nonce = (await call()).headers.get('dpop-nonce') ?? undefined
  assert.equal((await call(nonce)).status, 200)

  const page = await browser.newPage()
  try {
    await page.goto(`${t.url}/account`)
    // This browser signed in for the app already: the page may offer that account, or ask for the password.
    const password = page.locator('input[name="password"]')
    const home = page.getByRole('link', { name: /^Apps/ }).first()
    const seen = await Promise.race([
      password.waitFor({ state: 'visible' }).then(() => 'sign-in' as const),
      home.waitFor({ state: 'visible' }).then(() => 'home' as const),
    ])
    if (seen === 'sign-in') {
      await browser.screenshot(page, 'account-sign-in')
      const username = page.locator('input[name="username"]')
      if ((await username.isVisible()) && (await username.isEditable())) await username.fill(frank.handle)
      await password.fill(frank.password)
      await page.getByRole('button', { name: /^(sign in|next)$/i }).click()
    }
    await home.click()
    const listed = page.getByRole('row', { name: /A local app/ })
    await listed.waitFor({ state: 'visible' })
    await browser.screenshot(page, 'account-apps')
    await listed.getByRole('button', { name: 'Details' }).click()
    await page.getByRole('button', { name: 'Revoke access' }).click()
    await page.getByText('Successfully revoked access').waitFor({ state: 'visible' })
    await browser.screenshot(page, 'account-apps-revoked')
    assert.equal(await page.getByRole('row', { name: /A local app/ }).count(), 0)
  } finally {
    await page.close()
  }
  const refused = await call(nonce)
  assert.equal(refused.status, 401, await refused.clone().text())
})

test('a takedown ends the grants: lifting it revives neither the access nor the refresh token', async (tc) => {
  diagnostic = (line) => tc.diagnostic(line)
  const hank = await createAccount(t, 'hank.alpha-oauth.test')
  const { agent } = await app.signIn({ browser, identifier: hank.handle, password: hank.password, scope: 'atproto' })
  assert.equal((await agent.com.atproto.server.getSession()).data.did, hank.did)
  for (const status of ['suspended', 'active']) {
    const res = await xrpc(t.url, 'host.primal.pds.updateAccountStatus', {
      auth: t.adminKey,
      body: { did: hank.did, status },
    })
    assert.equal(res.status, 200, JSON.stringify(res.body))
  }
  // The access token is refused; the client's refresh then fails too, and the session is over.
  await assert.rejects(agent.com.atproto.server.getSession())
  await assert.rejects(app.client.restore(hank.did, true))
})

test('a second process on the same databases serves the grant: nonces and replays are shared, revocation reaches it', async (tc) => {
  diagnostic = (line) => tc.diagnostic(line)
  const ivan = await createAccount(t, 'ivan.beta-oauth.test')
  const { session } = await app.signIn({ browser, identifier: ivan.handle, password: ivan.password, scope: 'atproto' })
  const { tokenSet, dpopKey } = await app.rawSession(ivan.did)
  const accessToken = tokenSet.access_token
  // The second process answers at its own port for the same service URL (as behind one load balancer).
  const second = await createAppContext(t.ctx.config, { logger: createLogger(t.ctx.config.logLevel) })
  const server = await startServer(second, 0, '127.0.0.1')
  try {
    const path = '/xrpc/com.atproto.server.getSession'
    const proof = (nonce: string | undefined, jti = crypto.randomUUID()) =>
      dpopProof(dpopKey, { htm: 'GET', htu: `${t.url}${path}`, accessToken, nonce, jti })
    const nonce = (await dpopRequest(`${t.url}${path}`, { accessToken, proof: await proof(undefined) })).headers.get(
      'dpop-nonce',
    )
    assert.ok(nonce)
    // A nonce the first process sent is good at the second.
    const jti = crypto.randomUUID()
    const there = await dpopRequest(`http://127.0.0.1:${server.port}${path}`, {
      accessToken,
      proof: await proof(nonce, jti),
    })
    assert.equal(there.status, 200, await there.clone().text())
    // The proof used at the second process is a replay at the first.
    const replayed = await dpopRequest(`${t.url}${path}`, { accessToken, proof: await proof(nonce, jti) })
    assert.equal(replayed.status, 401, await replayed.clone().text())
    // Signed out at the first, refused at the second.
    await session.signOut()
    const after = await dpopRequest(`http://127.0.0.1:${server.port}${path}`, {
      accessToken,
      proof: await proof(nonce),
    })
    assert.equal(after.status, 401, await after.clone().text())
  } finally {
    await server.close()
    await closeAppContext(second)
  }
})

test("removing a domain ends its accounts' grants: no token of theirs is left", async (tc) => {
  diagnostic = (line) => tc.diagnostic(line)
  await addDomain(t, 'gamma-oauth.test')
  const jane = await createAccount(t, 'jane.gamma-oauth.test')
  await app.signIn({ browser, identifier: jane.handle, password: jane.password, scope: 'atproto' })
  const rows = async (table: 'oauth_token') =>
    (await t.ctx.storage.management.selectFrom(table).select('did').where('did', '=', jane.did).execute()).length
  assert.equal(await rows('oauth_token'), 1, "the app's token")
  const removed = await xrpc(t.url, 'host.primal.pds.removeDomain', {
    auth: t.adminKey,
    body: { domain: 'gamma-oauth.test' },
  })
  assert.equal(removed.status, 200, JSON.stringify(removed.body))
  assert.equal(await rows('oauth_token'), 0)
})
