// What a careless or hostile client sends to the repo endpoints: each answer
// is a clear XRPC error with the right status, never a 500, and the repo is
// left exactly as it was.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { loggedInAccount, post, type TestAccount } from './helpers.js'

let t: TestServer
let alice: TestAccount
let bob: TestAccount

before(async () => {
  t = await startTestServer({ config: { limits: { recordBytes: 4096, blobBytes: 2048 } } })
  await addDomain(t, 'bad.test')
  alice = await loggedInAccount(t, 'alice.bad.test')
  bob = await loggedInAccount(t, 'bob.bad.test')
})
after(() => t?.close())

const head = async (did: string) => (await xrpc(t.url, 'com.atproto.sync.getLatestCommit', { params: { did } })).body

function create(body: Record<string, unknown>, auth: string | null = alice.agent.session?.accessJwt ?? null) {
  return xrpc(t.url, 'com.atproto.repo.createRecord', {
    auth: auth ?? undefined,
    body: { repo: alice.did, collection: 'app.bsky.feed.post', record: post('x'), ...body },
  })
}

test('writes into another account repo are refused and change nothing', async () => {
  const before = await head(bob.did)
  const res = await create({ repo: bob.did })
  assert.equal(res.status, 403)
  assert.equal(res.body.error, 'Forbidden')
  const byHandle = await create({ repo: bob.handle })
  assert.equal(byHandle.status, 403)
  const anonymous = await create({}, null)
  assert.equal(anonymous.status, 401)
  // The admin key is not a session: it cannot write into repos.
  const withAdminKey = await create({}, t.adminKey)
  assert.equal(withAdminKey.status, 400)
  assert.equal(withAdminKey.body.error, 'InvalidToken')
  assert.deepEqual(await head(bob.did), before)
})

test('bad collections, record keys, records and swaps get InvalidRequest or InvalidSwap', async () => {
  const before = await head(alice.did)
  const cases: [Record<string, unknown>, number, string, RegExp][] = [
    [{ collection: 'not an nsid' }, 400, 'InvalidRequest', /collection/],
    [{ collection: 'app.bsky.feed.post', rkey: 'bad/key' }, 400, 'InvalidRequest', /record key/i],
    [{ rkey: '..' }, 400, 'InvalidRequest', /record key/i],
    [{ record: 'a string' }, 400, 'InvalidRequest', /record must be an object/],
    [{ record: { $type: 'app.bsky.feed.like', subject: {} } }, 400, 'InvalidRequest', /\$type/],
    [{ record: { $type: 'app.bsky.feed.post', text: 5, createdAt: 'now' } }, 400, 'InvalidRequest', /text/],
    [{ record: post('x'.repeat(5000)), validate: false }, 400, 'RecordTooBig', /limit is 4096/],
    [{ collection: 'com.example.thing', record: { a: 1 }, validate: true }, 400, 'InvalidRequest', /Lexicon not found/],
    [{ record: { ...post('x'), n: 1.5 }, validate: false }, 400, 'InvalidRequest', /record/i],
    [{ swapCommit: 'not-a-cid' }, 400, 'InvalidRequest', /swapCommit/],
    [
      { swapCommit: 'bafyreie5mnpxtlkjp7rf6l4spxroauvksyd2sfkvmxfr4uftsm7nmsidd4' },
      400,
      'InvalidSwap',
      /Commit was at/,
    ],
    [
      { collection: 'app.bsky.actor.profile', rkey: 'notself', record: { $type: 'app.bsky.actor.profile' } },
      400,
      'InvalidRequest',
      /self/,
    ],
  ]
  for (const [body, status, error, message] of cases) {
    const res = await create(body)
    assert.equal(res.status, status, `${JSON.stringify(body).slice(0, 80)} -> ${JSON.stringify(res.body)}`)
    assert.equal(res.body.error, error, JSON.stringify(res.body))
    assert.match(res.body.message as string, message)
  }
  const note = { collection: 'com.example.note', rkey: 'dup', record: { a: 1 } }
  const exists = await create(note)
  assert.equal(exists.status, 200, JSON.stringify(exists.body))
  const dup = await create(note)
  assert.equal(dup.status, 400)
  assert.match(dup.body.message as string, /already exists/)
  const swapMismatch = await xrpc(t.url, 'com.atproto.repo.deleteRecord', {
    auth: alice.agent.session?.accessJwt,
    body: {
      repo: alice.did,
      collection: 'com.example.note',
      rkey: 'dup',
      swapRecord: 'bafyreie5mnpxtlkjp7rf6l4spxroauvksyd2sfkvmxfr4uftsm7nmsidd4',
    },
  })
  assert.equal(swapMismatch.body.error, 'InvalidSwap')
  const after = await head(alice.did)
  // Only the one good write moved the head.
  assert.notDeepEqual(after, before)
  const listed = await xrpc(t.url, 'com.atproto.repo.listRecords', {
    params: { repo: alice.did, collection: 'com.example.note' },
  })
  assert.equal((listed.body.records as unknown[]).length, 1)
  const posts = await xrpc(t.url, 'com.atproto.repo.listRecords', {
    params: { repo: alice.did, collection: 'app.bsky.feed.post' },
  })
  assert.deepEqual(posts.body.records, [])
})

