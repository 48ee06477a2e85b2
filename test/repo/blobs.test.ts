// Blobs as a client uses them: upload, reference from a record, download with
// safe headers, list; and the sweep that removes blobs no record uses.
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { after, before, test } from 'node:test'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { create as createDigest } from 'multiformats/hashes/digest'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { loggedInAccount, post, type TestAccount } from './helpers.js'

let t: TestServer
let alice: TestAccount

before(async () => {
  // Room for a blob past the 1,000,000-byte maxSize of app.bsky.actor.profile's avatar.
  t = await startTestServer({ config: { limits: { blobBytes: 2_000_000 } } })
  await addDomain(t, 'blobs.test')
  alice = await loggedInAccount(t, 'alice.blobs.test')
})
after(() => t?.close())

/** A tiny PNG-signed payload: enough for the sniffer, unique per call. */
function png(seed: string): Uint8Array {
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(seed)])
}

function rawCid(bytes: Uint8Array): string {
  const digest = createHash('sha256').update(bytes).digest()
  return CID.createV1(raw.code, createDigest(0x12, digest)).toString()
}

async function upload(bytes: Uint8Array, contentType: string) {
  const res = await alice.agent.com.atproto.repo.uploadBlob(bytes, { encoding: contentType })
  return res.data.blob
}

test('upload: CID is the raw SHA-256 of the bytes, MIME comes from the bytes', async () => {
  const bytes = png('one')
  const blob = await upload(bytes, 'text/html')
  assert.equal(blob.ref.toString(), rawCid(bytes))
  assert.equal(blob.mimeType, 'image/png', 'a PNG claimed as HTML is stored as what it is')
  assert.equal(blob.size, bytes.byteLength)
  const text = await upload(new TextEncoder().encode('plain words'), 'text/plain; charset=utf-8')
  assert.equal(text.mimeType, 'text/plain')
  const unknown = await fetch(`${t.url}/xrpc/com.atproto.repo.uploadBlob`, {
    method: 'POST',
    headers: { authorization: `Bearer ${alice.agent.session?.accessJwt}`, 'content-type': 'not a mime type' },
    body: new Uint8Array([1, 2, 3]),
  })
  assert.equal(unknown.status, 400)
  assert.equal(((await unknown.json()) as { error: string }).error, 'InvalidRequest')
  const opaque = await upload(new Uint8Array([1, 2, 3]), 'application/octet-stream')
  assert.equal(opaque.mimeType, 'application/octet-stream')
})

test('getBlob serves the bytes with their type and headers that keep browsers safe', async () => {
  const bytes = png('two')
  const blob = await upload(bytes, 'image/png')
  const res = await fetch(`${t.url}/xrpc/com.atproto.sync.getBlob?did=${alice.did}&cid=${blob.ref.toString()}`)
  assert.equal(res.status, 200)
  assert.equal(res.headers.get('content-type'), 'image/png')
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff')
  assert.match(res.headers.get('content-security-policy') ?? '', /default-src 'none'/)
  assert.deepEqual(Buffer.from(await res.arrayBuffer()), Buffer.from(bytes))
})

