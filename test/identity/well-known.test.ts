// Handle and service identity over plain HTTPS routes: /.well-known/atproto-did
// answers by Host header for every hosted handle across tenants, agreeing with
// resolveHandle; /.well-known/did.json is the service's did:web document.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { getWithHost, xrpc } from '../helpers/xrpc.js'

let t: TestServer
before(async () => {
  t = await startTestServer({ config: { serviceURL: 'https://pds.host.test' } })
})
after(() => t?.close())

test('atproto-did answers by Host for handles in two tenants, 404 otherwise, and resolveHandle agrees', async () => {
  const one = await addDomain(t, 'one.test')
  await addDomain(t, 'two.test')
  const amy = await createAccount(t, 'amy.one.test')
  const ben = await createAccount(t, 'ben.two.test')
  for (const { handle, did } of [
    { handle: 'amy.one.test', did: amy.did },
    { handle: 'ben.two.test', did: ben.did },
    { handle: 'admin.one.test', did: one.owner.did },
  ]) {
    const res = await getWithHost(t.url, '/.well-known/atproto-did', handle)
    assert.equal(res.status, 200)
    assert.match(res.type, /^text\/plain/)
    assert.equal(res.body, did)
    // Case does not matter in a hostname, and a port is not part of the handle.
    assert.equal((await getWithHost(t.url, '/.well-known/atproto-did', `${handle.toUpperCase()}:443`)).body, did)
    const resolved = await xrpc(t.url, 'com.atproto.identity.resolveHandle', { params: { handle } })
    assert.deepEqual(resolved.body, { did })
  }
  for (const host of ['nobody.one.test', 'one.test', 'amy.three.test', 'pds.host.test']) {
    assert.equal((await getWithHost(t.url, '/.well-known/atproto-did', host)).status, 404, host)
    const resolved = await xrpc(t.url, 'com.atproto.identity.resolveHandle', { params: { handle: host } })
    assert.equal(resolved.status, 400)
    assert.equal(resolved.body.error, 'HandleNotFound')
  }
})

test('a changed handle answers at its new name only', async () => {
  await addDomain(t, 'three.test')
  const cat = await createAccount(t, 'cat.three.test')
  const login = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: cat.handle, password: cat.password },
  })
  const res = await xrpc(t.url, 'com.atproto.identity.updateHandle', {
    auth: login.body.accessJwt as string,
    body: { handle: 'kat.three.test' },
  })
  assert.equal(res.status, 200)
  assert.equal((await getWithHost(t.url, '/.well-known/atproto-did', 'kat.three.test')).body, cat.did)
  assert.equal((await getWithHost(t.url, '/.well-known/atproto-did', 'cat.three.test')).status, 404)

  // Bad handles are refused with the protocol's errors, and the handle stays as it was.
  for (const [handle, error] of [
    ['not a handle', 'InvalidRequest'],
    ['x.three.test', 'InvalidHandle'],
    // Not a domain of ours, and it does not name cat's DID (updateHandle to a domain of the user's own).
    ['kat.nothosted.com', 'InvalidRequest'],
    ['three.test', 'UnsupportedDomain'],
  ] as const) {
    const bad = await xrpc(t.url, 'com.atproto.identity.updateHandle', {
      auth: login.body.accessJwt as string,
      body: { handle },
    })
    assert.equal(bad.status, 400, handle)
    assert.equal(bad.body.error, error, `${handle}: ${JSON.stringify(bad.body)}`)
  }
  assert.equal((await getWithHost(t.url, '/.well-known/atproto-did', 'kat.three.test')).body, cat.did)
})

test('the service is did:web of its host: did.json there, describeServer says the same DID', async () => {
  const res = await getWithHost(t.url, '/.well-known/did.json', 'pds.host.test')
  assert.equal(res.status, 200)
  const doc = JSON.parse(res.body) as {
    id: string
    verificationMethod: { id: string; type: string; controller: string; publicKeyMultibase: string }[]
    service: { id: string; type: string; serviceEndpoint: string }[]
  }
  assert.equal(doc.id, 'did:web:pds.host.test')
  assert.deepEqual(doc.service, [
    { id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: 'https://pds.host.test' },
  ])
  assert.equal(doc.verificationMethod[0]?.id, 'did:web:pds.host.test#atproto')
  assert.equal(`did:key:${doc.verificationMethod[0]?.publicKeyMultibase}`, t.ctx.plcRotationKey.did())
  const described = await xrpc(t.url, 'com.atproto.server.describeServer')
  assert.equal(described.body.did, doc.id)
  // A tenant domain or a handle is not this service's did:web.
  assert.equal((await getWithHost(t.url, '/.well-known/did.json', 'one.test')).status, 404)
  assert.equal((await getWithHost(t.url, '/.well-known/did.json', 'amy.one.test')).status, 404)
})
