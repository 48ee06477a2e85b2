// Every account's DID is registered at a real PLC directory
// (@did-plc/server): the document it serves points at this PDS, its signing
// key verifies the repo, its rotation keys are ours and the user's, handle
// changes reach it, and a directory that refuses or cannot be reached
// leaves nothing behind.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { Secp256k1Keypair } from '@atproto/crypto'
import { verifyRepoCar } from '@atproto/repo'
import { PlcClient } from '../../src/identity/plc-client.js'
import { PlcService } from '../../src/identity/plc-service.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { type PlcGate, startPlc, startPlcGate, type TestPlc } from '../helpers/plc.js'
import { ADMIN_KEY, startTestServer, type TestServer } from '../helpers/server.js'
import { unusedLocalUrl, xrpc } from '../helpers/xrpc.js'

const FAST_RETRY = { attempts: 3, initialDelayMs: 10, maxDelayMs: 20 }

let plc: TestPlc
let gate: PlcGate
let t: TestServer
before(async () => {
  plc = await startPlc()
  gate = await startPlcGate(plc.url)
  t = await startTestServer({ config: { plcEndpoint: gate.url, plcRetry: FAST_RETRY, registrationOpen: true } })
  await addDomain(t, 'plc-dir.test')
})
after(async () => {
  await t?.close()
  await gate?.close()
  await plc?.close()
})