test('records that use blobs keep them; unused blobs are swept after the grace period', async () => {
  const used = await upload(png('used'), 'image/png')
  const orphan = await upload(png('orphan'), 'image/png')
  const image = { alt: 'a picture', image: used }
  const created = await alice.agent.com.atproto.repo.createRecord({
    repo: alice.did,
    collection: 'app.bsky.feed.post',
    record: post('with a picture', { embed: { $type: 'app.bsky.embed.images', images: [image] } }),
  })
  const listed = await alice.agent.com.atproto.sync.listBlobs({ did: alice.did })
  assert.ok(listed.data.cids.includes(used.ref.toString()), 'a used blob is listed')
  assert.ok(!listed.data.cids.includes(orphan.ref.toString()), 'an unused blob is not')

  // Within the grace period nothing is removed.
  assert.deepEqual(await t.ctx.sweeper.sweep(new Date()), { droppedBlocks: 0, unusedBlobs: 0 })
  const later = new Date(Date.now() + (t.ctx.config.gc.unusedBlobGraceSeconds + 1) * 1000)
  const swept = await t.ctx.sweeper.sweep(later)
  assert.ok(swept.unusedBlobs >= 3, `swept ${swept.unusedBlobs}`)
  const gone = await xrpc(t.url, 'com.atproto.sync.getBlob', { params: { did: alice.did, cid: orphan.ref.toString() } })
  assert.equal(gone.body.error, 'BlobNotFound')
  const kept = await fetch(`${t.url}/xrpc/com.atproto.sync.getBlob?did=${alice.did}&cid=${used.ref.toString()}`)
  assert.equal(kept.status, 200)

  // Deleting the record releases the blob; the next sweep past the grace period removes it.
  const rkey = created.data.uri.split('/').pop() as string
  await alice.agent.com.atproto.repo.deleteRecord({ repo: alice.did, collection: 'app.bsky.feed.post', rkey })
  const afterDelete = await alice.agent.com.atproto.sync.listBlobs({ did: alice.did })
  assert.ok(!afterDelete.data.cids.includes(used.ref.toString()))
  await t.ctx.sweeper.sweep(new Date(Date.now() + (t.ctx.config.gc.unusedBlobGraceSeconds + 1) * 1000))
  const released = await xrpc(t.url, 'com.atproto.sync.getBlob', {
    params: { did: alice.did, cid: used.ref.toString() },
  })
  assert.equal(released.body.error, 'BlobNotFound')
})

test('a blob a record uses is never swept, even marked unused (an upload that raced an import marks it so)', async () => {
  const used = await upload(png('raced'), 'image/png')
  await alice.agent.com.atproto.repo.createRecord({
    repo: alice.did,
    collection: 'app.bsky.feed.post',
    record: post('raced picture', {
      embed: { $type: 'app.bsky.embed.images', images: [{ alt: 'raced', image: used }] },
    }),
  })
  const cid = used.ref.toString()
  const located = await t.ctx.accounts.mustLocate(alice.did)
  // The mark an upload leaves when it commits while an import writes the uses, as it saw none yet.
  await t.ctx.storage.transact(located.db_name, (tx) =>
    tx.db
      .updateTable('blob')
      .set({ unreferenced_since: new Date(0).toISOString() })
      .where('did', '=', alice.did)
      .where('cid', '=', cid)
      .execute(),
  )
  await t.ctx.sweeper.sweep(new Date(Date.now() + (t.ctx.config.gc.unusedBlobGraceSeconds + 1) * 1000))
  const kept = await fetch(`${t.url}/xrpc/com.atproto.sync.getBlob?did=${alice.did}&cid=${cid}`)
  assert.equal(kept.status, 200)
})

test('a record may only use blobs this account uploaded, with the MIME type they have', async () => {
  const blob = await upload(png('mine'), 'image/png')
  const claim = (ref: string, mimeType: string) =>
    xrpc(t.url, 'com.atproto.repo.createRecord', {
      auth: alice.agent.session?.accessJwt,
      body: {
        repo: alice.did,
        collection: 'app.bsky.feed.post',
        record: post('pic', {
          embed: {
            $type: 'app.bsky.embed.images',
            images: [{ alt: '', image: { $type: 'blob', ref: { $link: ref }, mimeType, size: 10 } }],
          },
        }),
      },
    })
  const missing = await claim(rawCid(png('never uploaded')), 'image/png')
  assert.equal(missing.status, 400)
  assert.equal(missing.body.error, 'BlobNotFound')
  const wrongType = await claim(blob.ref.toString(), 'image/jpeg')
  assert.equal(wrongType.status, 400)
  assert.match(wrongType.body.message as string, /image\/png/)
})

