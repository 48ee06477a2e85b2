// A domain's own PDS host, as the network meets it: requests to 127.0.0.1
// with `Host: pds-a.test:PORT`, the name the domain's host was given in the
// registry. The host serves its own did:web document and describes itself
// (its DID, its domains, their invite rules); a service-auth token aimed at
// its did:web is one aimed at us, a random did:web's is not; its
// protected-resource metadata names the host as the resource and the one
// issuer as its authorization server, which lists it; and an OAuth request
// sent to the host verifies with a DPoP proof for the host's URL.
import assert from 'node:assert/strict'
import { connect } from 'node:net'
import { after, before, test } from 'node:test'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startBrowser, type TestBrowser } from '../helpers/browser.js'
import { dpopProof, htuOf } from '../helpers/dpop.js'
import { type OAuthApp, startOAuthApp } from '../helpers/oauth-app.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { type HostResponse, requestWithHost, xrpc } from '../helpers/xrpc.js'

const ALPHA = 'alpha-host.test'
const BETA = 'beta-host.test'
const HOST = 'pds-a.test'

let plc: TestPlc
let t: TestServer
/** Where the server listens: every request goes here, its Host header says which host it is for. */
let base: string
let port: number
/** `Host:` values: the domain's host, the service host (serviceURL's), and a name that is not ours. */
let onHost: string
let onService: string
let notOurs: string

before(async () => {
  plc = await startPlc()
  t = await startTestServer({ localhostUrl: true, config: { plcEndpoint: plc.url, registrationOpen: true } })
  port = t.server.port
  base = `http://127.0.0.1:${port}`
  onHost = `${HOST}:${port}`
  onService = new URL(t.url).host
  notOurs = `elsewhere.test:${port}`
  // Alpha (invite codes required) is on its own host; beta (open) stays on the service host.
  await addDomain(t, ALPHA, { inviteRequired: true })
  await addDomain(t, BETA, { inviteRequired: false })
  await t.ctx.registry.setPdsHostname(ALPHA, HOST)
  t.ctx.pdsHosts.forget()
})

after(async () => {
  await t?.close()
  await plc?.close()
})

const json = (res: HostResponse) => JSON.parse(res.body) as Record<string, unknown>
const get = (host: string, path: string) => requestWithHost(base, path, host)

test("the host's /.well-known/did.json is its own did:web, naming the host's endpoint and the service's key", async () => {
  const service = await get(onService, '/.well-known/did.json')
  assert.equal(service.status, 200, service.body)
  assert.equal(json(service).id, t.ctx.serviceDid)

  const res = await get(onHost, '/.well-known/did.json')
  assert.equal(res.status, 200, res.body)
  const doc = json(res) as {
    id: string
    verificationMethod: { id: string; controller: string; publicKeyMultibase: string }[]
    service: { id: string; type: string; serviceEndpoint: string }[]
  }
  // did:web encodes the port's colon.
  assert.equal(doc.id, `did:web:${HOST}%3A${port}`)
  assert.deepEqual(doc.service, [
    { id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: `http://${HOST}:${port}` },
  ])
  const serviceKey = (json(service) as typeof doc).verificationMethod[0]?.publicKeyMultibase
  assert.equal(doc.verificationMethod[0]?.id, `${doc.id}#atproto`)
  assert.equal(doc.verificationMethod[0]?.controller, doc.id)
  assert.equal(doc.verificationMethod[0]?.publicKeyMultibase, serviceKey)

  // A tenant domain itself, and a name that is none of ours, have no DID document here.
  assert.equal((await get(`${ALPHA}:${port}`, '/.well-known/did.json')).status, 404)
  assert.equal((await get(notOurs, '/.well-known/did.json')).status, 404)
})

test('describeServer on the host names its did:web, its domains and their invite rules; the service host names all', async () => {
  const path = '/xrpc/com.atproto.server.describeServer'
  const onItsHost = await get(onHost, path)
  assert.equal(onItsHost.status, 200, onItsHost.body)
  assert.equal(json(onItsHost).did, `did:web:${HOST}%3A${port}`)
  assert.deepEqual(json(onItsHost).availableUserDomains, [`.${ALPHA}`])
  // Alpha, the only domain there, takes invite codes only.
  assert.equal(json(onItsHost).inviteCodeRequired, true)

  const onTheService = await get(onService, path)
  assert.equal(onTheService.status, 200, onTheService.body)
  assert.equal(json(onTheService).did, t.ctx.serviceDid)
  assert.deepEqual(json(onTheService).availableUserDomains, [`.${ALPHA}`, `.${BETA}`])
  // Beta signs up without a code, so a client of the service host may offer a sign-up.
  assert.equal(json(onTheService).inviteCodeRequired, false)

  // A name that is not ours is answered as the service host.
  assert.equal(json(await get(notOurs, path)).did, t.ctx.serviceDid)
})

