// PLC operations on request, as a migration uses them: a mailed code
// (requestPlcOperationSignature), an op signed with it and handed back
// (signPlcOperation), and an op submitted to the directory once it keeps this
// server the account's host (submitPlcOperation), with the official PDS's
// refusals. Against a real PLC directory and a real SMTP server.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { Secp256k1Keypair } from '@atproto/crypto'
import * as plcLib from '@did-plc/lib'
import { addDomain, storeOf } from '../e2e/tenant-flow.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { codeIn, startSmtp, type TestSmtp } from '../helpers/smtp.js'
import { xrpc } from '../helpers/xrpc.js'
import { FirehoseClient } from '../sync/helpers.js'

const DOMAIN = 'plcops.test'
// @did-plc/lib is typed against an older @atproto/crypto; the Keypair shape is the same.
type Signer = Parameters<typeof plcLib.createUpdateOp>[1]
let plc: TestPlc
let smtp: TestSmtp
let t: TestServer

before(async () => {
  plc = await startPlc()
  smtp = await startSmtp()
  t = await startTestServer({
    config: {
      plcEndpoint: plc.url,
      plcFollow: { intervalSeconds: 0 },
      email: { smtpUrl: smtp.url, from: 'PDS <noreply@pds.test>' },
    },
  })
  await addDomain(t, DOMAIN)
})

after(async () => {
  await t?.close()
  await smtp?.close()
  await plc?.close()
})

type User = { agent: AtpAgent; did: string; handle: string; jwt: string }
let counter = 0

async function user(withEmail = true, recoveryKey?: string): Promise<User> {
  counter++
  const handle = `user${counter}.${DOMAIN}`
  const password = `password number ${counter}`
  const res = await xrpc(t.url, 'host.primal.pds.createAccount', {
    auth: t.adminKey,
    body: { handle, password, email: withEmail ? `u${counter}@inbox.test` : undefined, recoveryKey },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  const agent = new AtpAgent({ service: t.url })
  await agent.login({ identifier: handle, password })
  return { agent, did: res.body.did as string, handle, jwt: agent.session?.accessJwt ?? '' }
}

/** Asks for the code and reads it from the mail. */
async function mailedCode(u: User): Promise<string> {
  const mail = smtp.received(smtp.messages.length + 1)
  const res = await xrpc(t.url, 'com.atproto.identity.requestPlcOperationSignature', { post: true, auth: u.jwt })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return codeIn(await mail)
}

function sign(u: User, body: Record<string, unknown>) {
  return xrpc(t.url, 'com.atproto.identity.signPlcOperation', { auth: u.jwt, body })
}

function submit(u: User, operation: unknown) {
  return xrpc(t.url, 'com.atproto.identity.submitPlcOperation', { auth: u.jwt, body: { operation } })
}

test('request, mail, sign, submit: the op adds a rotation key at the directory and #identity goes out', async () => {
  const u = await user()
  const firehose = new FirehoseClient(t.url)
  await firehose.opened()
  const token = await mailedCode(u)
  assert.match(token, /^[A-Z2-7]{5}-[A-Z2-7]{5}$/)
  const mine = await Secp256k1Keypair.create()
  const before = await plc.data(u.did)
  assert.ok(before)
  const signed = await sign(u, { token, rotationKeys: [mine.did(), ...before.rotationKeys] })
  assert.equal(signed.status, 200, JSON.stringify(signed.body))
  const operation = signed.body.operation as Record<string, unknown>
  assert.equal(operation.type, 'plc_operation')
  assert.deepEqual(operation.rotationKeys, [mine.did(), ...before.rotationKeys])
  assert.deepEqual(operation.alsoKnownAs, before.alsoKnownAs, 'fields not given stay as they were')
  assert.deepEqual(operation.services, before.services)
  assert.equal(typeof operation.sig, 'string')
  // Signed, not sent: the directory has what it had.
  assert.equal((await plc.log(u.did)).length, 1)

  const submitted = await submit(u, operation)
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body))
  assert.deepEqual((await plc.data(u.did))?.rotationKeys, [mine.did(), ...before.rotationKeys])
  assert.equal((await plc.log(u.did)).length, 2)
  const store = await storeOf(t, DOMAIN)
  const logged = await t.ctx.storage.read(store, (r) => r.plc.latest(u.did))
  assert.deepEqual(logged?.op, operation, 'the op is logged as the account latest')
  assert.ok(logged?.published_at)
  await firehose.until(
    (frames) => frames.some((f) => f.header.t === '#identity' && f.body.did === u.did),
    '#identity of the submitted op',
  )
  firehose.close()
  // The account still writes: it is still hosted here.
  const write = await u.agent.com.atproto.repo.createRecord({
    repo: u.did,
    collection: 'app.bsky.feed.post',
    record: { $type: 'app.bsky.feed.post', text: 'still here', createdAt: new Date().toISOString() },
  })
  assert.ok(write.data.uri)
})

test('a code signs once; a wrong code, an old code and no code are refused with the official answers', async () => {
  const u = await user()
  const none = await sign(u, {})
  assert.deepEqual([none.status, none.body.message], [400, 'email confirmation token required to sign PLC operations'])
  const wrong = await sign(u, { token: 'AAAAA-BBBBB' })
  assert.deepEqual([wrong.status, wrong.body.error, wrong.body.message], [400, 'InvalidToken', 'Token is invalid'])

  const token = await mailedCode(u)
  assert.equal((await sign(u, { token })).status, 200)
  const again = await sign(u, { token })
  assert.deepEqual([again.status, again.body.error], [400, 'InvalidToken'], 'a code is used up by its signature')

  const old = await mailedCode(u)
  const store = await storeOf(t, DOMAIN)
  const longAgo = new Date(Date.now() - 16 * 60 * 1000).toISOString()
  await t.ctx.storage.withTenant(store, (db) =>
    db.updateTable('email_token').set({ requested_at: longAgo }).where('did', '=', u.did).execute(),
  )
  const expired = await sign(u, { token: old })
  assert.deepEqual(
    [expired.status, expired.body.error, expired.body.message],
    [400, 'ExpiredToken', 'Token is expired'],
  )
})