test('a new account is registered at the directory with our endpoint, its signing key and both rotation keys', async () => {
  const recovery = await Secp256k1Keypair.create()
  const res = await xrpc(t.url, 'com.atproto.server.createAccount', {
    body: { handle: 'ann.plc-dir.test', password: 'long enough password', recoveryKey: recovery.did() },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  const did = res.body.did as string

  const data = await plc.data(did)
  assert.ok(data, 'the directory knows the DID')
  assert.deepEqual(data.rotationKeys, [recovery.did(), t.ctx.plcRotationKey.did()])
  assert.deepEqual(data.alsoKnownAs, ['at://ann.plc-dir.test'])
  assert.equal(data.services.atproto_pds?.endpoint, t.ctx.config.serviceURL)
  const doc = (await plc.doc(did)) as { service: { id: string; serviceEndpoint: string }[] }
  assert.equal(doc.service.find((s) => s.id === '#atproto_pds')?.serviceEndpoint, t.ctx.config.serviceURL)

  // The signing key the directory publishes verifies the repo this PDS serves.
  const agent = new AtpAgent({ service: t.url })
  await agent.login({ identifier: 'ann.plc-dir.test', password: 'long enough password' })
  await agent.com.atproto.repo.createRecord({
    repo: did,
    collection: 'app.bsky.feed.post',
    record: { $type: 'app.bsky.feed.post', text: 'hello', createdAt: new Date().toISOString() },
  })
  const car = await fetch(`${t.url}/xrpc/com.atproto.sync.getRepo?did=${did}`)
  const verified = await verifyRepoCar(new Uint8Array(await car.arrayBuffer()), did, data.verificationMethods.atproto)
  assert.equal(verified.creates.length, 1)
  await assert.rejects(verifyRepoCar(new Uint8Array(await (await fetch(car.url)).arrayBuffer()), did, recovery.did()))

  // What the server recommends for the DID document is what the directory holds.
  const recommended = await agent.com.atproto.identity.getRecommendedDidCredentials()
  assert.deepEqual(recommended.data.verificationMethods, data.verificationMethods)
  assert.deepEqual(recommended.data.services, data.services)
  assert.deepEqual(recommended.data.alsoKnownAs, data.alsoKnownAs)
  assert.deepEqual(recommended.data.rotationKeys, [t.ctx.plcRotationKey.did()])

  // The account counts as published, and its op log holds the accepted genesis op.
  const located = await t.ctx.accounts.mustLocate(did)
  const row = await t.ctx.storage.read(located.db_name, (r) => r.accounts.summary(did))
  assert.ok(row?.plc_published_at)
})

test('the owner a new domain gets is registered too', async () => {
  const { owner } = await addDomain(t, 'second-plc.test')
  assert.deepEqual((await plc.data(owner.did))?.alsoKnownAs, ['at://admin.second-plc.test'])
})

test('a handle change is signed as an update op and shows up at the directory', async () => {
  const created = await xrpc(t.url, 'com.atproto.server.createAccount', {
    body: { handle: 'bok.plc-dir.test', password: 'long enough password' },
  })
  const did = created.body.did as string
  const res = await xrpc(t.url, 'com.atproto.identity.updateHandle', {
    auth: created.body.accessJwt as string,
    body: { handle: 'bob.plc-dir.test' },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  assert.deepEqual((await plc.data(did))?.alsoKnownAs, ['at://bob.plc-dir.test'])
  assert.equal((await plc.log(did)).length, 2)
  const resolved = await xrpc(t.url, 'com.atproto.identity.resolveHandle', { params: { handle: 'bob.plc-dir.test' } })
  assert.equal(resolved.body.did, did)
})

test('when the directory refuses, nothing is created: not a domain, not an account, not a route', async () => {
  gate.mode = 'refuse'
  try {
    const posts = gate.refused
    const domainRes = await xrpc(t.url, 'host.primal.pds.addDomain', { auth: ADMIN_KEY, body: { domain: 'no.test' } })
    assert.equal(domainRes.status, 400, JSON.stringify(domainRes.body))
    assert.match(String(domainRes.body.message), /PLC directory refused the DID operation: Invalid signature/)
    assert.equal(gate.refused, posts + 1, 'a refusal is not retried')
    assert.equal(await t.ctx.registry.getDomain('no.test'), undefined)
    assert.equal(await t.ctx.storage.tenantDbExists(`${t.managementName}_no_test`), false)

    const res = await xrpc(t.url, 'com.atproto.server.createAccount', {
      body: { handle: 'cyd.plc-dir.test', password: 'long enough password', email: 'cy@example.com' },
    })
    assert.equal(res.status, 400)
    assert.match(String(res.body.message), /PLC directory refused/)
    assert.equal(await t.ctx.registry.handleTaken('cyd.plc-dir.test'), false)
    assert.equal(await t.ctx.accounts.locate('cy@example.com'), undefined)
    const domain = await t.ctx.registry.activeDomain('plc-dir.test')
    const handles = await t.ctx.storage.withTenant(domain?.db_name as string, (db) =>
      db.selectFrom('account').select('handle').execute(),
    )
    assert.ok(!handles.some((h) => h.handle === 'cyd.plc-dir.test'))
  } finally {
    gate.mode = 'pass'
  }
  // With the directory accepting again, the same handle and email are free.
  const again = await xrpc(t.url, 'com.atproto.server.createAccount', {
    body: { handle: 'cyd.plc-dir.test', password: 'long enough password', email: 'cy@example.com' },
  })
  assert.equal(again.status, 200, JSON.stringify(again.body))
})

test('when the directory is unreachable, adding a domain fails with UpstreamFailure and leaves nothing', async () => {
  const s = await startTestServer({ config: { plcEndpoint: await unusedLocalUrl(), plcRetry: FAST_RETRY } })
  try {
    const res = await xrpc(s.url, 'host.primal.pds.addDomain', { auth: ADMIN_KEY, body: { domain: 'no.test' } })
    assert.equal(res.status, 502, JSON.stringify(res.body))
    assert.equal(res.body.error, 'UpstreamFailure')
    assert.match(String(res.body.message), /could not be reached; nothing was changed/)
    assert.deepEqual(await s.ctx.registry.listDomains(), [])
    assert.equal(await s.ctx.storage.tenantDbExists(`${s.managementName}_no_test`), false)
  } finally {
    await s.close()
  }
})

test('a handle change the directory refuses changes nothing here either', async () => {
  const created = await xrpc(t.url, 'com.atproto.server.createAccount', {
    body: { handle: 'eve.plc-dir.test', password: 'long enough password' },
  })
  gate.mode = 'refuse'
  try {
    const res = await xrpc(t.url, 'com.atproto.identity.updateHandle', {
      auth: created.body.accessJwt as string,
      body: { handle: 'evelyn.plc-dir.test' },
    })
    assert.equal(res.status, 400)
    assert.match(String(res.body.message), /PLC directory refused/)
  } finally {
    gate.mode = 'pass'
  }
  const resolved = await xrpc(t.url, 'com.atproto.identity.resolveHandle', { params: { handle: 'eve.plc-dir.test' } })
  assert.equal(resolved.body.did, created.body.did)
  assert.equal(await t.ctx.registry.handleTaken('evelyn.plc-dir.test'), false)
  assert.deepEqual((await plc.data(created.body.did as string))?.alsoKnownAs, ['at://eve.plc-dir.test'])
})

test('without a directory ops are kept, and publishing later sends them in order', async () => {
  const s = await startTestServer()
  try {
    const { owner } = await addDomain(s, 'later.test')
    const res = await xrpc(s.url, 'host.primal.pds.createAccount', {
      auth: ADMIN_KEY,
      body: { handle: 'dee.later.test', password: 'long enough password' },
    })
    const did = res.body.did as string
    const login = await xrpc(s.url, 'com.atproto.server.createSession', {
      body: { identifier: did, password: 'long enough password' },
    })
    const renamed = await xrpc(s.url, 'com.atproto.identity.updateHandle', {
      auth: login.body.accessJwt as string,
      body: { handle: 'deedee.later.test' },
    })
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body))
    const dbName = (await s.ctx.registry.activeDomain('later.test'))?.db_name as string
    assert.equal((await s.ctx.storage.read(dbName, (r) => r.plc.unpublished())).length, 3)
    assert.equal(await plc.data(did), undefined)

    const publisher = new PlcService({
      storage: s.ctx.storage,
      registry: s.ctx.registry,
      client: new PlcClient(plc.url, FAST_RETRY),
      rotationKey: s.ctx.plcRotationKey,
      hosts: s.ctx.pdsHosts,
      logger: s.ctx.logger,
    })
    assert.deepEqual(await publisher.publishPending(), { published: 3, failed: [] })
    assert.deepEqual((await plc.data(did))?.alsoKnownAs, ['at://deedee.later.test'])
    assert.deepEqual((await plc.data(owner.did))?.alsoKnownAs, ['at://admin.later.test'])
    assert.equal((await s.ctx.storage.read(dbName, (r) => r.plc.unpublished())).length, 0)
    const row = await s.ctx.storage.read(dbName, (r) => r.accounts.summary(did))
    assert.ok(row?.plc_published_at)
    // Nothing is left to send the second time.
    assert.deepEqual(await publisher.publishPending(), { published: 0, failed: [] })
  } finally {
    await s.close()
  }
})
