// Read-after-write through @atproto/api, as the Bluesky app sees it: the
// stand-in AppView answers with the rev of a commit we made (as an AppView
// behind by a few writes would), and the PDS adds the caller's newer posts,
// replies and profile to its timeline, own feed, threads and profiles; with
// nothing newer, a rev older than every record, or an answer it cannot or
// must not read, the AppView's bytes are passed on as they came.
import assert from 'node:assert/strict'
import http from 'node:http'
import { after, before, test } from 'node:test'
import { gzipSync } from 'node:zlib'
import { AtpAgent } from '@atproto/api'
import { LocalViewer } from '../../src/proxy/local-viewer.js'
import { adminAgent } from '../admin/helpers.js'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startPlc, type TestPlc } from '../helpers/plc.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { type StandIn, startStandIn } from '../helpers/standin-services.js'

const MAX_BYTES = 16 * 1024
const CDN = 'https://cdn.example.org/img/%s/plain/%s/%s@jpeg'
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex')

let plc: TestPlc
let appView: StandIn
let t: TestServer
let alice: { did: string; handle: string }
let bob: { did: string; handle: string }
let agent: AtpAgent
let bobAgent: AtpAgent
/** A post of alice's the AppView has indexed: every test's rev is at or after it. */
let oldPost: { uri: string; cid: string }

before(async () => {
  plc = await startPlc()
  appView = await startStandIn(plc.url)
  t = await startTestServer({
    config: {
      plcEndpoint: plc.url,
      appView: { url: appView.url, did: appView.did, cdnUrlPattern: CDN },
      proxy: { allowPrivateNetwork: true, readAfterWriteMaxBytes: MAX_BYTES },
    },
  })
  await addDomain(t, 'raw.test')
  const a = await createAccount(t, 'alice.raw.test')
  const b = await createAccount(t, 'bob.raw.test')
  alice = { did: a.did, handle: a.handle }
  bob = { did: b.did, handle: b.handle }
  agent = new AtpAgent({ service: t.url })
  await agent.login({ identifier: a.handle, password: a.password })
  bobAgent = new AtpAgent({ service: t.url })
  await bobAgent.login({ identifier: b.handle, password: b.password })
  oldPost = await agent.post({ text: 'indexed already', createdAt: new Date(Date.now() - 60_000).toISOString() })
})
after(async () => {
  await t?.close()
  await appView?.close()
  await plc?.close()
})

/** The rev of alice's repo now: what an AppView that has seen every write so far answers with. */
async function currentRev(): Promise<string> {
  return (await agent.com.atproto.sync.getLatestCommit({ did: alice.did })).data.rev
}

/** The stand-in's next `nsid` answer: `body` (bytes as given, or JSON) with `rev`. */
function answerNext(nsid: string, rev: string, body: unknown, opts: { status?: number; gzip?: boolean } = {}) {
  let bytes = Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body))
  if (opts.gzip) bytes = gzipSync(bytes)
  appView.answerNext(nsid, (_req, res) => {
    res.writeHead(opts.status ?? 200, {
      'content-type': 'application/json; charset=utf-8',
      'atproto-repo-rev': rev,
      'atproto-content-labelers': 'did:plc:ar7c4by46qjdydhdevvrndac',
      ...(opts.gzip ? { 'content-encoding': 'gzip' } : {}),
    })
    res.end(bytes)
  })
  return bytes
}

/** A GET as alice whose answer is read as bytes, undecoded. */
function rawGet(
  nsid: string,
  query: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  const url = new URL(`/xrpc/${nsid}?${query}`, t.url)
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      { headers: { authorization: `Bearer ${agent.session?.accessJwt}`, 'accept-encoding': 'gzip' } },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
        res.on('error', reject)
      },
    )
    req.on('error', reject)
  })
}

/** A post view as an AppView shows one. */
function postView(author: { did: string; handle: string }, ref: { uri: string; cid: string }, indexedAt: string) {
  return {
    uri: ref.uri,
    cid: ref.cid,
    author: { did: author.did, handle: author.handle, displayName: 'Old Name' },
    record: { $type: 'app.bsky.feed.post', text: 'from the appview', createdAt: indexedAt },
    likeCount: 3,
    indexedAt,
  }
}

const HOUR_AGO = new Date(Date.now() - 3_600_000).toISOString()

