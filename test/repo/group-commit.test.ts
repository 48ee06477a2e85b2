// Writes to one repo that arrive together are stored as a group: each its own
// commit and rev, built one on another in arrival order, in one transaction.
// A write that fails in a group fails alone; a swap is checked against the
// commit before it in the group; a write that replaces a record runs alone,
// in its place in the order.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { AtpAgent } from '@atproto/api'
import { TID } from '@atproto/common-web'
import type { Cid } from '@atproto/lex-data'
import { parseCid } from '@atproto/lex-data'
import { readCarWithRoot, verifyRepo } from '@atproto/repo'
import { prepareWrite, type WriteRequest } from '../../src/repo/prepare.js'
import type { CommitResult } from '../../src/repo/repo-service.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { FirehoseClient } from '../sync/helpers.js'
import { loggedInAccount, post, type TestAccount } from './helpers.js'

const TAKEN = TID.nextStr()
const REPLACED = TID.nextStr()
let t: TestServer
let ann: TestAccount
before(async () => {
  t = await startTestServer()
  await t.ctx.domains.add({ domain: 'group.test' })
  ann = await loggedInAccount(t, 'ann.group.test')
})
after(() => t?.close())

const prepare = (req: WriteRequest) =>
  prepareWrite(req, { lexicons: t.ctx.lexicons, maxRecordBytes: t.ctx.config.limits.recordBytes })
const create = (text: string, rkey?: string) =>
  prepare({ action: 'create', collection: 'app.bsky.feed.post', rkey, record: post(text) })

/** Starts these writes at once (they join one group), each with its own swapCommit. */
async function together(writes: { write: Awaited<ReturnType<typeof prepare>>; swap?: Cid }[]) {
  const located = await t.ctx.accounts.mustLocate(ann.did)
  return Promise.allSettled(writes.map((w) => t.ctx.repos.applyWrites(located, [w.write], w.swap)))
}

async function head(): Promise<{ cid: string; rev: string }> {
  const res = await new AtpAgent({ service: t.url }).com.atproto.sync.getLatestCommit({ did: ann.did })
  return res.data
}

test('writes that arrive together are each a commit, in arrival order, and the repo verifies', async () => {
  const cursor = t.ctx.tail.head
  const results = await together(
    await Promise.all(Array.from({ length: 12 }, async (_, i) => ({ write: await create(`${i}`) }))),
  )
  const revs = results.map((r) => {
    assert.equal(r.status, 'fulfilled')
    return (r.value as CommitResult).rev
  })
  assert.deepEqual([...revs].sort(), revs, 'revs rise in arrival order')
  assert.equal(new Set(revs).size, 12, 'twelve commits')
  assert.equal((await head()).rev, revs.at(-1))
  // Each commit follows the one before it on the firehose.
  const hose = new FirehoseClient(t.url, cursor)
  try {
    await hose.until((f) => f.some((x) => x.body.rev === revs.at(-1)), 'the last commit')
    const commits = hose.messages().filter((f) => f.header.t === '#commit' && f.body.repo === ann.did)
    assert.deepEqual(
      commits.map((f) => f.body.rev),
      revs,
    )
    for (let i = 1; i < commits.length; i++) assert.equal(commits[i]?.body.since, commits[i - 1]?.body.rev)
  } finally {
    hose.close()
  }
  const car = await new AtpAgent({ service: t.url }).com.atproto.sync.getRepo({ did: ann.did })
  const { root, blocks } = await readCarWithRoot(car.data)
  const verified = await verifyRepo(blocks, root, ann.did, ann.signingKey)
  assert.equal(verified.creates.filter((c) => c.collection === 'app.bsky.feed.post').length, 12)
})

test('in a group, a failed write fails alone and a swap is checked against the commit before it', async () => {
  const { cid: start } = await head()
  const taken = await create('taken', TAKEN)
  const located = await t.ctx.accounts.mustLocate(ann.did)
  await t.ctx.repos.applyWrites(located, [taken])
  const before = await head()
  const [first, stale, clash, last] = await together([
    { write: await create('first') },
    // Built on the root before `first`: in arrival order, `first` moved it.
    { write: await create('stale'), swap: parseCid(before.cid) },
    { write: await create('clash', TAKEN) },
    { write: await create('last') },
  ])
  assert.equal(first?.status, 'fulfilled')
  assert.equal(last?.status, 'fulfilled')
  assert.equal(stale?.status, 'rejected')
  assert.match(String((stale as PromiseRejectedResult).reason), /Commit was at/)
  assert.equal(clash?.status, 'rejected')
  assert.match(String((clash as PromiseRejectedResult).reason), /Record already exists/)
  const firstRev = (first as PromiseFulfilledResult<CommitResult>).value.rev
  const lastRev = (last as PromiseFulfilledResult<CommitResult>).value.rev
  assert.ok(firstRev < lastRev)
  assert.equal((await head()).rev, lastRev)
  assert.notEqual(start, before.cid)
  const listed = await ann.agent.com.atproto.repo.listRecords({
    repo: ann.did,
    collection: 'app.bsky.feed.post',
    limit: 100,
  })
  const texts = listed.data.records.map((r) => (r.value as { text: string }).text)
  assert.ok(texts.includes('first') && texts.includes('last'))
  assert.ok(!texts.includes('stale') && !texts.includes('clash'), 'the failed writes left nothing')
})

test('a write that replaces a record ends the group and runs in its place in the order', async () => {
  const located = await t.ctx.accounts.mustLocate(ann.did)
  await t.ctx.repos.applyWrites(located, [await create('v1', REPLACED)])
  const update = await prepare({
    action: 'update',
    collection: 'app.bsky.feed.post',
    rkey: REPLACED,
    record: post('v2'),
  })
  const results = await together([{ write: await create('a') }, { write: update }, { write: await create('b') }])
  const revs = results.map((r) => {
    assert.equal(r.status, 'fulfilled')
    return (r.value as CommitResult).rev
  })
  assert.deepEqual([...revs].sort(), revs, 'in arrival order')
  const got = await ann.agent.com.atproto.repo.getRecord({
    repo: ann.did,
    collection: 'app.bsky.feed.post',
    rkey: REPLACED,
  })
  assert.equal((got.data.value as { text: string }).text, 'v2')
  assert.equal((await head()).rev, revs.at(-1))
})