test('unknown repos, records and blobs are named, not 500', async () => {
  const cases: [string, Record<string, string>, string][] = [
    [
      'com.atproto.repo.getRecord',
      { repo: 'did:plc:nobody', collection: 'app.bsky.feed.post', rkey: 'x' },
      'RepoNotFound',
    ],
    [
      'com.atproto.repo.getRecord',
      { repo: alice.did, collection: 'app.bsky.feed.post', rkey: 'nope' },
      'RecordNotFound',
    ],
    ['com.atproto.repo.listRecords', { repo: 'nobody.bad.test', collection: 'app.bsky.feed.post' }, 'RepoNotFound'],
    ['com.atproto.repo.describeRepo', { repo: 'did:plc:nobody' }, 'RepoNotFound'],
    ['com.atproto.sync.getRepo', { did: 'did:plc:nobody' }, 'RepoNotFound'],
    ['com.atproto.sync.getRepo', { did: alice.did, since: 'yesterday' }, 'InvalidRequest'],
    ['com.atproto.sync.getLatestCommit', { did: 'did:plc:nobody' }, 'RepoNotFound'],
    ['com.atproto.sync.getRepoStatus', { did: 'did:plc:nobody' }, 'RepoNotFound'],
    [
      'com.atproto.sync.getBlob',
      { did: alice.did, cid: 'bafkreibme22gw2h7y2h7tg2fhqotaqjucnbc24deqo72b6mkl2egezxhvy' },
      'BlobNotFound',
    ],
    [
      'com.atproto.sync.getRecord',
      { did: 'did:plc:nobody', collection: 'app.bsky.feed.post', rkey: 'x' },
      'RepoNotFound',
    ],
  ]
  for (const [nsid, params, error] of cases) {
    const res = await xrpc(t.url, nsid, { params })
    assert.equal(res.status, 400, `${nsid} ${JSON.stringify(params)} -> ${res.status} ${JSON.stringify(res.body)}`)
    assert.equal(res.body.error, error, `${nsid}: ${JSON.stringify(res.body)}`)
  }
})

test('a blob over the limit is refused with 413 and not stored', async () => {
  const res = await fetch(`${t.url}/xrpc/com.atproto.repo.uploadBlob`, {
    method: 'POST',
    headers: { authorization: `Bearer ${alice.agent.session?.accessJwt}`, 'content-type': 'image/png' },
    body: new Uint8Array(4096),
  })
  assert.equal(res.status, 413)
  const body = (await res.json()) as { error: string }
  assert.ok(['PayloadTooLarge', 'BlobTooLarge'].includes(body.error), JSON.stringify(body))
  const listed = await xrpc(t.url, 'com.atproto.sync.listBlobs', { params: { did: alice.did } })
  assert.deepEqual(listed.body.cids, [])
})

test('a suspended account cannot write and its repo answers RepoSuspended', async () => {
  const carol = await loggedInAccount(t, 'carol.bad.test')
  const status = await xrpc(t.url, 'host.primal.pds.updateAccountStatus', {
    auth: t.adminKey,
    body: { did: carol.did, status: 'suspended' },
  })
  assert.equal(status.status, 200, JSON.stringify(status.body))
  const write = await xrpc(t.url, 'com.atproto.repo.createRecord', {
    auth: carol.agent.session?.accessJwt,
    body: { repo: carol.did, collection: 'app.bsky.feed.post', record: post('x') },
  })
  assert.equal(write.status, 401)
  const read = await xrpc(t.url, 'com.atproto.sync.getRepo', { params: { did: carol.did } })
  assert.equal(read.body.error, 'RepoSuspended')
  const repoStatus = await xrpc(t.url, 'com.atproto.sync.getRepoStatus', { params: { did: carol.did } })
  assert.deepEqual(repoStatus.body, { did: carol.did, active: false, status: 'suspended' })
  await xrpc(t.url, 'host.primal.pds.updateAccountStatus', {
    auth: t.adminKey,
    body: { did: carol.did, status: 'disabled' },
  })
  const taken = await xrpc(t.url, 'com.atproto.repo.getRecord', {
    params: { repo: carol.did, collection: 'app.bsky.feed.post', rkey: 'x' },
  })
  assert.equal(taken.body.error, 'RepoTakendown')
})
