// Identity beyond our own accounts, against stand-ins on loopback for the
// rest of the network: a DNS server with `_atproto` TXT records, a host
// serving handles' /.well-known/atproto-did and a did:web document, and a
// real PLC directory. Handles and DIDs of anyone resolve, identities are
// verified both ways, and an account takes a handle on a domain of its own
// once that domain names its DID.
import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { AtprotoDidResolver } from '../../src/identity/did-resolver.js'
import { ExternalIdentityResolver, loopbackOnlyFetch } from '../../src/identity/external-resolver.js'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startDns, startWellKnownHost, type TestDns, type TestWellKnownHost } from '../helpers/identity-hosts.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { getWithHost, xrpc } from '../helpers/xrpc.js'

const FOREIGN_DID = 'did:plc:ewvi7nxzyoun6zhxrhs64oiz'

let plc: TestPlc
let dns: TestDns
let host: TestWellKnownHost
let t: TestServer
type Account = { did: string; handle: string; agent: AtpAgent }
let alice: Account
let bob: Account
let carol: Account

before(async () => {
  ;[plc, dns, host] = await Promise.all([startPlc(), startDns(), startWellKnownHost()])
  t = await startTestServer({
    config: {
      plcEndpoint: plc.url,
      identity: { dnsServers: [dns.server], timeoutMs: 2000, loopbackOnly: true, handleWellKnownUrl: host.handleUrl },
    },
  })
  await addDomain(t, 'home.test')
  ;[alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((n) => loggedIn(`${n}.home.test`)))
})
after(async () => {
  await t?.close()
  await Promise.all([plc?.close(), dns?.close(), host?.close()])
})

async function loggedIn(handle: string): Promise<Account> {
  const made = await createAccount(t, handle)
  const agent = new AtpAgent({ service: t.url })
  await agent.login({ identifier: handle, password: made.password })
  return { did: made.did, handle, agent }
}

const anon = () => new AtpAgent({ service: t.url })

async function xrpcError(call: Promise<unknown>): Promise<{ status: number; error: string; message: string }> {
  try {
    await call
  } catch (err) {
    const e = err as { status: number; error: string; message: string }
    return { status: e.status, error: e.error, message: e.message }
  }
  return assert.fail('expected an XRPC error')
}

test('resolveHandle: ours from our tables, anyone else by DNS, then by well-known; HandleNotFound for none', async () => {
  dns.txt('_atproto.dns-only.elsewhere.test', `did=${FOREIGN_DID}`)
  host.handle('web-only.elsewhere.test', FOREIGN_DID)
  const before = dns.queries
  const ours = await anon().com.atproto.identity.resolveHandle({ handle: 'ALICE.home.test' })
  assert.equal(ours.data.did, alice.did)
  // Under our domains, a handle we do not have is not asked of DNS: no one else answers for it.
  const missing = await xrpc(t.url, 'com.atproto.identity.resolveHandle', { params: { handle: 'nobody.home.test' } })
  assert.deepEqual([missing.status, missing.body.error], [400, 'HandleNotFound'])
  assert.equal(dns.queries, before, 'our handles are not looked up in DNS')

  const byDns = await anon().com.atproto.identity.resolveHandle({ handle: 'dns-only.elsewhere.test' })
  assert.equal(byDns.data.did, FOREIGN_DID)
  const byWellKnown = await anon().com.atproto.identity.resolveHandle({ handle: 'web-only.elsewhere.test' })
  assert.equal(byWellKnown.data.did, FOREIGN_DID)
  for (const handle of ['nobody.elsewhere.test', 'nobody.local']) {
    const none = await xrpcError(anon().com.atproto.identity.resolveHandle({ handle }))
    assert.deepEqual(none, { status: 400, error: 'HandleNotFound', message: 'Unable to resolve handle' }, handle)
  }
  // Two did= records name no one.
  dns.txt('_atproto.twice.elsewhere.test', `did=${FOREIGN_DID}`, `did=${alice.did}`)
  const twice = await xrpc(t.url, 'com.atproto.identity.resolveHandle', { params: { handle: 'twice.elsewhere.test' } })
  assert.equal(twice.body.error, 'HandleNotFound')
})