/** An account of alpha's session, to ask for service-auth tokens with. */
async function signedIn(name: string): Promise<string> {
  const account = await createAccount(t, `${name}.${ALPHA}`)
  const login = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: account.handle, password: account.password },
  })
  assert.equal(login.status, 200, JSON.stringify(login.body))
  return String(login.body.accessJwt)
}

/** A service-auth token for uploadBlob aimed at `aud`, as the video service gets one. */
async function uploadToken(accessJwt: string, aud: string): Promise<string> {
  const res = await xrpc(t.url, 'com.atproto.server.getServiceAuth', {
    auth: accessJwt,
    params: { aud, lxm: 'com.atproto.repo.uploadBlob', exp: String(Math.floor(Date.now() / 1000) + 600) },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return String(res.body.token)
}

const upload = (host: string, token: string) =>
  requestWithHost(base, '/xrpc/com.atproto.repo.uploadBlob', host, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
    body: 'bytes a service uploads for the account',
  })

test("a service-auth token aimed at the host's did:web is one aimed at us; a random did:web's is refused", async () => {
  const alice = await signedIn('alice')
  const hostToken = await uploadToken(alice, `did:web:${HOST}%3A${port}`)
  for (const host of [onHost, onService]) {
    const res = await upload(host, hostToken)
    assert.equal(res.status, 200, `${host}: ${res.body}`)
  }
  // The service's own DID still is us.
  assert.equal((await upload(onHost, await uploadToken(alice, t.ctx.serviceDid))).status, 200)

  for (const aud of ['did:web:random.example', `did:web:${HOST}`, `did:web:${BETA}%3A${port}`]) {
    const res = await upload(onHost, await uploadToken(alice, aud))
    assert.equal(res.status, 401, `${aud}: ${res.body}`)
    assert.equal(json(res).error, 'BadJwtAudience', aud)
  }
})

test('each host is a protected resource of its own, with the one issuer as its authorization server', async () => {
  const issuer = new URL(t.url).origin
  for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
    const onItsHost = await get(onHost, path)
    assert.equal(onItsHost.status, 200, onItsHost.body)
    assert.equal(json(onItsHost).resource, `http://${HOST}:${port}`, path)
    assert.deepEqual(json(onItsHost).authorization_servers, [issuer], path)
    assert.equal(onItsHost.headers['access-control-allow-origin'], '*')

    assert.equal(json(await get(onService, path)).resource, issuer, path)
    // A name that is not ours is no resource of ours: the service's document answers.
    assert.equal(json(await get(notOurs, path)).resource, issuer, path)
  }

  // As a client checks it (RFC 9728 §4), the issuer's metadata lists the resources it protects; here only
  // its own, as a plain-http host off loopback is no resource a client takes (that on https: below).
  const metadata = await get(onService, '/.well-known/oauth-authorization-server')
  assert.equal(metadata.status, 200, metadata.body)
  assert.equal(json(metadata).issuer, issuer)
  assert.deepEqual(json(metadata).protected_resources, [issuer])
  assert.ok(json(metadata).token_endpoint, "the provider's metadata is all there")
  assert.equal(metadata.headers['access-control-allow-origin'], '*')
})

test('a request with no Host header at all (HTTP/1.0) is served as the service host', async () => {
  for (const path of ['/xrpc/com.atproto.sync.listRepos', '/xrpc/com.atproto.server.describeServer']) {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.0\r\n\r\n`))
      let text = ''
      socket.setEncoding('utf8')
      socket.on('data', (chunk) => {
        text += chunk
      })
      socket.on('end', () => resolve(text))
      socket.on('error', reject)
    })
    assert.match(answer, /^HTTP\/1\.[01] 200 /, `${path}: ${answer.slice(0, 200)}`)
  }
})

test("/mcp on the host, without a token, names the host's own protected-resource metadata", async () => {
  const call = (host: string) =>
    requestWithHost(base, '/mcp', host, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    })
  const onItsHost = await call(onHost)
  assert.equal(onItsHost.status, 401, onItsHost.body)
  assert.equal(
    onItsHost.headers['www-authenticate'],
    `Bearer resource_metadata="http://${HOST}:${port}/.well-known/oauth-protected-resource/mcp"`,
  )
  const onTheService = await call(onService)
  assert.equal(
    onTheService.headers['www-authenticate'],
    `Bearer resource_metadata="${new URL(t.url).origin}/.well-known/oauth-protected-resource/mcp"`,
  )
})

test("on https the issuer's metadata lists every host, and follows a host being named and dropped", async () => {
  const secure = await startTestServer({ config: { serviceURL: 'https://pds.secure.test' } })
  try {
    const listed = async () => {
      const res = await requestWithHost(
        `http://127.0.0.1:${secure.server.port}`,
        '/.well-known/oauth-authorization-server',
        'pds.secure.test',
      )
      assert.equal(res.status, 200, res.body)
      return json(res).protected_resources
    }
    await addDomain(secure, 'gamma-host.test')
    assert.deepEqual(await listed(), ['https://pds.secure.test'])
    await secure.ctx.registry.setPdsHostname('gamma-host.test', 'pds.gamma-host.test')
    secure.ctx.pdsHosts.forget()
    assert.deepEqual(await listed(), ['https://pds.secure.test', 'https://pds.gamma-host.test'])
    const prm = await requestWithHost(
      `http://127.0.0.1:${secure.server.port}`,
      '/.well-known/oauth-protected-resource',
      'pds.gamma-host.test',
    )
    assert.deepEqual(json(prm).resource, 'https://pds.gamma-host.test')
    assert.deepEqual(json(prm).authorization_servers, ['https://pds.secure.test'])
    await secure.ctx.registry.setPdsHostname('gamma-host.test', null)
    secure.ctx.pdsHosts.forget()
    assert.deepEqual(await listed(), ['https://pds.secure.test'])
  } finally {
    await secure.close()
  }
})

