// Records through the real server and @atproto/api, as a Bluesky client
// writes and reads them, and the repo as a relay downloads and verifies it.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { readCar, verifyRecords, verifyRepoCar } from '@atproto/repo'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { carBytes, expectedCid, loggedInAccount, post, type TestAccount } from './helpers.js'

let t: TestServer
let alice: TestAccount

before(async () => {
  t = await startTestServer()
  await addDomain(t, 'records.test')
  alice = await loggedInAccount(t, 'alice.records.test')
})
after(() => t?.close())

async function getRepoCar(did: string, since?: string): Promise<Uint8Array> {
  const url = new URL('/xrpc/com.atproto.sync.getRepo', t.url)
  url.searchParams.set('did', did)
  if (since) url.searchParams.set('since', since)
  return carBytes(await fetch(url))
}

test('a new account has a repo: an empty, signed commit that verifies', async () => {
  const latest = await alice.agent.com.atproto.sync.getLatestCommit({ did: alice.did })
  const verified = await verifyRepoCar(await getRepoCar(alice.did), alice.did, alice.signingKey)
  assert.equal(verified.commit.cid.toString(), latest.data.cid)
  assert.equal(verified.creates.length, 0)
})

test('create, read, update with swap, delete: every CID is the DAG-CBOR CID of the record', async () => {
  const record = post('hello world')
  const created = await alice.agent.com.atproto.repo.createRecord({
    repo: alice.did,
    collection: 'app.bsky.feed.post',
    record,
  })
  assert.equal(created.data.cid, await expectedCid(record))
  assert.equal(created.data.validationStatus, 'valid')
  const rkey = created.data.uri.split('/').pop() as string
  const got = await alice.agent.com.atproto.repo.getRecord({
    repo: alice.handle,
    collection: 'app.bsky.feed.post',
    rkey,
  })
  assert.equal(got.data.cid, created.data.cid)
  assert.deepEqual(got.data.value, record)
  assert.equal(await expectedCid(got.data.value), got.data.cid)

  const edited = post('hello again')
  const put = await alice.agent.com.atproto.repo.putRecord({
    repo: alice.did,
    collection: 'app.bsky.feed.post',
    rkey,
    record: edited,
    swapRecord: created.data.cid,
  })
  assert.equal(put.data.cid, await expectedCid(edited))
  // The old CID no longer matches: the swap fails and nothing changes.
  const stale = await xrpc(t.url, 'com.atproto.repo.putRecord', {
    auth: alice.agent.session?.accessJwt,
    body: {
      repo: alice.did,
      collection: 'app.bsky.feed.post',
      rkey,
      record: post('lost'),
      swapRecord: created.data.cid,
    },
  })
  assert.equal(stale.status, 400)
  assert.equal(stale.body.error, 'InvalidSwap')
  const after = await alice.agent.com.atproto.repo.getRecord({
    repo: alice.did,
    collection: 'app.bsky.feed.post',
    rkey,
  })
  assert.equal(after.data.cid, put.data.cid)
  const wrongCid = await xrpc(t.url, 'com.atproto.repo.getRecord', {
    params: { repo: alice.did, collection: 'app.bsky.feed.post', rkey, cid: created.data.cid },
  })
  assert.equal(wrongCid.status, 400)
  assert.equal(wrongCid.body.error, 'RecordNotFound')

  const del = await alice.agent.com.atproto.repo.deleteRecord({
    repo: alice.did,
    collection: 'app.bsky.feed.post',
    rkey,
    swapRecord: put.data.cid,
  })
  assert.ok(del.data.commit?.rev)
  const gone = await xrpc(t.url, 'com.atproto.repo.getRecord', {
    params: { repo: alice.did, collection: 'app.bsky.feed.post', rkey },
  })
  assert.equal(gone.body.error, 'RecordNotFound')
  // Deleting what is not there succeeds and makes no commit.
  const again = await alice.agent.com.atproto.repo.deleteRecord({
    repo: alice.did,
    collection: 'app.bsky.feed.post',
    rkey,
  })
  assert.equal(again.data.commit, undefined)
})

test('listRecords pages both ways with a cursor', async () => {
  const collection = 'com.example.note'
  const rkeys: string[] = []
  for (let i = 0; i < 7; i++) {
    const rkey = `note${String(i).padStart(2, '0')}`
    rkeys.push(rkey)
    const res = await alice.agent.com.atproto.repo.createRecord({
      repo: alice.did,
      collection,
      rkey,
      record: { n: i },
    })
    assert.equal(res.data.validationStatus, 'unknown')
  }
  for (const reverse of [false, true]) {
    const seen: string[] = []
    let cursor: string | undefined
    for (let page = 0; page < 10; page++) {
      const res = await alice.agent.com.atproto.repo.listRecords({
        repo: alice.did,
        collection,
        limit: 3,
        cursor,
        reverse,
      })
      for (const r of res.data.records) {
        seen.push(r.uri.split('/').pop() as string)
        assert.equal(r.cid, await expectedCid(r.value))
      }
      cursor = res.data.cursor
      if (!cursor) break
    }
    assert.deepEqual(seen, reverse ? rkeys : [...rkeys].reverse())
  }
  const described = await alice.agent.com.atproto.repo.describeRepo({ repo: alice.handle })
  assert.ok(described.data.collections.includes(collection))
  assert.equal(described.data.handle, alice.handle)
})

