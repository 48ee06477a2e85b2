// Takedowns through com.atproto.admin.updateSubjectStatus, as Ozone sends
// them: an account's is served and reported on the firehose as any takedown
// (RepoTakendown, #account takendown); a record's hides it from getRecord and
// listRecords; a blob's from getBlob, uploads and new records. Each is
// reversed by `applied: false`, and getSubjectStatus tells which applies.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { AtpAgent } from '@atproto/api'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { post } from '../repo/helpers.js'
import { FirehoseClient } from '../sync/helpers.js'
import { adminAgent, loggedIn, refusal } from './helpers.js'

const OWNER_PASSWORD = 'owner password!'
const PASSWORD = 'correct horse battery'
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')

let t: TestServer
let admin: AtpAgent
let owner: AtpAgent

before(async () => {
  t = await startTestServer()
  await addDomain(t, 'mod.test', { ownerPassword: OWNER_PASSWORD })
  await addDomain(t, 'elsewhere.test')
  admin = adminAgent(t)
  owner = await loggedIn(t, 'admin.mod.test', OWNER_PASSWORD)
})
after(() => t?.close())

const repoRef = (did: string) => ({ $type: 'com.atproto.admin.defs#repoRef', did })

test('an account takedown is served and emitted as any takedown, and reversed', async () => {
  const { did, handle } = await createAccount(t, 'taken.mod.test', PASSWORD)
  const session = await loggedIn(t, handle, PASSWORD)
  const hose = new FirehoseClient(t.url)
  await hose.opened()
  try {
    const down = await admin.com.atproto.admin.updateSubjectStatus({
      subject: repoRef(did),
      takedown: { applied: true, ref: 'ozone-1' },
    })
    assert.deepEqual(down.data.takedown, { applied: true, ref: 'ozone-1' })
    const accountEvent = (active: boolean) => (f: { header: { t?: string }; body: Record<string, unknown> }) =>
      f.header.t === '#account' && f.body.did === did && f.body.active === active
    await hose.until((fs) => fs.some(accountEvent(false)), '#account takendown')
    assert.equal(hose.frames.find(accountEvent(false))?.body.status, 'takendown')

    const repo = await xrpc(t.url, 'com.atproto.sync.getRepo', { params: { did } })
    assert.deepEqual([repo.status, repo.body.error], [400, 'RepoTakendown'])
    const status = await admin.com.atproto.admin.getSubjectStatus({ did })
    assert.deepEqual(status.data.takedown, { applied: true, ref: 'ozone-1' })
    assert.deepEqual(status.data.deactivated, { applied: false })
    // Its sessions ended, and it cannot log in.
    assert.equal((await refusal(session.com.atproto.server.getSession())).status, 400)
    assert.equal((await refusal(loggedIn(t, handle, PASSWORD))).error, 'AccountTakedown')

    await owner.com.atproto.admin.updateSubjectStatus({ subject: repoRef(did), takedown: { applied: false } })
    await hose.until((fs) => fs.some(accountEvent(true)), '#account active again')
    assert.equal((await xrpc(t.url, 'com.atproto.sync.getRepo', { params: { did } })).status, 200)
    assert.deepEqual((await owner.com.atproto.admin.getSubjectStatus({ did })).data.takedown, { applied: false })
    await loggedIn(t, handle, PASSWORD)
  } finally {
    hose.close()
  }
})

