// subscribeRepos as a relay uses it: live frames for every write, replay from
// a cursor that matches what live subscribers got byte for byte, canonical
// DAG-CBOR, the cursor errors, and account events.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import * as dagCbor from '@ipld/dag-cbor'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { loggedInAccount, post } from '../repo/helpers.js'
import { FirehoseClient } from './helpers.js'

let t: TestServer

before(async () => {
  t = await startTestServer()
  await addDomain(t, 'hose-a.test')
  await addDomain(t, 'hose-b.test')
})
after(() => t?.close())

test('live frames for every write, in order, and a replay from 0 that is byte-identical', async () => {
  const live = new FirehoseClient(t.url)
  await live.opened()
  const ann = await loggedInAccount(t, 'ann.hose-a.test')
  const bob = await loggedInAccount(t, 'bob.hose-b.test')
  const writes: string[] = []
  for (let i = 0; i < 5; i++) {
    for (const who of [ann, bob]) {
      const res = await who.agent.com.atproto.repo.createRecord({
        repo: who.did,
        collection: 'app.bsky.feed.post',
        record: post(`${i}`),
      })
      writes.push(res.data.commit?.rev as string)
    }
  }
  await live.until((f) => writes.every((rev) => f.some((x) => x.body.rev === rev)), 'every write')
  const seen = live.messages()
  const seqs = seen.map((f) => f.body.seq as number)
  for (let i = 1; i < seqs.length; i++) assert.equal(seqs[i], (seqs[i - 1] as number) + 1, 'seqs are contiguous')
  for (const f of seen)
    assert.deepEqual(
      Buffer.from(dagCbor.encode(f.header)),
      Buffer.from(f.raw.subarray(0, dagCbor.encode(f.header).byteLength)),
    )
  // Canonical: header and body re-encode to the exact bytes received.
  for (const f of seen) {
    const again = Buffer.concat([dagCbor.encode(f.header), dagCbor.encode(f.body)])
    assert.deepEqual(again, Buffer.from(f.raw))
  }
  // Account creation: #identity and #account, then the repo's first commit and its #sync.
  const annEvents = seen.filter((f) => f.body.did === ann.did || f.body.repo === ann.did)
  assert.deepEqual(
    annEvents.slice(0, 4).map((f) => f.header.t),
    ['#identity', '#account', '#commit', '#sync'],
  )
  assert.equal(annEvents[0]?.body.handle, ann.handle)
  assert.equal(annEvents[3]?.body.rev, annEvents[2]?.body.rev)

  const replay = new FirehoseClient(t.url, 0)
  const last = seqs[seqs.length - 1] as number
  await replay.until((f) => f.some((x) => x.body.seq === last), 'the replay to reach the live position')
  const replayed = replay
    .messages()
    .filter((f) => (f.body.seq as number) >= (seqs[0] as number) && (f.body.seq as number) <= last)
  assert.deepEqual(
    replayed.map((f) => Buffer.from(f.raw)),
    seen.map((f) => Buffer.from(f.raw)),
  )
  const all = replay.messages().map((f) => f.body.seq as number)
  assert.deepEqual(
    all,
    Array.from({ length: all.length }, (_, i) => i + 1),
    'replay from 0 starts at 1 with no gap',
  )
  live.close()
  replay.close()
})

test('a cursor ahead of the head gets FutureCursor', async () => {
  const c = new FirehoseClient(t.url, 1_000_000)
  await c.until((f) => f.length > 0, 'an error frame')
  assert.equal(c.frames[0]?.header.op, -1)
  assert.equal(c.frames[0]?.body.error, 'FutureCursor')
})

test('status changes and deletion emit #account events', async () => {
  const live = new FirehoseClient(t.url)
  await live.opened()
  const cat = await loggedInAccount(t, 'cat.hose-a.test')
  for (const status of ['suspended', 'active']) {
    const res = await xrpc(t.url, 'host.primal.pds.updateAccountStatus', {
      auth: t.adminKey,
      body: { did: cat.did, status },
    })
    assert.equal(res.status, 200)
  }
  await xrpc(t.url, 'host.primal.pds.deleteAccount', { auth: t.adminKey, body: { did: cat.did } })
  await live.until(
    (f) => f.filter((x) => x.header.t === '#account' && x.body.did === cat.did).length >= 4,
    'account events',
  )
  const events = live
    .messages()
    .filter((x) => x.header.t === '#account' && x.body.did === cat.did)
    .map((x) => ({ active: x.body.active, status: x.body.status }))
  assert.deepEqual(events, [
    { active: true, status: undefined },
    { active: false, status: 'suspended' },
    { active: true, status: undefined },
    { active: false, status: 'deleted' },
  ])
  live.close()
})