/** createRecord (validate unset: known lexicons are checked) whose record is `record` in `collection`. */
function createRaw(collection: string, record: Record<string, unknown>) {
  return xrpc(t.url, 'com.atproto.repo.createRecord', {
    auth: alice.agent.session?.accessJwt,
    body: { repo: alice.did, collection, record: { $type: collection, ...record } },
  })
}

function blobJson(ref: string, mimeType: string, size: number) {
  return { $type: 'blob', ref: { $link: ref }, mimeType, size }
}

test("a record's blob ref must give the stored blob's size", async () => {
  const bytes = png('sized')
  const blob = await upload(bytes, 'image/png')
  const ref = blob.ref.toString()
  const inPost = (size: number) =>
    createRaw('app.bsky.feed.post', {
      text: 'sized',
      createdAt: new Date().toISOString(),
      embed: { $type: 'app.bsky.embed.images', images: [{ alt: '', image: blobJson(ref, 'image/png', size) }] },
    })
  const wrong = await inPost(500)
  assert.equal(wrong.status, 400)
  assert.equal(wrong.body.error, 'InvalidSize')
  assert.match(wrong.body.message as string, new RegExp(`is ${bytes.byteLength} bytes`))
  // A collection no lexicon describes still may not misstate a blob's size.
  const huge = await createRaw('com.example.attachment', { file: blobJson(ref, 'image/png', 999_999_999) })
  assert.equal(huge.status, 400)
  assert.equal(huge.body.error, 'InvalidSize')
  const honest = await inPost(bytes.byteLength)
  assert.equal(honest.status, 200, JSON.stringify(honest.body))
})

test("a lexicon's blob maxSize and accept hold for the stored blob", async () => {
  const avatar = (ref: string, mimeType: string, size: number, validate?: boolean) =>
    xrpc(t.url, 'com.atproto.repo.putRecord', {
      auth: alice.agent.session?.accessJwt,
      body: {
        repo: alice.did,
        collection: 'app.bsky.actor.profile',
        rkey: 'self',
        validate,
        record: { $type: 'app.bsky.actor.profile', avatar: blobJson(ref, mimeType, size) },
      },
    })
  const big = Buffer.concat([png('big'), Buffer.alloc(1_200_000, 7)])
  const bigRef = (await upload(big, 'image/png')).ref.toString()
  const tooBig = await avatar(bigRef, 'image/png', big.byteLength)
  assert.equal(tooBig.status, 400)
  assert.equal(tooBig.body.error, 'BlobTooLarge')
  // Skipping validation skips the record's schema, not what its lexicon allows of a blob.
  const unvalidated = await avatar(bigRef, 'image/png', big.byteLength, false)
  assert.equal(unvalidated.status, 400)
  assert.equal(unvalidated.body.error, 'BlobTooLarge')
  const understated = await avatar(bigRef, 'image/png', 1000)
  assert.equal(understated.status, 400)
  assert.equal(understated.body.error, 'InvalidSize', 'claiming a smaller size does not get past maxSize')

  const text = new TextEncoder().encode('not a picture at all')
  const textBlob = await upload(text, 'text/plain')
  assert.equal(textBlob.mimeType, 'text/plain')
  const notAccepted = await avatar(textBlob.ref.toString(), 'text/plain', text.byteLength)
  assert.equal(notAccepted.status, 400)
  assert.equal(notAccepted.body.error, 'InvalidMimeType')
  assert.match(notAccepted.body.message as string, /image\/png/)
  const relabelled = await avatar(textBlob.ref.toString(), 'image/png', text.byteLength)
  assert.equal(relabelled.status, 400)
  assert.equal(relabelled.body.error, 'InvalidMimeType', 'claiming an accepted type does not get past accept')

  // Reached through a union, an array and refs: a post's embedded images accept image/* only.
  const textInPost = await createRaw('app.bsky.feed.post', {
    text: 'not an image',
    createdAt: new Date().toISOString(),
    embed: {
      $type: 'app.bsky.embed.images',
      images: [{ alt: '', image: blobJson(textBlob.ref.toString(), 'text/plain', text.byteLength) }],
    },
  })
  assert.equal(textInPost.status, 400)
  assert.equal(textInPost.body.error, 'InvalidMimeType')
  assert.match(textInPost.body.message as string, /images\/0\/image/)

  const small = png('small avatar')
  const fits = await avatar((await upload(small, 'image/png')).ref.toString(), 'image/png', small.byteLength)
  assert.equal(fits.status, 200, JSON.stringify(fits.body))
})

