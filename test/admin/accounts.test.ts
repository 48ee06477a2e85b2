// com.atproto.admin's account methods as goat and Ozone call them: the admin
// key (HTTP Basic, as goat sends it) reaches every tenant; a domain's owner,
// through the same methods with a session, only their own domain.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { AtpAgent } from '@atproto/api'
import { Secp256k1Keypair } from '@atproto/crypto'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { adminAgent, loggedIn, refusal } from './helpers.js'

const OWNER_PASSWORD = 'owner password!'
const PASSWORD = 'correct horse battery'

let t: TestServer
let admin: AtpAgent
let owner: AtpAgent
let ownerDid: string
let alice: { did: string; handle: string }
let bob: { did: string; handle: string }

before(async () => {
  t = await startTestServer()
  ownerDid = (await addDomain(t, 'one.test', { ownerPassword: OWNER_PASSWORD })).owner.did
  await addDomain(t, 'two.test')
  alice = await createAccount(t, 'alice.one.test', PASSWORD)
  bob = await createAccount(t, 'bob.two.test', PASSWORD)
  admin = adminAgent(t)
  owner = await loggedIn(t, 'admin.one.test', OWNER_PASSWORD)
})
after(() => t?.close())

test('getAccountInfo(s) and searchAccounts: the admin key sees every tenant, an owner their own domain', async () => {
  const info = await admin.com.atproto.admin.getAccountInfo({ did: bob.did })
  assert.equal(info.data.did, bob.did)
  assert.equal(info.data.handle, bob.handle)
  assert.ok(info.data.indexedAt)
  assert.equal((await owner.com.atproto.admin.getAccountInfo({ did: alice.did })).data.handle, alice.handle)
  assert.deepEqual(await refusal(owner.com.atproto.admin.getAccountInfo({ did: bob.did })), {
    status: 403,
    error: 'Forbidden',
  })
  assert.deepEqual(await refusal(admin.com.atproto.admin.getAccountInfo({ did: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa' })), {
    status: 400,
    error: 'NotFound',
  })
  // A user's own session is no operator's.
  const user = await loggedIn(t, alice.handle, PASSWORD)
  assert.equal((await refusal(user.com.atproto.admin.getAccountInfo({ did: alice.did }))).status, 403)
  // Without credentials, or with a wrong key.
  const anonymous = await xrpc(t.url, 'com.atproto.admin.getAccountInfo', { params: { did: alice.did } })
  assert.equal(anonymous.status, 401)

  const both = { dids: [alice.did, bob.did, 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa'] }
  const byAdmin = await admin.com.atproto.admin.getAccountInfos(both)
  assert.deepEqual(byAdmin.data.infos.map((i) => i.did).sort(), [alice.did, bob.did].sort())
  // Another domain's account is left out, as one not found.
  const byOwner = await owner.com.atproto.admin.getAccountInfos(both)
  assert.deepEqual(
    byOwner.data.infos.map((i) => i.did),
    [alice.did],
  )

  const everyone = await admin.com.atproto.admin.searchAccounts({})
  const dids = everyone.data.accounts.map((a) => a.did)
  for (const did of [alice.did, bob.did, ownerDid]) assert.ok(dids.includes(did), `${did} missing`)
  const ownDomain = await owner.com.atproto.admin.searchAccounts({})
  assert.deepEqual(ownDomain.data.accounts.map((a) => a.handle).sort(), ['admin.one.test', alice.handle])
  // Pages follow the cursor.
  const first = await admin.com.atproto.admin.searchAccounts({ limit: 2 })
  assert.equal(first.data.accounts.length, 2)
  const rest = await admin.com.atproto.admin.searchAccounts({ limit: 100, cursor: first.data.cursor })
  assert.deepEqual(
    [...first.data.accounts, ...rest.data.accounts].map((a) => a.did),
    dids,
  )
})

test('updateAccountEmail: unique service-wide, the new email logs in; another domain refused', async () => {
  await owner.com.atproto.admin.updateAccountEmail({ account: alice.did, email: 'Alice@Example.org' })
  const info = await admin.com.atproto.admin.getAccountInfo({ did: alice.did })
  assert.equal(info.data.email, 'alice@example.org')
  await loggedIn(t, 'alice@example.org', PASSWORD)
  const found = await admin.com.atproto.admin.searchAccounts({ email: 'alice@example.org' })
  assert.deepEqual(
    found.data.accounts.map((a) => a.did),
    [alice.did],
  )
  // Taken by alice: bob cannot have it.
  const taken = await refusal(
    admin.com.atproto.admin.updateAccountEmail({ account: bob.did, email: 'alice@example.org' }),
  )
  assert.equal(taken.status, 400)
  assert.equal((await admin.com.atproto.admin.getAccountInfo({ did: bob.did })).data.email, undefined)
  assert.deepEqual(
    await refusal(owner.com.atproto.admin.updateAccountEmail({ account: bob.did, email: 'b@example.org' })),
    {
      status: 403,
      error: 'Forbidden',
    },
  )
  // By handle too (the input is an at-identifier).
  await admin.com.atproto.admin.updateAccountEmail({ account: bob.handle, email: 'bob@example.org' })
  assert.equal((await admin.com.atproto.admin.getAccountInfo({ did: bob.did })).data.email, 'bob@example.org')
})

test('updateAccountPassword: the new password logs in, the old one and every session are gone', async () => {
  const carol = await createAccount(t, 'carol.one.test', PASSWORD)
  const session = await loggedIn(t, carol.handle, PASSWORD)
  await owner.com.atproto.admin.updateAccountPassword({ did: carol.did, password: 'a new password' })
  assert.equal((await refusal(session.com.atproto.server.getSession())).error, 'ExpiredToken')
  assert.equal((await refusal(loggedIn(t, carol.handle, PASSWORD))).status, 401)
  await loggedIn(t, carol.handle, 'a new password')
  assert.equal(
    (await refusal(admin.com.atproto.admin.updateAccountPassword({ did: carol.did, password: 'short' }))).error,
    'InvalidPassword',
  )
  assert.deepEqual(
    await refusal(owner.com.atproto.admin.updateAccountPassword({ did: bob.did, password: 'a new password' })),
    {
      status: 403,
      error: 'Forbidden',
    },
  )
  await admin.com.atproto.admin.updateAccountPassword({ did: bob.did, password: 'bob new password' })
  await loggedIn(t, bob.handle, 'bob new password')
})

test('updateAccountHandle: as updateHandle, in the account’s own domain; another domain refused', async () => {
  const dave = await createAccount(t, 'dave.one.test', PASSWORD)
  await owner.com.atproto.admin.updateAccountHandle({ did: dave.did, handle: 'david.one.test' })
  const resolved = await admin.com.atproto.identity.resolveHandle({ handle: 'david.one.test' })
  assert.equal(resolved.data.did, dave.did)
  const described = await admin.com.atproto.repo.describeRepo({ repo: dave.did })
  assert.equal(described.data.handle, 'david.one.test')
  assert.equal(
    (await refusal(admin.com.atproto.admin.updateAccountHandle({ did: dave.did, handle: alice.handle }))).error,
    'HandleNotAvailable',
  )
  assert.equal(
    (await refusal(owner.com.atproto.admin.updateAccountHandle({ did: bob.did, handle: 'robert.two.test' }))).status,
    403,
  )
  await admin.com.atproto.admin.updateAccountHandle({ did: bob.did, handle: 'robert.two.test' })
  bob = { ...bob, handle: 'robert.two.test' }
  assert.equal((await admin.com.atproto.admin.getAccountInfo({ did: bob.did })).data.handle, 'robert.two.test')
})

test('updateAccountSigningKey: the DID document names the new key; the admin key only', async () => {
  const key = (await Secp256k1Keypair.create()).did()
  assert.equal(
    (await refusal(owner.com.atproto.admin.updateAccountSigningKey({ did: alice.did, signingKey: key }))).status,
    403,
  )
  await admin.com.atproto.admin.updateAccountSigningKey({ did: alice.did, signingKey: key })
  const described = await admin.com.atproto.repo.describeRepo({ repo: alice.did })
  const doc = described.data.didDoc as { verificationMethod: { publicKeyMultibase: string }[] }
  assert.equal(`did:key:${doc.verificationMethod[0]?.publicKeyMultibase}`, key)
  const bad = await refusal(
    admin.com.atproto.admin.updateAccountSigningKey({ did: alice.did, signingKey: 'did:web:example.com' }),
  )
  assert.equal(bad.status, 400)
})

test('deleteAccount: as host.primal.pds.deleteAccount; an owner only in their own domain, never themselves', async () => {
  const erin = await createAccount(t, 'erin.one.test', PASSWORD)
  await owner.com.atproto.admin.deleteAccount({ did: erin.did })
  assert.equal((await refusal(admin.com.atproto.admin.getAccountInfo({ did: erin.did }))).error, 'NotFound')
  assert.equal((await refusal(admin.com.atproto.repo.describeRepo({ repo: erin.did }))).error, 'RepoNotFound')
  assert.equal((await refusal(owner.com.atproto.admin.deleteAccount({ did: bob.did }))).status, 403)
  assert.equal((await refusal(admin.com.atproto.admin.deleteAccount({ did: ownerDid }))).status, 400)
  await admin.com.atproto.admin.deleteAccount({ did: bob.did })
  assert.equal((await refusal(admin.com.atproto.admin.getAccountInfo({ did: bob.did }))).error, 'NotFound')
})