test("a post made after the AppView's rev leads the timeline, with an atproto-upstream-lag", async () => {
  const rev = await currentRev()
  const made = await agent.post({ text: 'just now' })
  answerNext('app.bsky.feed.getTimeline', rev, { feed: [{ post: postView(bob, oldPost, HOUR_AGO) }], cursor: 'c1' })
  const res = await agent.app.bsky.feed.getTimeline({ limit: 30 })
  assert.deepEqual(
    res.data.feed.map((item) => item.post.uri),
    [made.uri, oldPost.uri],
  )
  const mine = res.data.feed[0]?.post
  assert.ok(mine)
  assert.equal(mine.cid, made.cid)
  assert.deepEqual(mine.author, { did: alice.did, handle: alice.handle })
  assert.deepEqual([mine.likeCount, mine.replyCount, mine.repostCount, mine.quoteCount], [0, 0, 0, 0])
  assert.equal((mine.record as { text?: string }).text, 'just now')
  assert.equal(res.data.cursor, 'c1')
  const lag = Number(res.headers['atproto-upstream-lag'])
  assert.ok(Number.isInteger(lag) && lag >= 0, `atproto-upstream-lag ${res.headers['atproto-upstream-lag']}`)
  // The headers passed on today still are.
  assert.equal(res.headers['atproto-repo-rev'], rev)
  assert.equal(res.headers['atproto-content-labelers'], 'did:plc:ar7c4by46qjdydhdevvrndac')
})

test('own author feed gets the new post; someone else’s does not', async () => {
  const rev = await currentRev()
  const made = await agent.post({ text: 'for my feed' })
  answerNext('app.bsky.feed.getAuthorFeed', rev, { feed: [{ post: postView(alice, oldPost, HOUR_AGO) }] })
  const own = await agent.app.bsky.feed.getAuthorFeed({ actor: alice.did })
  assert.deepEqual(
    own.data.feed.map((item) => item.post.uri),
    [made.uri, oldPost.uri],
  )

  const bobs = { feed: [{ post: postView(bob, oldPost, HOUR_AGO) }] }
  answerNext('app.bsky.feed.getAuthorFeed', rev, bobs)
  const other = await agent.app.bsky.feed.getAuthorFeed({ actor: bob.did })
  assert.deepEqual(other.data, bobs)
})

test('a profile edit shows in getProfile and getProfiles, for the caller only', async () => {
  const rev = await currentRev()
  const avatar = (await agent.uploadBlob(PNG, { encoding: 'image/png' })).data.blob
  await agent.com.atproto.repo.putRecord({
    repo: alice.did,
    collection: 'app.bsky.actor.profile',
    rkey: 'self',
    record: { $type: 'app.bsky.actor.profile', displayName: 'New Name', description: 'fresh', avatar },
  })
  const avatarUrl = `https://cdn.example.org/img/avatar/plain/${alice.did}/${avatar.ref.toString()}@jpeg`

  answerNext('app.bsky.actor.getProfile', rev, { did: alice.did, handle: alice.handle, displayName: 'Old Name' })
  const profile = await agent.app.bsky.actor.getProfile({ actor: alice.did })
  assert.deepEqual(profile.data, {
    did: alice.did,
    handle: alice.handle,
    displayName: 'New Name',
    description: 'fresh',
    avatar: avatarUrl,
  })

  answerNext('app.bsky.actor.getProfiles', rev, {
    profiles: [
      { did: alice.did, handle: alice.handle, displayName: 'Old Name', banner: 'https://old.example/banner' },
      { did: bob.did, handle: bob.handle, displayName: 'Bob' },
    ],
  })
  const profiles = await agent.app.bsky.actor.getProfiles({ actors: [alice.did, bob.did] })
  assert.deepEqual(profiles.data.profiles, [
    { did: alice.did, handle: alice.handle, displayName: 'New Name', description: 'fresh', avatar: avatarUrl },
    { did: bob.did, handle: bob.handle, displayName: 'Bob' },
  ])

  // A feed of likes: the caller's own items get the new name and avatar, nothing is added.
  answerNext('app.bsky.feed.getActorLikes', rev, {
    feed: [{ post: postView(alice, oldPost, HOUR_AGO) }, { post: postView(bob, oldPost, HOUR_AGO) }],
  })
  const likes = await agent.app.bsky.feed.getActorLikes({ actor: alice.did })
  assert.deepEqual(
    likes.data.feed.map((i) => [i.post.author.displayName, i.post.author.avatar]),
    [
      ['New Name', avatarUrl],
      ['Old Name', undefined],
    ],
  )
})

test('a reply appears under its parent in getPostThread', async () => {
  const rev = await currentRev()
  const ref = { uri: oldPost.uri, cid: oldPost.cid }
  const reply = await agent.post({ text: 'replying', reply: { root: ref, parent: ref } })
  answerNext('app.bsky.feed.getPostThread', rev, {
    thread: { $type: 'app.bsky.feed.defs#threadViewPost', post: postView(alice, oldPost, HOUR_AGO), replies: [] },
  })
  const res = await agent.app.bsky.feed.getPostThread({ uri: oldPost.uri })
  const thread = res.data.thread as { post: { uri: string }; replies: { $type: string; post: { uri: string } }[] }
  assert.equal(thread.post.uri, oldPost.uri)
  assert.deepEqual(
    thread.replies.map((r) => [r.$type, r.post.uri]),
    [['app.bsky.feed.defs#threadViewPost', reply.uri]],
  )
  assert.ok(res.headers['atproto-upstream-lag'])
})