test('applyWrites commits a batch atomically, and a failing batch changes nothing', async () => {
  const collection = 'app.bsky.feed.like'
  const subject = { uri: `at://${alice.did}/app.bsky.feed.post/3jzfcijpj2z2a`, cid: await expectedCid({ a: 1 }) }
  const like = (n: number) => ({ $type: collection, subject, createdAt: new Date(Date.UTC(2026, 0, n)).toISOString() })
  const res = await alice.agent.com.atproto.repo.applyWrites({
    repo: alice.did,
    writes: [
      { $type: 'com.atproto.repo.applyWrites#create', collection, rkey: '3kaaaaaaaaaa2', value: like(1) },
      { $type: 'com.atproto.repo.applyWrites#create', collection, rkey: '3kaaaaaaaaab2', value: like(2) },
      { $type: 'com.atproto.repo.applyWrites#create', collection: 'com.example.note', rkey: 'batch', value: { b: 1 } },
    ],
  })
  assert.equal(res.data.results?.length, 3)
  const commit = res.data.commit
  const second = await alice.agent.com.atproto.repo.applyWrites({
    repo: alice.did,
    swapCommit: commit?.cid,
    writes: [
      { $type: 'com.atproto.repo.applyWrites#update', collection, rkey: '3kaaaaaaaaaa2', value: like(3) },
      { $type: 'com.atproto.repo.applyWrites#delete', collection, rkey: '3kaaaaaaaaab2' },
    ],
  })
  const results = second.data.results as { $type: string; cid?: string }[]
  assert.equal(results[0]?.$type, 'com.atproto.repo.applyWrites#updateResult')
  assert.equal(results[0]?.cid, await expectedCid(like(3)))
  assert.equal(results[1]?.$type, 'com.atproto.repo.applyWrites#deleteResult')

  const before = await alice.agent.com.atproto.sync.getLatestCommit({ did: alice.did })
  // The second write is invalid (a like needs a subject): the first must not land either.
  const bad = await xrpc(t.url, 'com.atproto.repo.applyWrites', {
    auth: alice.agent.session?.accessJwt,
    body: {
      repo: alice.did,
      writes: [
        { $type: 'com.atproto.repo.applyWrites#create', collection, rkey: '3kaaaaaaaaac2', value: like(4) },
        {
          $type: 'com.atproto.repo.applyWrites#create',
          collection,
          value: { $type: collection, createdAt: like(5).createdAt },
        },
      ],
    },
  })
  assert.equal(bad.status, 400)
  assert.match(bad.body.message as string, /subject/)
  const stale = await xrpc(t.url, 'com.atproto.repo.applyWrites', {
    auth: alice.agent.session?.accessJwt,
    body: {
      repo: alice.did,
      swapCommit: commit?.cid,
      writes: [{ $type: 'com.atproto.repo.applyWrites#delete', collection, rkey: '3kaaaaaaaaaa2' }],
    },
  })
  assert.equal(stale.body.error, 'InvalidSwap')
  const unchanged = await alice.agent.com.atproto.sync.getLatestCommit({ did: alice.did })
  assert.deepEqual(unchanged.data, before.data)
})

test('getRepo verifies against the signing key and holds what listRecords lists; since= holds only newer blocks', async () => {
  const full = await getRepoCar(alice.did)
  const verified = await verifyRepoCar(full, alice.did, alice.signingKey)
  const inCar = verified.creates.map((c) => `${c.collection}/${c.rkey}=${c.cid.toString()}`).sort()
  const listed: string[] = []
  for (const collection of (await alice.agent.com.atproto.repo.describeRepo({ repo: alice.did })).data.collections) {
    const res = await alice.agent.com.atproto.repo.listRecords({ repo: alice.did, collection, limit: 100 })
    for (const r of res.data.records) listed.push(`${collection}/${r.uri.split('/').pop()}=${r.cid}`)
  }
  assert.deepEqual(inCar, listed.sort())

  const { rev: since } = (await alice.agent.com.atproto.sync.getLatestCommit({ did: alice.did })).data
  const oldBlocks = (await readCar(full)).blocks
  const record = post('after the snapshot')
  const created = await alice.agent.com.atproto.repo.createRecord({
    repo: alice.did,
    collection: 'app.bsky.feed.post',
    record,
  })
  const diff = await readCar(await getRepoCar(alice.did, since))
  assert.equal(diff.roots[0]?.toString(), created.data.commit?.cid)
  const diffCids = diff.blocks.cids().map((c) => c.toString())
  assert.ok(diffCids.includes(created.data.cid), 'the new record is in the diff')
  assert.ok(diffCids.includes(created.data.commit?.cid as string), 'the new commit is in the diff')
  for (const cid of diff.blocks.cids()) assert.equal(oldBlocks.has(cid), false, `${cid} predates since`)
})