test('adding a domain announces its owner; removing it emits #account deleted for each account', async () => {
  const live = new FirehoseClient(t.url)
  await live.opened()
  const added = await addDomain(t, 'gone.test')
  await live.until(
    (f) => f.some((x) => x.header.t === '#identity' && x.body.did === added.owner.did),
    "the owner's #identity",
  )
  const dan = await loggedInAccount(t, 'dan.gone.test')
  const res = await xrpc(t.url, 'host.primal.pds.removeDomain', { auth: t.adminKey, body: { domain: 'gone.test' } })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  const gone = [added.owner.did, dan.did].sort()
  const deleted = (frames: typeof live.frames) =>
    frames
      .filter((f) => f.header.t === '#account' && f.body.status === 'deleted')
      .map((f) => f.body.did as string)
      .sort()
  await live.until((f) => deleted(f).length >= 2, 'an #account event per account')
  assert.deepEqual(deleted(live.frames), gone)
  for (const f of live.messages().filter((x) => x.header.t === '#account' && x.body.status === 'deleted')) {
    assert.equal(f.body.active, false)
  }
  live.close()
})

test('a domain added again under a removed name has its events on the firehose, and its removal too', async () => {
  const live = new FirehoseClient(t.url)
  await live.opened()
  const lifetimes: string[][] = []
  for (let round = 0; round < 2; round++) {
    const added = await addDomain(t, 'again.test')
    const member = await loggedInAccount(t, `member${round}.again.test`)
    // Its events reach the stream although the first lifetime's outbox ids were the same numbers.
    await live.until(
      (f) => f.some((x) => x.header.t === '#commit' && x.body.repo === member.did),
      `member${round}'s first commit`,
    )
    const res = await xrpc(t.url, 'host.primal.pds.removeDomain', { auth: t.adminKey, body: { domain: 'again.test' } })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    lifetimes.push([added.owner.did, member.did])
  }
  const deleted = (frames: typeof live.frames) =>
    frames.filter((f) => f.header.t === '#account' && f.body.status === 'deleted').map((f) => f.body.did as string)
  const everyone = lifetimes.flat()
  await live.until((f) => everyone.every((did) => deleted(f).includes(did)), 'an #account deleted for both lifetimes')
  assert.equal(t.ctx.sequencer.outboxDepth, 0)
  live.close()
})

test('updateHandle moves the handle within the domain and emits #identity', async () => {
  const live = new FirehoseClient(t.url)
  await live.opened()
  const kim = await loggedInAccount(t, 'kim.hose-a.test')
  await kim.agent.com.atproto.identity.updateHandle({ handle: 'kimberly.hose-a.test' })
  await live.until(
    (f) => f.some((x) => x.header.t === '#identity' && x.body.handle === 'kimberly.hose-a.test'),
    'the new handle on the stream',
  )
  const resolved = await xrpc(t.url, 'com.atproto.identity.resolveHandle', {
    params: { handle: 'kimberly.hose-a.test' },
  })
  assert.equal(resolved.body.did, kim.did)
  const old = await xrpc(t.url, 'com.atproto.identity.resolveHandle', { params: { handle: 'kim.hose-a.test' } })
  assert.equal(old.body.error, 'HandleNotFound')
  const session = await kim.agent.com.atproto.server.getSession()
  assert.equal(session.data.handle, 'kimberly.hose-a.test')
  await loggedInAccount(t, 'lee.hose-a.test')
  const taken = await xrpc(t.url, 'com.atproto.identity.updateHandle', {
    auth: kim.agent.session?.accessJwt,
    body: { handle: 'lee.hose-a.test' },
  })
  assert.equal(taken.body.error, 'HandleNotAvailable')
  const elsewhere = await xrpc(t.url, 'com.atproto.identity.updateHandle', {
    auth: kim.agent.session?.accessJwt,
    body: { handle: 'kim.hose-b.test' },
  })
  assert.equal(elsewhere.body.error, 'UnsupportedDomain')
  live.close()
})