test('an OAuth request sent to the host verifies with a DPoP proof for the host URL, and only for it', async (tc) => {
  let browser: TestBrowser | undefined
  let app: OAuthApp | undefined
  try {
    browser = await startBrowser({ log: (line) => tc.diagnostic(line) })
    app = await startOAuthApp({ handleResolver: t.url, plcDirectoryUrl: plc.url })
    // On the service host: the app finds her PDS by her DID document, and loopback resolves only that name.
    // Which host her account is on does not matter to the proof: it is the request's URL it must name.
    const carol = await createAccount(t, `carol.${BETA}`)
    await app.signIn({ browser, identifier: carol.handle, password: carol.password, scope: 'atproto' })
    const { tokenSet, dpopKey } = await app.rawSession(carol.did)
    const accessToken = tokenSet.access_token
    const path = '/xrpc/com.atproto.server.getSession'
    const send = async (host: string, htu: string, nonce?: string) =>
      requestWithHost(base, path, host, {
        headers: {
          authorization: `DPoP ${accessToken}`,
          dpop: await dpopProof(dpopKey, { htm: 'GET', htu, accessToken, nonce }),
        },
      })
    const hostUrl = `http://${HOST}:${port}${path}`

    // Every answer carries the nonce to use next.
    const first = await send(onHost, htuOf(hostUrl))
    const nonce = first.headers['dpop-nonce']
    assert.equal(typeof nonce, 'string', `a DPoP-Nonce is sent: ${first.status} ${first.body}`)
    const good = await send(onHost, htuOf(hostUrl), nonce as string)
    assert.equal(good.status, 200, good.body)
    assert.equal(json(good).did, carol.did)

    const refused: Record<string, HostResponse> = {
      // Sent to the host, proved for the service's URL: not the URL it was sent to.
      'the service URL, sent to the host': await send(onHost, htuOf(`${t.url}${path}`), nonce as string),
      // A Host that is not ours is checked as the service URL, never as the name it gives.
      'a name not ours, sent with that Host': await send(notOurs, htuOf(`http://${notOurs}${path}`), nonce as string),
    }
    for (const [what, res] of Object.entries(refused)) {
      tc.diagnostic(`${what}: HTTP ${res.status} ${res.body}`)
      assert.ok(res.status === 400 || res.status === 401, `${what}: ${res.status} ${res.body}`)
      assert.match(res.body, /"error":"invalid_dpop_proof"/, what)
    }
    // The service host's own URL still verifies there.
    const onTheService = await send(onService, htuOf(`${t.url}${path}`), nonce as string)
    assert.equal(onTheService.status, 200, onTheService.body)
  } finally {
    await app?.close()
    await browser?.close()
  }
})

test('a host no domain names any more, with no account on it, is not ours: no DID document, no audience', async () => {
  // Beta's accounts (its owner) were made before it had a host: none is on the one it gets now.
  const other = 'pds-b.test'
  const onOther = `${other}:${port}`
  await t.ctx.registry.setPdsHostname(BETA, other)
  t.ctx.pdsHosts.forget()
  const otherToken = await uploadToken(await signedIn('erin'), `did:web:${other}%3A${port}`)
  assert.equal((await get(onOther, '/.well-known/did.json')).status, 200)
  assert.equal((await upload(onOther, otherToken)).status, 200)

  await t.ctx.registry.setPdsHostname(BETA, null)
  t.ctx.pdsHosts.forget()
  assert.equal((await get(onOther, '/.well-known/did.json')).status, 404)
  const described = json(await get(onOther, '/xrpc/com.atproto.server.describeServer'))
  assert.equal(described.did, t.ctx.serviceDid)
  assert.deepEqual(described.availableUserDomains, [`.${ALPHA}`, `.${BETA}`])
  const refused = await upload(onService, otherToken)
  assert.equal(refused.status, 401, refused.body)
  assert.equal(json(refused).error, 'BadJwtAudience')
  // Alpha's host, which its accounts are on, is still ours.
  assert.equal((await get(onHost, '/.well-known/did.json')).status, 200)
})