test('a re-upload under another Content-Type returns the stored type, and records can use the ref', async () => {
  const bytes = new TextEncoder().encode('{"same": "bytes"}')
  const first = await upload(bytes, 'text/plain')
  const again = await upload(bytes, 'application/json')
  assert.equal(again.ref.toString(), first.ref.toString())
  assert.equal(again.mimeType, 'text/plain', 'the ref names the type the stored blob has')
  const used = await createRaw('com.example.attachment', { file: again })
  assert.equal(used.status, 200, JSON.stringify(used.body))

  // Re-uploading a blob a record uses keeps it in use (not queued for the sweep), with its type.
  const third = await upload(bytes, 'image/gif')
  assert.equal(third.mimeType, 'text/plain')
  const listed = await alice.agent.com.atproto.sync.listBlobs({ did: alice.did })
  assert.ok(listed.data.cids.includes(first.ref.toString()))
})

test('listBlobs since= lists only blobs used by later commits; deleting the account deletes its blobs', async () => {
  const bob = await loggedInAccount(t, 'bob.blobs.test')
  const first = (await bob.agent.com.atproto.repo.uploadBlob(png('bob1'), { encoding: 'image/png' })).data.blob
  await bob.agent.com.atproto.repo.putRecord({
    repo: bob.did,
    collection: 'app.bsky.actor.profile',
    rkey: 'self',
    record: { $type: 'app.bsky.actor.profile', displayName: 'Bob', avatar: first },
  })
  const { rev } = (await bob.agent.com.atproto.sync.getLatestCommit({ did: bob.did })).data
  const second = (await bob.agent.com.atproto.repo.uploadBlob(png('bob2'), { encoding: 'image/png' })).data.blob
  await bob.agent.com.atproto.repo.putRecord({
    repo: bob.did,
    collection: 'app.bsky.actor.profile',
    rkey: 'self',
    record: { $type: 'app.bsky.actor.profile', displayName: 'Bob', avatar: first, banner: second },
  })
  const since = await bob.agent.com.atproto.sync.listBlobs({ did: bob.did, since: rev })
  assert.deepEqual(since.data.cids.sort(), [first.ref.toString(), second.ref.toString()].sort())
  const all = await bob.agent.com.atproto.sync.listBlobs({ did: bob.did, limit: 1 })
  assert.equal(all.data.cids.length, 1)
  assert.ok(all.data.cursor)

  const del = await xrpc(t.url, 'host.primal.pds.deleteAccount', { auth: t.adminKey, body: { did: bob.did } })
  assert.equal(del.status, 200, JSON.stringify(del.body))
  const domain = await t.ctx.registry.getDomain('blobs.test')
  const left = await t.ctx.storage.withTenant(domain?.db_name as string, async (db) => ({
    blobs: (await db.selectFrom('blob').select('cid').where('did', '=', bob.did).execute()).length,
    blocks: (await db.selectFrom('repo_block').select('cid').where('did', '=', bob.did).execute()).length,
    records: (await db.selectFrom('record').select('cid').where('did', '=', bob.did).execute()).length,
    roots: (await db.selectFrom('repo_root').select('cid').where('did', '=', bob.did).execute()).length,
  }))
  assert.deepEqual(left, { blobs: 0, blocks: 0, records: 0, roots: 0 })
})