test('a thread the AppView does not know yet is answered from the local post, under its parents', async () => {
  const rev = await currentRev()
  const ref = { uri: oldPost.uri, cid: oldPost.cid }
  const made = await agent.post({ text: 'too new for the appview', reply: { root: ref, parent: ref } })
  const rkey = made.uri.split('/').pop()
  const parentThread = { $type: 'app.bsky.feed.defs#threadViewPost', post: postView(alice, oldPost, HOUR_AGO) }
  for (const host of [alice.did, alice.handle]) {
    answerNext('app.bsky.feed.getPostThread', rev, { error: 'NotFound', message: 'Post not found' }, { status: 400 })
    answerNext('app.bsky.feed.getPostThread', rev, { thread: parentThread })
    const before = appView.calls.length
    const res = await agent.app.bsky.feed.getPostThread({ uri: `at://${host}/app.bsky.feed.post/${rkey}` })
    const thread = res.data.thread as {
      post: { uri: string; author: { did: string } }
      parent: { post: { uri: string } }
    }
    assert.equal(thread.post.uri, made.uri)
    assert.equal(thread.post.author.did, alice.did)
    assert.equal(thread.parent.post.uri, oldPost.uri)
    assert.ok(res.headers['atproto-upstream-lag'])
    // The parents were asked of the AppView as alice, for the parent post alone.
    const asked = appView.calls.slice(before).map((c) => c.nsid)
    assert.deepEqual(asked, ['app.bsky.feed.getPostThread', 'app.bsky.feed.getPostThread'])
    const parentCall = appView.calls.at(-1)
    assert.equal(parentCall?.iss, alice.did)
  }
  // Not the caller's post: the AppView's NotFound stands.
  answerNext('app.bsky.feed.getPostThread', rev, { error: 'NotFound', message: 'Post not found' }, { status: 400 })
  const res = await fetch(`${t.url}/xrpc/app.bsky.feed.getPostThread?uri=at://${bob.did}/app.bsky.feed.post/${rkey}`, {
    headers: { authorization: `Bearer ${agent.session?.accessJwt}` },
  })
  assert.equal(res.status, 400)
  assert.equal(((await res.json()) as { error: string }).error, 'NotFound')
})

test('embeds are shown as the AppView would: images from the CDN, a quoted post from the AppView', async () => {
  const rev = await currentRev()
  const image = (await agent.uploadBlob(PNG, { encoding: 'image/png' })).data.blob
  const withImage = await agent.post({
    text: 'a picture',
    embed: { $type: 'app.bsky.embed.images', images: [{ image, alt: 'a png' }] },
  })
  const quoting = await agent.post({
    text: 'quoting',
    embed: { $type: 'app.bsky.embed.record', record: { uri: oldPost.uri, cid: oldPost.cid } },
  })
  answerNext('app.bsky.feed.getTimeline', rev, { feed: [] })
  appView.answerNext('app.bsky.feed.getPosts', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify({ posts: [postView(alice, oldPost, HOUR_AGO)] }))
  })
  const res = await agent.app.bsky.feed.getTimeline({})
  const byUri = new Map(res.data.feed.map((i) => [i.post.uri, i.post.embed as Record<string, unknown>]))
  const cid = image.ref.toString()
  assert.deepEqual(byUri.get(withImage.uri), {
    $type: 'app.bsky.embed.images#view',
    images: [
      {
        thumb: `https://cdn.example.org/img/feed_thumbnail/plain/${alice.did}/${cid}@jpeg`,
        fullsize: `https://cdn.example.org/img/feed_fullsize/plain/${alice.did}/${cid}@jpeg`,
        alt: 'a png',
      },
    ],
  })
  const quoted = byUri.get(quoting.uri)?.record as Record<string, unknown>
  assert.equal(quoted.$type, 'app.bsky.embed.record#viewRecord')
  assert.equal(quoted.uri, oldPost.uri)
  assert.equal(appView.calls.findLast((c) => c.nsid === 'app.bsky.feed.getPosts')?.iss, alice.did)
})

test('a taken-down post is not merged in', async () => {
  const rev = await currentRev()
  const hidden = await agent.post({ text: 'taken down' })
  const shown = await agent.post({ text: 'still here' })
  await adminAgent(t).com.atproto.admin.updateSubjectStatus({
    subject: { $type: 'com.atproto.repo.strongRef', uri: hidden.uri, cid: hidden.cid },
    takedown: { applied: true, ref: 'spam' },
  })
  answerNext('app.bsky.feed.getTimeline', rev, { feed: [] })
  const res = await agent.app.bsky.feed.getTimeline({})
  assert.deepEqual(
    res.data.feed.map((i) => i.post.uri),
    [shown.uri],
  )
})