test('resolveDid: our did:plc from the directory, a did:web from its host; DidNotFound, DidDeactivated', async () => {
  const ours = await anon().com.atproto.identity.resolveDid({ did: alice.did })
  const doc = ours.data.didDoc as { id: string; alsoKnownAs: string[]; service: { serviceEndpoint: string }[] }
  assert.equal(doc.id, alice.did)
  assert.deepEqual(doc.alsoKnownAs, ['at://alice.home.test'])
  assert.equal(doc.service[0]?.serviceEndpoint, t.ctx.config.serviceURL)

  host.setDidWebDoc(didWebDoc(host.didWeb, 'web-id.elsewhere.test'))
  const web = await anon().com.atproto.identity.resolveDid({ did: host.didWeb })
  assert.equal((web.data.didDoc as { id: string }).id, host.didWeb)

  for (const did of ['did:plc:aaaaaaaaaaaaaaaaaaaaaaaa', 'did:web:nowhere.elsewhere.test', 'did:web:localhost%3A9']) {
    const none = await xrpcError(anon().com.atproto.identity.resolveDid({ did }))
    assert.deepEqual([none.status, none.error], [400, 'DidNotFound'], did)
  }

  // A tombstoned DID: the directory answers 410 Gone (this stand-in says 404, as for a DID it never had).
  const tombstones = createServer((_req, res) => res.writeHead(410).end('{"message":"DID not available"}'))
  await new Promise<void>((resolve) => tombstones.listen(0, '127.0.0.1', resolve))
  try {
    const directory = `http://127.0.0.1:${(tombstones.address() as AddressInfo).port}`
    const { identity } = t.ctx.config
    const dids = new AtprotoDidResolver({
      plcUrl: directory,
      timeoutMs: identity.timeoutMs,
      webFetch: loopbackOnlyFetch(),
    })
    const resolver = new ExternalIdentityResolver(identity, dids)
    await assert.rejects(resolver.didDoc(alice.did), (err: Error & { customErrorName?: string }) => {
      return err.customErrorName === 'DidDeactivated'
    })
  } finally {
    tombstones.close()
  }
})

