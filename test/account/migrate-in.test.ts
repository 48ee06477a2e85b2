// An account moving here from another PDS, as goat and @atproto/api do it:
// createAccount with its DID (a service-auth token signed with the key its
// DID document names), importRepo, listMissingBlobs and uploadBlob while
// deactivated, activation refused until the DID's PLC op names us, then the
// events, a post on top of the imported head, and the repo served.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { Secp256k1Keypair } from '@atproto/crypto'
import { verifyRepoCar } from '@atproto/repo'
import { createServiceJwt, type XRPCError } from '@atproto/xrpc-server'
import * as plcLib from '@did-plc/lib'
import { addDomain } from '../e2e/tenant-flow.js'
import { BLOB_BYTES, type Foreign, foreignRepo, foreignDid as plcDid, submitPlcOp } from '../helpers/foreign-account.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { FirehoseClient, type Frame } from '../sync/helpers.js'

const IMPORT_LIMIT = 64 * 1024
const LXM = 'com.atproto.server.createAccount'

const foreignDid = () => plcDid(plc.url)
const submitOp = (did: string, op: unknown) => submitPlcOp(plc.url, did, op)

let plc: TestPlc
let t: TestServer
before(async () => {
  plc = await startPlc()
  t = await startTestServer({
    config: { plcEndpoint: plc.url, registrationOpen: true, limits: { importRepoBytes: IMPORT_LIMIT } },
  })
  await addDomain(t, 'mig.test')
})
after(async () => {
  await t?.close()
  await plc?.close()
})

function token(f: Foreign, opts: { aud?: string; lxm?: string; key?: Secp256k1Keypair; exp?: number } = {}) {
  return createServiceJwt({
    iss: f.did,
    aud: opts.aud ?? t.ctx.serviceDid,
    lxm: opts.lxm ?? LXM,
    keypair: opts.key ?? f.signing,
    exp: opts.exp,
  })
}

function createIn(f: Foreign, jwt: string | undefined, handle: string) {
  return xrpc(t.url, LXM, {
    auth: jwt,
    body: { did: f.did, handle, email: `${handle}@example.com`, password: 'moving password' },
  })
}

function importCar(accessJwt: string, car: Uint8Array) {
  return fetch(`${t.url}/xrpc/com.atproto.repo.importRepo`, {
    method: 'POST',
    headers: { authorization: `Bearer ${accessJwt}`, 'content-type': 'application/vnd.ipld.car' },
    body: Buffer.from(car),
  }).then(async (res) => ({
    status: res.status,
    body: (await res.json().catch(() => ({}))) as Record<string, unknown>,
  }))
}

async function status(accessJwt: string) {
  const res = await xrpc(t.url, 'com.atproto.server.checkAccountStatus', { auth: accessJwt })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body
}

test('createAccount with a DID takes only a service-auth token from that DID, for us, for this method, unexpired', async () => {
  const f = await foreignDid()
  const other = await Secp256k1Keypair.create()
  const refusals = {
    none: await createIn(f, undefined, 'noauth.mig.test'),
    aud: await createIn(f, await token(f, { aud: 'did:web:someone.else' }), 'aud.mig.test'),
    lxm: await createIn(f, await token(f, { lxm: 'com.atproto.repo.createRecord' }), 'lxm.mig.test'),
    key: await createIn(f, await token(f, { key: other }), 'key.mig.test'),
    expired: await createIn(f, await token(f, { exp: Math.floor(Date.now() / 1000) - 60 }), 'exp.mig.test'),
  }
  for (const [what, res] of Object.entries(refusals))
    assert.equal(res.status, 401, `${what}: ${JSON.stringify(res.body)}`)
  assert.match(String(refusals.none.body.message), /Missing auth to create account with did/)
  assert.equal(refusals.aud.body.error, 'BadJwtAudience')
  assert.equal(refusals.lxm.body.error, 'BadJwtLexiconMethod')
  assert.equal(refusals.key.body.error, 'BadJwtSignature')
  assert.equal(refusals.expired.body.error, 'JwtExpired')
  // Another DID's token proves nothing about this one.
  const g = await foreignDid()
  assert.equal((await createIn(f, await token(g), 'swap.mig.test')).status, 401)
  assert.equal(await t.ctx.accounts.locate(f.did), undefined)
})