test('blocks a commit drops are swept after the grace period, and a revived block survives the sweep', async () => {
  const record = post('here, gone, back')
  const first = await alice.agent.com.atproto.repo.createRecord({
    repo: alice.did,
    collection: 'app.bsky.feed.post',
    record,
  })
  const rkey = first.data.uri.split('/').pop() as string
  await alice.agent.com.atproto.repo.deleteRecord({ repo: alice.did, collection: 'app.bsky.feed.post', rkey })
  await alice.agent.com.atproto.repo.createRecord({ repo: alice.did, collection: 'app.bsky.feed.post', rkey, record })
  const beforeSweep = await getRepoCar(alice.did)
  const swept = await t.ctx.sweeper.sweep(new Date(Date.now() + (t.ctx.config.gc.droppedBlockGraceSeconds + 1) * 1000))
  assert.ok(swept.droppedBlocks > 0, 'earlier commits dropped blocks that are now swept')
  const afterSweep = await getRepoCar(alice.did)
  const a = await verifyRepoCar(beforeSweep, alice.did, alice.signingKey)
  const b = await verifyRepoCar(afterSweep, alice.did, alice.signingKey)
  assert.deepEqual(b.creates.map((c) => c.cid.toString()).sort(), a.creates.map((c) => c.cid.toString()).sort())
  // Dropped blocks were never part of the export; the sweep only frees their storage.
  assert.equal(afterSweep.byteLength, beforeSweep.byteLength)
})

test('sync.getRecord returns a proof that verifies', async () => {
  const record = post('prove me')
  const created = await alice.agent.com.atproto.repo.createRecord({
    repo: alice.did,
    collection: 'app.bsky.feed.post',
    record,
  })
  const rkey = created.data.uri.split('/').pop() as string
  const url = new URL('/xrpc/com.atproto.sync.getRecord', t.url)
  url.search = new URLSearchParams({ did: alice.did, collection: 'app.bsky.feed.post', rkey }).toString()
  const claims = await verifyRecords(await carBytes(await fetch(url)), alice.did, alice.signingKey)
  assert.equal(claims.length, 1)
  assert.equal(claims[0]?.rkey, rkey)
  assert.deepEqual(claims[0]?.record, record)
})

test('listRepos and getRepoStatus show every repo with its head', async () => {
  const repos = await alice.agent.com.atproto.sync.listRepos({ limit: 1000 })
  const mine = repos.data.repos.find((r) => r.did === alice.did)
  const latest = await alice.agent.com.atproto.sync.getLatestCommit({ did: alice.did })
  assert.equal(mine?.head, latest.data.cid)
  assert.equal(mine?.active, true)
  const status = await alice.agent.com.atproto.sync.getRepoStatus({ did: alice.did })
  assert.equal(status.data.rev, latest.data.rev)
})

test('sync.getBlocks returns the blocks asked for, and names the CIDs it does not hold', async () => {
  const record = post('a block of mine')
  const created = await alice.agent.com.atproto.repo.createRecord({
    repo: alice.did,
    collection: 'app.bsky.feed.post',
    record,
  })
  const latest = await alice.agent.com.atproto.sync.getLatestCommit({ did: alice.did })
  const cids = [created.data.cid, latest.data.cid]
  const got = await alice.agent.com.atproto.sync.getBlocks({ did: alice.did, cids })
  const { roots, blocks } = await readCar(got.data)
  assert.deepEqual(roots, [])
  assert.deepEqual(blocks.cids().map(String).sort(), [...cids].sort())
  assert.equal(await expectedCid(record), created.data.cid)

  // A CID of another account's block is not this repo's, as one never written is not.
  const stranger = await loggedInAccount(t, 'bob.records.test')
  const theirs = (await stranger.agent.com.atproto.sync.getLatestCommit({ did: stranger.did })).data.cid
  const getBlocks = (cids: string[]) => {
    const url = new URL('/xrpc/com.atproto.sync.getBlocks', t.url)
    url.searchParams.set('did', alice.did)
    for (const cid of cids) url.searchParams.append('cids', cid)
    return fetch(url)
  }
  const missing = await getBlocks([created.data.cid, theirs])
  assert.equal(missing.status, 400)
  assert.deepEqual(await missing.json(), { error: 'InvalidRequest', message: `Could not find cids: ${theirs}` })
  const malformed = await getBlocks(['nope'])
  assert.equal(malformed.status, 400)
  assert.equal(((await malformed.json()) as { error: string }).error, 'InvalidRequest')
})