test('resolveIdentity verifies the handle both ways, else handle.invalid; refreshIdentity looks again', async () => {
  for (const identifier of ['alice.home.test', alice.did]) {
    const { data } = await anon().com.atproto.identity.resolveIdentity({ identifier })
    assert.equal(data.did, alice.did)
    assert.equal(data.handle, 'alice.home.test', identifier)
    assert.equal((data.didDoc as { id: string }).id, alice.did)
  }
  // A domain that names alice's DID, which her document does not name back.
  dns.txt('_atproto.claims-alice.elsewhere.test', `did=${alice.did}`)
  const oneWay = await anon().com.atproto.identity.resolveIdentity({ identifier: 'claims-alice.elsewhere.test' })
  assert.deepEqual([oneWay.data.did, oneWay.data.handle], [alice.did, 'handle.invalid'])

  // The did:web (its document cached already) and its handle name each other; then the handle names someone else.
  host.handle('web-id.elsewhere.test', host.didWeb)
  const both = await anon().com.atproto.identity.resolveIdentity({ identifier: host.didWeb })
  assert.equal(both.data.handle, 'web-id.elsewhere.test')
  host.handle('web-id.elsewhere.test', FOREIGN_DID)
  const cached = await anon().com.atproto.identity.resolveIdentity({ identifier: host.didWeb })
  assert.equal(cached.data.handle, 'web-id.elsewhere.test', 'answered from the cache')
  const refused = await xrpc(t.url, 'com.atproto.identity.refreshIdentity', { body: { identifier: host.didWeb } })
  assert.equal(refused.status, 401, 'refreshIdentity is for logged-in accounts')
  const refreshed = await alice.agent.com.atproto.identity.refreshIdentity({ identifier: host.didWeb })
  assert.equal(refreshed.data.handle, 'handle.invalid')
  const after = await anon().com.atproto.identity.resolveIdentity({ identifier: host.didWeb })
  assert.equal(after.data.handle, 'handle.invalid', 'the cache holds what refreshIdentity found')

  const none = await xrpcError(anon().com.atproto.identity.resolveIdentity({ identifier: 'nobody.elsewhere.test' }))
  assert.deepEqual([none.status, none.error], [400, 'HandleNotFound'])
  const noDid = await xrpcError(
    anon().com.atproto.identity.resolveIdentity({ identifier: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa' }),
  )
  assert.deepEqual([noDid.status, noDid.error], [400, 'DidNotFound'])
})

test('updateHandle to a domain of the user: verified by DNS or well-known, published, served, resolved', async () => {
  dns.txt('_atproto.bob.custom.test', `did=${bob.did}`)
  await bob.agent.com.atproto.identity.updateHandle({ handle: 'Bob.Custom.test' })
  assert.deepEqual((await plc.data(bob.did))?.alsoKnownAs, ['at://bob.custom.test'])
  assert.equal((await bob.agent.com.atproto.server.getSession()).data.handle, 'bob.custom.test')
  const resolved = await anon().com.atproto.identity.resolveHandle({ handle: 'bob.custom.test' })
  assert.equal(resolved.data.did, bob.did)
  // Our well-known route answers for it too, should the domain point at us.
  assert.equal((await getWithHost(t.url, '/.well-known/atproto-did', 'bob.custom.test')).body, bob.did)
  const identity = await anon().com.atproto.identity.resolveIdentity({ identifier: bob.did })
  assert.equal(identity.data.handle, 'bob.custom.test', 'the new handle verifies both ways at once')
  const login = await new AtpAgent({ service: t.url }).login({
    identifier: 'bob.custom.test',
    password: 'correct horse battery',
  })
  assert.equal(login.data.did, bob.did)

  host.handle('carol.web.test', carol.did)
  await carol.agent.com.atproto.identity.updateHandle({ handle: 'carol.web.test' })
  assert.deepEqual((await plc.data(carol.did))?.alsoKnownAs, ['at://carol.web.test'])

  // Back under our domain, by today's rules.
  await bob.agent.com.atproto.identity.updateHandle({ handle: 'robert.home.test' })
  assert.deepEqual((await plc.data(bob.did))?.alsoKnownAs, ['at://robert.home.test'])
})

test('updateHandle refuses a domain that does not name the user, as the official PDS does', async () => {
  dns.txt('_atproto.alice.custom.test', `did=${alice.did}`)
  for (const handle of ['alice.custom.test', 'unset.custom.test']) {
    const refused = await xrpcError(carol.agent.com.atproto.identity.updateHandle({ handle }))
    assert.deepEqual(refused, {
      status: 400,
      error: 'InvalidRequest',
      message: 'External handle did not resolve to DID',
    })
  }
  const local = await xrpcError(carol.agent.com.atproto.identity.updateHandle({ handle: 'carol.localhost' }))
  assert.deepEqual([local.status, local.error], [400, 'InvalidHandle'])
  // Another tenant's domain stays under today's rules, whatever DNS says.
  await addDomain(t, 'other.test')
  dns.txt('_atproto.carol.other.test', `did=${carol.did}`)
  const tenant = await xrpcError(carol.agent.com.atproto.identity.updateHandle({ handle: 'carol.other.test' }))
  assert.deepEqual([tenant.status, tenant.error], [400, 'UnsupportedDomain'])
  assert.equal((await carol.agent.com.atproto.server.getSession()).data.handle, 'carol.web.test')
})

function didWebDoc(did: string, handle: string) {
  return {
    '@context': ['https://www.w3.org/ns/did/v1'],
    id: did,
    alsoKnownAs: [`at://${handle}`],
    verificationMethod: [],
    service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: 'http://localhost:1' }],
  }
}