test('malformed fields are a 400 before the code is spent; an account without email gets the official error', async () => {
  const u = await user()
  const token = await mailedCode(u)
  const bad = await sign(u, { token, services: { atproto_pds: { type: 1 } } })
  assert.equal(bad.status, 400)
  assert.equal(bad.body.error, 'InvalidRequest')
  assert.equal((await sign(u, { token, verificationMethods: ['x'] })).status, 400)
  assert.equal((await sign(u, { token })).status, 200, 'the code was not spent by the refusals')

  const mute = await user(false)
  const res = await xrpc(t.url, 'com.atproto.identity.requestPlcOperationSignature', { post: true, auth: mute.jwt })
  assert.deepEqual([res.status, res.body.message], [400, 'account does not have an email address'])
})

test('submitPlcOperation refuses ops that do not keep this server the host, with the official messages', async () => {
  const u = await user()
  const token = await mailedCode(u)
  const signed = await sign(u, { token })
  assert.equal(signed.status, 200)
  const op = signed.body.operation as Record<string, unknown> & {
    rotationKeys: string[]
    services: Record<string, { type: string; endpoint: string }>
    verificationMethods: Record<string, string>
  }
  const other = await Secp256k1Keypair.create()
  const cases: [unknown, string][] = [
    [{ nonsense: true }, 'Invalid operation'],
    [{ ...op, rotationKeys: [other.did()] }, "Rotation keys do not include server's rotation key"],
    [
      { ...op, services: { atproto_pds: { type: 'Other', endpoint: t.ctx.config.serviceURL } } },
      'Incorrect type on atproto_pds service',
    ],
    [
      {
        ...op,
        services: { atproto_pds: { type: 'AtprotoPersonalDataServer', endpoint: 'https://elsewhere.example' } },
      },
      'Incorrect endpoint on atproto_pds service',
    ],
    [{ ...op, verificationMethods: { atproto: other.did() } }, 'Incorrect signing key'],
    [{ ...op, alsoKnownAs: ['at://someone.else.test'] }, 'Incorrect handle in alsoKnownAs'],
  ]
  for (const [operation, message] of cases) {
    const res = await submit(u, operation)
    assert.deepEqual([res.status, res.body.error, res.body.message], [400, 'InvalidRequest', message])
  }
  assert.equal((await plc.log(u.did)).length, 1, 'nothing reached the directory')
})

test('an op signed here that points elsewhere changes nothing until it is submitted; then refreshIdentity notices', async () => {
  const u = await user()
  const token = await mailedCode(u)
  const newKey = await Secp256k1Keypair.create()
  const signed = await sign(u, {
    token,
    verificationMethods: { atproto: newKey.did() },
    services: { atproto_pds: { type: 'AtprotoPersonalDataServer', endpoint: 'https://new-pds.example' } },
  })
  assert.equal(signed.status, 200, JSON.stringify(signed.body))
  assert.equal((await plc.data(u.did))?.services.atproto_pds?.endpoint, t.ctx.config.serviceURL)
  const refreshed = await xrpc(t.url, 'com.atproto.identity.refreshIdentity', {
    auth: u.jwt,
    body: { identifier: u.did },
  })
  assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body))
  const status = await xrpc(t.url, 'com.atproto.sync.getRepoStatus', { params: { did: u.did } })
  assert.equal(status.body.active, true, 'a signed op alone moves nothing')

  // The new PDS submits it to the directory (here: the test, directly).
  const res = await fetch(`${plc.url}/${u.did}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(signed.body.operation),
  })
  assert.equal(res.status, 200, await res.text())
  const again = await xrpc(t.url, 'com.atproto.identity.refreshIdentity', { auth: u.jwt, body: { identifier: u.did } })
  assert.equal(again.status, 200, JSON.stringify(again.body))
  const moved = await xrpc(t.url, 'com.atproto.sync.getRepoStatus', { params: { did: u.did } })
  assert.deepEqual([moved.body.active, moved.body.status], [false, 'deactivated'])
  const write = await xrpc(t.url, 'com.atproto.repo.createRecord', {
    auth: u.jwt,
    body: { repo: u.did, collection: 'app.bsky.feed.post', record: { text: 'x', createdAt: new Date().toISOString() } },
  })
  assert.deepEqual([write.status, write.body.error], [401, 'AccountDeactivated'])
})

test('signPlcOperation refuses once the user has taken our rotation key off the DID', async () => {
  const recovery = await Secp256k1Keypair.create()
  const u = await user(true, recovery.did())
  const last = await new plcLib.Client(plc.url).getLastOp(u.did)
  assert.ok(last.type !== 'plc_tombstone')
  const op = await plcLib.createUpdateOp(last, recovery as unknown as Signer, (old) => ({
    ...old,
    rotationKeys: [recovery.did()],
  }))
  await new plcLib.Client(plc.url).sendOperation(u.did, op)
  const token = await mailedCode(u)
  const res = await sign(u, { token })
  assert.equal(res.status, 400)
  assert.match(String(res.body.message), /rotation key can no longer change/)
  assert.equal((await plc.log(u.did)).length, 2, 'nothing more reached the directory')
})