test('with no new records the answer is passed on byte for byte, gzip-encoded or not', async () => {
  const rev = await currentRev()
  // Spacing no JSON.stringify would make: any re-encoding shows.
  const body = Buffer.from('{ "feed" : [ ],\n  "cursor": "same" }')
  for (const gzip of [false, true]) {
    const sent = answerNext('app.bsky.feed.getTimeline', rev, body, { gzip })
    const res = await rawGet('app.bsky.feed.getTimeline', 'limit=5')
    assert.equal(res.status, 200)
    assert.ok(res.body.equals(sent), 'the same bytes')
    assert.equal(res.headers['content-encoding'], gzip ? 'gzip' : undefined)
    assert.equal(res.headers['atproto-upstream-lag'], undefined)
  }
})

test('a rev older than every local record leaves the answer untouched', async () => {
  await agent.post({ text: 'after everything' })
  // Older than any TID this repo's commits have.
  const sent = answerNext('app.bsky.feed.getTimeline', '2222222222222', Buffer.from('{"feed":[] }'))
  const res = await rawGet('app.bsky.feed.getTimeline', '')
  assert.ok(res.body.equals(sent))
  assert.equal(res.headers['atproto-upstream-lag'], undefined)
})

test('an answer invalid for the lexicon, over the limit, or over it once decoded is passed on unchanged', async () => {
  const rev = await currentRev()
  await agent.post({ text: 'new, but not shown in these' })
  // Readable, and changeable but for the lexicon: a cursor is a string.
  const invalid = Buffer.from('{"feed":[],"cursor":5}')
  const large = Buffer.from(JSON.stringify({ feed: [], cursor: 'x'.repeat(MAX_BYTES) }))
  const bomb = Buffer.from(`{"feed":[]${' '.repeat(4 * MAX_BYTES)}}`)
  for (const [body, gzip] of [
    [invalid, false],
    [large, false],
    [bomb, true],
  ] as const) {
    const sent = answerNext('app.bsky.feed.getTimeline', rev, body, { gzip })
    if (gzip) assert.ok(sent.length < MAX_BYTES, 'small until decoded')
    const res = await rawGet('app.bsky.feed.getTimeline', '')
    assert.equal(res.status, 200)
    assert.ok(res.body.equals(sent), `${body.length} bytes passed on as they came`)
    assert.equal(res.headers['content-type'], 'application/json; charset=utf-8')
    assert.equal(res.headers['content-encoding'], gzip ? 'gzip' : undefined)
    assert.equal(res.headers['atproto-upstream-lag'], undefined)
  }
})

test('past the memory for answers read whole, an answer goes on as it came; asked only in encodings we read', async () => {
  const rev = await currentRev()
  await agent.post({ text: 'while memory is short' })
  const view = { feed: [{ post: postView(bob, oldPost, HOUR_AGO) }] }
  // Every byte of the budget held, as by answers being read for other callers.
  const budget = t.ctx.readAfterWrite.memory
  const held = budget.tryAcquire(budget.capacity)
  assert.ok(held)
  try {
    const sent = answerNext('app.bsky.feed.getTimeline', rev, view)
    const res = await rawGet('app.bsky.feed.getTimeline', 'limit=30')
    assert.deepEqual(res.body, sent)
    assert.equal(res.headers['atproto-upstream-lag'], undefined)
  } finally {
    held.release()
  }
  answerNext('app.bsky.feed.getTimeline', rev, view)
  const again = await agent.app.bsky.feed.getTimeline(
    { limit: 30 },
    { headers: { 'accept-encoding': 'zstd;q=0, gzip, x-unknown' } },
  )
  assert.equal(again.data.feed.length, 2)
  // What the AppView was asked for: only what can be read back, never an encoding the caller refused.
  const asked = appView.calls.findLast((c) => c.nsid === 'app.bsky.feed.getTimeline')
  assert.equal(asked?.headers['accept-encoding'], 'gzip')
})

test('without a CDN pattern, images are the blob from this server', () => {
  const viewer = new LocalViewer({
    did: 'did:plc:abc',
    handle: 'a.raw.test',
    profile: null,
    serviceUrl: 'https://pds.example.org/',
    fetchView: async () => undefined,
  })
  assert.equal(
    viewer.imageUrl('avatar', { $type: 'blob', ref: { $link: 'bafkreiabc' }, mimeType: 'image/png', size: 1 }),
    'https://pds.example.org/xrpc/com.atproto.sync.getBlob?did=did%3Aplc%3Aabc&cid=bafkreiabc',
  )
})