test('an owner acts only in their own domain, and is not taken down', async () => {
  const other = await createAccount(t, 'other.elsewhere.test', PASSWORD)
  const elsewhere = await refusal(
    owner.com.atproto.admin.updateSubjectStatus({ subject: repoRef(other.did), takedown: { applied: true } }),
  )
  assert.deepEqual(elsewhere, { status: 403, error: 'Forbidden' })
  assert.equal((await refusal(owner.com.atproto.admin.getSubjectStatus({ did: other.did }))).status, 403)
  const ownerDid = owner.session?.did as string
  const self = await refusal(
    admin.com.atproto.admin.updateSubjectStatus({ subject: repoRef(ownerDid), takedown: { applied: true } }),
  )
  assert.equal(self.status, 400)
  const unknown = await refusal(admin.com.atproto.admin.getSubjectStatus({ did: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa' }))
  assert.deepEqual(unknown, { status: 400, error: 'NotFound' })
  assert.equal((await refusal(admin.com.atproto.admin.getSubjectStatus({}))).status, 400)
})

test('a record takedown hides it from getRecord and listRecords (not from the signed repo); reversal restores it', async () => {
  const { did, handle } = await createAccount(t, 'poster.mod.test', PASSWORD)
  const user = await loggedIn(t, handle, PASSWORD)
  const kept = await user.com.atproto.repo.createRecord({
    repo: did,
    collection: 'app.bsky.feed.post',
    record: post('kept'),
  })
  const hidden = await user.com.atproto.repo.createRecord({
    repo: did,
    collection: 'app.bsky.feed.post',
    record: post('hidden'),
  })
  const rkey = hidden.data.uri.split('/').pop() as string
  const subject = { $type: 'com.atproto.repo.strongRef', uri: hidden.data.uri, cid: hidden.data.cid }

  await owner.com.atproto.admin.updateSubjectStatus({ subject, takedown: { applied: true, ref: 'spam' } })
  const get = { repo: did, collection: 'app.bsky.feed.post', rkey }
  assert.equal((await refusal(user.com.atproto.repo.getRecord(get))).error, 'RecordNotFound')
  const listed = await user.com.atproto.repo.listRecords({ repo: did, collection: 'app.bsky.feed.post' })
  assert.deepEqual(
    listed.data.records.map((r) => r.uri),
    [kept.data.uri],
  )
  // The repo still holds it, signed: its proof is still served, as the official PDS serves it.
  const proof = await fetch(
    `${t.url}/xrpc/com.atproto.sync.getRecord?did=${did}&collection=app.bsky.feed.post&rkey=${rkey}`,
  )
  assert.equal(proof.status, 200)
  const status = await admin.com.atproto.admin.getSubjectStatus({ uri: hidden.data.uri })
  assert.deepEqual(status.data.subject, subject)
  assert.deepEqual(status.data.takedown, { applied: true, ref: 'spam' })

  await admin.com.atproto.admin.updateSubjectStatus({ subject, takedown: { applied: false } })
  assert.equal((await user.com.atproto.repo.getRecord(get)).data.cid, hidden.data.cid)
  const again = await user.com.atproto.repo.listRecords({ repo: did, collection: 'app.bsky.feed.post' })
  assert.equal(again.data.records.length, 2)
  assert.deepEqual((await admin.com.atproto.admin.getSubjectStatus({ uri: hidden.data.uri })).data.takedown, {
    applied: false,
  })
})

test('a blob takedown stops getBlob, re-uploads and new records naming it; reversal restores it', async () => {
  const { did, handle } = await createAccount(t, 'pictures.mod.test', PASSWORD)
  const user = await loggedIn(t, handle, PASSWORD)
  const uploaded = await user.com.atproto.repo.uploadBlob(PNG, { encoding: 'image/png' })
  const blob = uploaded.data.blob
  const cid = blob.ref.toString()
  const embed = { $type: 'app.bsky.embed.images', images: [{ image: blob, alt: 'x' }] }
  await user.com.atproto.repo.createRecord({
    repo: did,
    collection: 'app.bsky.feed.post',
    record: post('pic', { embed }),
  })
  const getBlob = () => xrpc(t.url, 'com.atproto.sync.getBlob', { params: { did, cid } })
  assert.equal((await getBlob()).status, 200)

  const subject = { $type: 'com.atproto.admin.defs#repoBlobRef', did, cid }
  await admin.com.atproto.admin.updateSubjectStatus({ subject, takedown: { applied: true } })
  const refused = await getBlob()
  assert.deepEqual([refused.status, refused.body.error], [400, 'BlobNotFound'])
  assert.equal((await refusal(user.com.atproto.repo.uploadBlob(PNG, { encoding: 'image/png' }))).status, 400)
  const naming = user.com.atproto.repo.createRecord({
    repo: did,
    collection: 'app.bsky.feed.post',
    record: post('again', { embed }),
  })
  assert.equal((await refusal(naming)).error, 'BlobNotFound')
  const status = await owner.com.atproto.admin.getSubjectStatus({ did, blob: cid })
  assert.deepEqual(status.data.subject, subject)
  assert.equal(status.data.takedown?.applied, true)
  assert.ok(status.data.takedown?.ref, 'a takedown without a ref is stored under when it was applied')

  await owner.com.atproto.admin.updateSubjectStatus({ subject, takedown: { applied: false } })
  assert.equal((await getBlob()).status, 200)
  await user.com.atproto.repo.createRecord({
    repo: did,
    collection: 'app.bsky.feed.post',
    record: post('again', { embed }),
  })
  assert.deepEqual((await admin.com.atproto.admin.getSubjectStatus({ did, blob: cid })).data.takedown, {
    applied: false,
  })
})

test('a taken-down post is not found by search until the takedown is lifted', async () => {
  const { handle } = await createAccount(t, 'searched.mod.test', PASSWORD)
  const session = await loggedIn(t, handle, PASSWORD)
  const did = session.session?.did as string
  const created = await session.com.atproto.repo.createRecord({
    repo: did,
    collection: 'is.gather.feed.post',
    record: { $type: 'is.gather.feed.post', text: 'zanzibar marmalade', createdAt: new Date().toISOString() },
  })
  const found = async () => {
    const res = await xrpc(t.url, 'is.gather.feed.searchPosts', { params: { q: 'zanzibar' } })
    return (res.body.posts as { uri: string }[]).map((p) => p.uri)
  }
  assert.deepEqual(await found(), [created.data.uri])
  const subject = { $type: 'com.atproto.repo.strongRef', uri: created.data.uri, cid: created.data.cid }
  await admin.com.atproto.admin.updateSubjectStatus({ subject, takedown: { applied: true, ref: 'ozone-3' } })
  assert.deepEqual(await found(), [])
  await admin.com.atproto.admin.updateSubjectStatus({ subject, takedown: { applied: false } })
  assert.deepEqual(await found(), [created.data.uri])
})

test('an unused taken-down blob outlives the storage sweep, so it cannot come back', async () => {
  const { did, handle } = await createAccount(t, 'orphans.mod.test', PASSWORD)
  const user = await loggedIn(t, handle, PASSWORD)
  const bytes = Buffer.concat([PNG, Buffer.from('orphan')])
  const cid = (await user.com.atproto.repo.uploadBlob(bytes, { encoding: 'image/png' })).data.blob.ref.toString()
  const subject = { $type: 'com.atproto.admin.defs#repoBlobRef', did, cid }
  await admin.com.atproto.admin.updateSubjectStatus({ subject, takedown: { applied: true, ref: 'ozone-4' } })
  await t.ctx.sweeper.sweep(new Date(Date.now() + (t.ctx.config.gc.unusedBlobGraceSeconds + 1) * 1000))
  const status = await admin.com.atproto.admin.getSubjectStatus({ did, blob: cid })
  assert.deepEqual(status.data.takedown, { applied: true, ref: 'ozone-4' })
  assert.equal((await refusal(user.com.atproto.repo.uploadBlob(bytes, { encoding: 'image/png' }))).status, 400)
})