test('an account moves in: import, blobs, activation once the DID names us, then it writes and is served', async () => {
  const f = await foreignDid()
  const old = await foreignRepo(f.did, f.signing)
  const hose = new FirehoseClient(t.url)
  await hose.opened()
  try {
    const created = await createIn(f, await token(f), 'mover.mig.test')
    assert.equal(created.status, 200, JSON.stringify(created.body))
    assert.equal(created.body.did, f.did)
    const accessJwt = created.body.accessJwt as string
    // Created deactivated, its DID untouched at the directory.
    const fresh = await status(accessJwt)
    assert.deepEqual([fresh.activated, fresh.validDid, fresh.indexedRecords], [false, false, 0])
    assert.equal((await plc.data(f.did))?.services.atproto_pds?.endpoint, 'https://elsewhere.example')
    // The same DID cannot be brought twice.
    assert.equal((await createIn(f, await token(f), 'twice.mig.test')).status, 400)

    const imported = await importCar(accessJwt, old.car)
    assert.equal(imported.status, 200, JSON.stringify(imported.body))
    const after = await status(accessJwt)
    assert.deepEqual([after.repoCommit, after.repoRev, after.indexedRecords], [old.cid, old.rev, 2])
    assert.deepEqual([after.expectedBlobs, after.importedBlobs], [1, 0])
    // The same CAR again changes nothing.
    assert.equal((await importCar(accessJwt, old.car)).status, 200)
    assert.deepEqual(await status(accessJwt), after)

    const missing = await xrpc(t.url, 'com.atproto.repo.listMissingBlobs', { auth: accessJwt })
    assert.deepEqual(missing.body.blobs, [{ cid: old.blobCid, recordUri: `at://${f.did}/app.bsky.actor.profile/self` }])
    const uploaded = await fetch(`${t.url}/xrpc/com.atproto.repo.uploadBlob`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessJwt}`, 'content-type': 'image/png' },
      body: BLOB_BYTES,
    })
    assert.equal(uploaded.status, 200, await uploaded.text())
    assert.deepEqual((await xrpc(t.url, 'com.atproto.repo.listMissingBlobs', { auth: accessJwt })).body.blobs, [])
    assert.equal((await status(accessJwt)).importedBlobs, 1)
    // A sweep, even one with no grace period left, keeps it: an imported record uses it.
    const dbName = (await t.ctx.accounts.mustLocate(f.did)).db_name
    await t.ctx.storage.write(dbName, (w) => w.blobs.sweep(new Date(Date.now() + 86_400_000).toISOString()))
    assert.ok(await t.ctx.storage.read(dbName, (r) => r.blobs.get(f.did, old.blobCid)))
    // Preferences work while deactivated.
    const prefs = [{ $type: 'app.bsky.actor.defs#adultContentPref', enabled: false }]
    const put = await xrpc(t.url, 'app.bsky.actor.putPreferences', { auth: accessJwt, body: { preferences: prefs } })
    assert.equal(put.status, 200, JSON.stringify(put.body))

    // The directory still names the old PDS: activation is refused with the official message.
    const early = await xrpc(t.url, 'com.atproto.server.activateAccount', { auth: accessJwt, post: true })
    assert.deepEqual([early.status, early.body.message], [400, 'Server rotation key not included in PLC DID data'])

    // The user signs the op the server recommends with their rotation key (as goat does).
    const creds = await xrpc(t.url, 'com.atproto.identity.getRecommendedDidCredentials', { auth: accessJwt })
    const rec = creds.body as {
      rotationKeys: string[]
      verificationMethods: Record<string, string>
      alsoKnownAs: string[]
      services: Record<string, { type: string; endpoint: string }>
    }
    assert.deepEqual(rec.rotationKeys, [t.ctx.plcRotationKey.did()])
    assert.notEqual(rec.verificationMethods.atproto, f.signing.did())
    assert.equal(rec.services.atproto_pds?.endpoint, t.ctx.config.serviceURL)
    const last = (await (await fetch(`${plc.url}/${f.did}/log/last`)).json()) as plcLib.CompatibleOp
    const op = await plcLib.createUpdateOp(last, f.rotation as never, (normalized) => ({
      ...normalized,
      rotationKeys: [f.rotation.did(), ...rec.rotationKeys],
      verificationMethods: rec.verificationMethods,
      alsoKnownAs: rec.alsoKnownAs,
      services: rec.services,
    }))
    await submitOp(f.did, op)

    const seen = hose.frames.length
    const activated = await xrpc(t.url, 'com.atproto.server.activateAccount', { auth: accessJwt, post: true })
    assert.equal(activated.status, 200, JSON.stringify(activated.body))
    const isEvent = (type: string) => (fr: Frame) => fr.header.t === type && fr.body.did === f.did
    await hose.until(
      (fs) => ['#account', '#identity', '#sync'].every((ty) => fs.slice(seen).some(isEvent(ty))),
      'activation events',
    )
    // Nothing of the account went out before activation.
    assert.equal(hose.frames.slice(0, seen).filter((fr) => fr.body.did === f.did).length, 0)
    const active = await status(accessJwt)
    assert.deepEqual([active.activated, active.validDid], [true, true])
    const described = await xrpc(t.url, 'com.atproto.repo.describeRepo', { params: { repo: f.did } })
    const doc = described.body.didDoc as { service: { serviceEndpoint: string }[] }
    assert.equal(doc.service[0]?.serviceEndpoint, t.ctx.config.serviceURL)

    // A post lands on top of the imported head, signed with the new key.
    const agent = new AtpAgent({ service: t.url })
    await agent.resumeSession({
      accessJwt,
      refreshJwt: created.body.refreshJwt as string,
      did: f.did,
      handle: 'mover.mig.test',
      active: true,
    })
    const posted = await agent.com.atproto.repo.createRecord({
      repo: f.did,
      collection: 'app.bsky.feed.post',
      record: { $type: 'app.bsky.feed.post', text: 'new home', createdAt: new Date().toISOString() },
    })
    assert.ok(posted.data.commit && posted.data.commit.rev > old.rev)
    const car = new Uint8Array(await (await fetch(`${t.url}/xrpc/com.atproto.sync.getRepo?did=${f.did}`)).arrayBuffer())
    const served = await verifyRepoCar(car, f.did, rec.verificationMethods.atproto)
    assert.equal(served.creates.length, 3)
    for (const r of old.records) {
      const got = await agent.com.atproto.repo.getRecord({ repo: f.did, collection: r.collection, rkey: r.rkey })
      assert.equal((got.data.value as { $type: string }).$type, r.record.$type)
    }
    const latest = await agent.com.atproto.sync.getLatestCommit({ did: f.did })
    assert.deepEqual([latest.data.cid, latest.data.rev], [posted.data.commit?.cid, posted.data.commit?.rev])
  } finally {
    hose.close()
  }
})

test('a CAR that does not hold is refused whole: bad signature, another DID, truncated, too large', async () => {
  const f = await foreignDid()
  const created = await createIn(f, await token(f), 'careful.mig.test')
  assert.equal(created.status, 200, JSON.stringify(created.body))
  const accessJwt = created.body.accessJwt as string
  const before = await status(accessJwt)
  const g = await foreignDid()
  const good = await foreignRepo(f.did, f.signing)
  const cases = {
    signature: (await foreignRepo(f.did, await Secp256k1Keypair.create())).car,
    otherDid: (await foreignRepo(g.did, g.signing)).car,
    truncated: good.car.subarray(0, good.car.byteLength - 20),
    tooLarge: (await foreignRepo(f.did, f.signing, { text: 'x'.repeat(IMPORT_LIMIT) })).car,
    notACar: new TextEncoder().encode('not a car at all'),
  }
  for (const [what, car] of Object.entries(cases)) {
    const res = await importCar(accessJwt, car)
    assert.equal(res.status, what === 'tooLarge' ? 413 : 400, `${what}: ${JSON.stringify(res.body)}`)
    assert.equal(typeof res.body.message, 'string', what)
    assert.deepEqual(await status(accessJwt), before, what)
  }
})

test('an import retried after the DID names us takes a commit signed with a key the DID had, and no other', async () => {
  const f = await foreignDid()
  const created = await createIn(f, await token(f), 'retry.mig.test')
  assert.equal(created.status, 200, JSON.stringify(created.body))
  const accessJwt = created.body.accessJwt as string
  // The old PDS exported the repo signed with its key; the key was rotated there once more since.
  const old = await foreignRepo(f.did, f.signing)
  const interim = await Secp256k1Keypair.create()
  const lastOp = async () => (await (await fetch(`${plc.url}/${f.did}/log/last`)).json()) as plcLib.CompatibleOp
  await submitOp(
    f.did,
    await plcLib.createUpdateOp(await lastOp(), f.rotation as never, (normalized) => ({
      ...normalized,
      verificationMethods: { atproto: interim.did() },
    })),
  )
  // The user names us at the directory (goat's step before importing, or an import that failed and is retried).
  const creds = await xrpc(t.url, 'com.atproto.identity.getRecommendedDidCredentials', { auth: accessJwt })
  const rec = creds.body as { rotationKeys: string[]; verificationMethods: Record<string, string> }
  await submitOp(
    f.did,
    await plcLib.createUpdateOp(await lastOp(), f.rotation as never, (normalized) => ({
      ...normalized,
      rotationKeys: [f.rotation.did(), ...rec.rotationKeys],
      verificationMethods: rec.verificationMethods,
    })),
  )
  assert.equal((await plc.data(f.did))?.verificationMethods.atproto, rec.verificationMethods.atproto)
  const before = await status(accessJwt)

  // A key the DID never had is refused, as before.
  const stranger = await importCar(accessJwt, (await foreignRepo(f.did, await Secp256k1Keypair.create())).car)
  assert.equal(stranger.status, 400, JSON.stringify(stranger.body))
  assert.match(String(stranger.body.message), /Invalid signature/)
  assert.deepEqual(await status(accessJwt), before)

  // The old PDS's key, two keys back, is one the DID had: the repo is taken.
  const imported = await importCar(accessJwt, old.car)
  assert.equal(imported.status, 200, JSON.stringify(imported.body))
  const after = await status(accessJwt)
  assert.deepEqual([after.repoCommit, after.repoRev, after.indexedRecords], [old.cid, old.rev, 2])
  // So is the interim key's.
  const later = await foreignRepo(f.did, interim, { text: 'signed by the interim key' })
  assert.equal((await importCar(accessJwt, later.car)).status, 200)
  assert.equal((await status(accessJwt)).repoCommit, later.cid)
})

test('an import that passed its auth before a move to another of our domains began is refused, not stored', async () => {
  const f = await foreignDid()
  const created = await createIn(f, await token(f), 'moving.mig.test')
  assert.equal(created.status, 200, JSON.stringify(created.body))
  const accessJwt = created.body.accessJwt as string
  const before = await status(accessJwt)
  const location = await t.ctx.accounts.mustLocate(f.did)
  const car = (await foreignRepo(f.did, f.signing)).car
  // A request's auth refuses a moving account; this is the window after it, where the move marks the account.
  await t.ctx.storage.write(location.db_name, (w) => w.accounts.setMoving(f.did, new Date().toISOString()))
  try {
    await assert.rejects(t.ctx.repoImporter.import(location, car), (err: XRPCError) => {
      assert.deepEqual([err.type, err.customErrorName], [503, 'AccountMoving'])
      return true
    })
  } finally {
    await t.ctx.storage.write(location.db_name, (w) => w.accounts.setMoving(f.did, null))
  }
  assert.deepEqual(await status(accessJwt), before)
  assert.equal((await importCar(accessJwt, car)).status, 200)
  assert.equal((await status(accessJwt)).indexedRecords, 2)
})
