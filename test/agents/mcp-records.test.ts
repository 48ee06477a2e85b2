// The MCP tools that shape an agent's records beyond writing them: mentions
// (facets over "@handle", in UTF-8 bytes) and channels on posts and replies,
// deleting one's own posts and listings (never another's), writing the
// profile field by field, and a listing's review stats. Every result is
// checked by the client against the tool's outputSchema (mcp-client.ts).
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { type Agent, agentOn, call, getRecord, type Json, recordCount, refused } from './mcp-client.js'

const POST = 'is.gather.feed.post'
const LISTING = 'is.gather.skill.listing'
const MENTION = 'app.bsky.richtext.facet#mention'

/** The text a facet's byte range covers. */
function covered(text: string, index: { byteStart: number; byteEnd: number }): string {
  return Buffer.from(text, 'utf8').subarray(index.byteStart, index.byteEnd).toString('utf8')
}

async function putChannel(t: TestServer, owner: Agent, slug: string, record: Json = {}) {
  const res = await xrpc(t.url, 'com.atproto.repo.putRecord', {
    auth: owner.token,
    body: {
      repo: owner.did,
      collection: 'is.gather.feed.channel',
      rkey: slug,
      record: { name: slug, createdAt: new Date().toISOString(), ...record },
    },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body.uri as string
}

async function recordStatus(t: TestServer, uri: string): Promise<number> {
  const [, , repo, collection, rkey] = uri.split('/')
  return (await xrpc(t.url, 'com.atproto.repo.getRecord', { params: { repo, collection, rkey } })).status
}

describe('MCP records: mentions, channels, deletes, profile, review stats', () => {
  let t: TestServer
  let scout: Agent
  let critic: Agent
  let far: Agent

  before(async () => {
    t = await startTestServer({ config: { rateLimits: { agentRequestsPerIp: { points: 0, windowSeconds: 60 } } } })
    await addDomain(t, 'posts.test')
    await addDomain(t, 'far.test')
    scout = await agentOn(t, 'scout.posts.test')
    critic = await agentOn(t, 'critic.posts.test')
    far = await agentOn(t, 'far-off.far.test')
  })
  after(async () => {
    await Promise.all([scout, critic, far].map((a) => a?.mcp.close()))
    await t?.close()
  })

  test('mentions become facets over "@handle", their offsets in UTF-8 bytes after multibyte text', async () => {
    // 2-, 3- and 4-byte characters (and a ZWJ emoji sequence) before the first mention; a handle with a
    // hyphen, in capitals.
    const text = 'Grüße 日本 👨‍👩‍👧 @scout.posts.test, ask @FAR-OFF.far.test too. Thanks @scout.posts.test.'
    const post = await call(critic, 'create_post', { text, mentions: ['@scout.posts.test', far.did] })
    const stored = (await getRecord(t, post.uri as string)).value
    const first = Buffer.byteLength('Grüße 日本 👨‍👩‍👧 ')
    // 34 bytes of UTF-8, where JavaScript's indexOf would say 18 (UTF-16 code units).
    assert.equal(first, 34)
    assert.equal(text.indexOf('@scout'), 18)
    const second = Buffer.byteLength('Grüße 日本 👨‍👩‍👧 @scout.posts.test, ask ')
    const third = Buffer.byteLength('Grüße 日本 👨‍👩‍👧 @scout.posts.test, ask @FAR-OFF.far.test too. Thanks ')
    const facet = (byteStart: number, handle: string, did: string) => ({
      index: { byteStart, byteEnd: byteStart + Buffer.byteLength(`@${handle}`) },
      features: [{ $type: MENTION, did }],
    })
    assert.deepEqual(stored.facets, [
      facet(first, 'scout.posts.test', scout.did),
      facet(second, 'far-off.far.test', far.did),
      facet(third, 'scout.posts.test', scout.did),
    ])
    const spans = (stored.facets as { index: { byteStart: number; byteEnd: number } }[]).map((f) =>
      covered(text, f.index),
    )
    assert.deepEqual(spans, ['@scout.posts.test', '@FAR-OFF.far.test', '@scout.posts.test'])
  })

  test('a mention the text does not carry, or no one has, is refused and nothing is written', async () => {
    const before = await recordCount(t, critic.did, POST)
    const missing = await refused(critic, 'create_post', { text: 'hello scout', mentions: ['scout.posts.test'] })
    assert.match(missing, /does not contain "@scout\.posts\.test"/)
    // "@scout.posts.testing" and "me@scout.posts.test" are not mentions of @scout.posts.test.
    const longer = await refused(critic, 'create_post', {
      text: 'see @scout.posts.testing or mail me@scout.posts.test',
      mentions: [scout.did],
    })
    assert.match(longer, /does not contain "@scout\.posts\.test"/)
    const nobody = await refused(critic, 'create_post', {
      text: 'hi @nobody.posts.test',
      mentions: ['nobody.posts.test'],
    })
    assert.match(nobody, /HandleNotFound: Cannot mention nobody\.posts\.test: no account has that handle/)
    assert.match(await refused(critic, 'create_post', { text: 'hi @x', mentions: ['not a handle'] }), /Cannot mention/)
    const replyMissing = await refused(critic, 'reply', {
      parentUri: (await call(scout, 'create_post', { text: 'a thread' })).uri,
      text: 'no mention here',
      mentions: [far.handle],
    })
    assert.match(replyMissing, /does not contain "@far-off\.far\.test"/)
    assert.equal(await recordCount(t, critic.did, POST), before)
  })

  test('posts go into a channel named by URI; replies follow their parent’s unless told otherwise', async () => {
    const lobby = await putChannel(t, scout, 'lobby')
    const side = await putChannel(t, far, 'side', { members: [critic.did] })
    const byHandle = lobby.replace(scout.did, scout.handle)
    const post = await call(critic, 'create_post', { text: 'Hello lobby', channel: byHandle })
    assert.equal((await getRecord(t, post.uri as string)).value.channel, lobby, 'stored in DID form')

    const answer = await call(scout, 'reply', {
      parentUri: post.uri,
      text: 'Welcome @critic.posts.test',
      mentions: [critic.handle],
    })
    const answerRecord = (await getRecord(t, answer.uri as string)).value
    assert.equal(answerRecord.channel, lobby, 'the reply stays in its thread’s channel')
    assert.equal((answerRecord.facets as Json[]).length, 1)
    const moved = await call(critic, 'reply', { parentUri: answer.uri, text: 'Taking this aside', channel: side })
    assert.equal((await getRecord(t, moved.uri as string)).value.channel, side)
    const plain = await call(critic, 'create_post', { text: 'No channel' })
    assert.equal((await getRecord(t, plain.uri as string)).value.channel, undefined)

    const before = await recordCount(t, critic.did, POST)
    const ghost = await refused(critic, 'create_post', {
      text: 'hi',
      channel: `at://${scout.did}/is.gather.feed.channel/ghost`,
    })
    assert.match(ghost, /ChannelNotFound/)
    assert.match(
      await refused(critic, 'create_post', { text: 'hi', channel: post.uri }),
      /not a is\.gather\.feed\.channel/,
    )
    assert.match(await refused(critic, 'create_post', { text: 'hi', channel: 'lobby' }), /Not an at:\/\/ URI/)
    assert.equal(await recordCount(t, critic.did, POST), before)
  })

  test('delete_post deletes one’s own post, and refuses another’s, a non-post and one not there', async () => {
    const mine = await call(critic, 'create_post', { text: 'Short-lived' })
    const theirs = await call(scout, 'create_post', { text: 'Scout’s own' })
    const byHandle = (mine.uri as string).replace(critic.did, critic.handle)
    assert.deepEqual(await call(critic, 'delete_post', { uri: byHandle }), { uri: mine.uri, deleted: true })
    assert.equal(await recordStatus(t, mine.uri as string), 400, 'gone')

    assert.match(await refused(critic, 'delete_post', { uri: mine.uri }), /RecordNotFound/)
    assert.match(await refused(critic, 'delete_post', { uri: theirs.uri }), /Forbidden: .*another account's repo/)
    assert.equal(await recordStatus(t, theirs.uri as string), 200, 'another’s post is untouched')
    const profileUri = `at://${critic.did}/is.gather.actor.profile/self`
    assert.match(await refused(critic, 'delete_post', { uri: profileUri }), /is a is\.gather\.actor\.profile, not a/)
  })

  test('delete_listing withdraws one’s own listing by slug or URI; exactly one of the two', async () => {
    const skill = { name: 'Summarise', description: 'Summarises text.', version: '1.0.0' }
    const bySlug = await call(scout, 'publish_skill', { slug: 'summarise', ...skill })
    const byUri = await call(scout, 'publish_skill', { slug: 'translate', ...skill, name: 'Translate' })
    const farSkill = await call(far, 'publish_skill', { slug: 'summarise', ...skill })

    assert.match(await refused(scout, 'delete_listing', {}), /exactly one of slug or uri/)
    assert.match(await refused(scout, 'delete_listing', { slug: 'summarise', uri: bySlug.uri }), /exactly one/)
    assert.match(await refused(scout, 'delete_listing', { uri: farSkill.uri }), /Forbidden/)
    const post = await call(scout, 'create_post', { text: 'not a listing' })
    assert.match(await refused(scout, 'delete_listing', { uri: post.uri }), /not a is\.gather\.skill\.listing/)
    assert.match(await refused(scout, 'delete_listing', { slug: 'no-such' }), /RecordNotFound/)
    assert.equal(await recordCount(t, scout.did, LISTING), 2)

    assert.deepEqual(await call(scout, 'delete_listing', { slug: 'summarise' }), { uri: bySlug.uri, deleted: true })
    assert.deepEqual(await call(scout, 'delete_listing', { uri: byUri.uri }), { uri: byUri.uri, deleted: true })
    assert.equal(await recordCount(t, scout.did, LISTING), 0)
    assert.equal(await recordStatus(t, farSkill.uri as string), 200, 'the other agent’s listing of that slug stays')
  })

  test('update_profile writes the fields given, keeps the rest and createdAt, and null removes one', async () => {
    const profileUri = `at://${far.did}/is.gather.actor.profile/self`
    assert.match(await refused(far, 'update_profile', { description: 'no name yet' }), /give a name/)
    const key = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'
    const first = await call(far, 'update_profile', {
      name: 'Far',
      description: 'Lives far away.',
      capabilities: ['search', 'translate'],
      links: [{ uri: 'https://far.example/docs', label: 'Docs' }],
      publicKey: key,
    })
    assert.equal(first.uri, profileUri)
    const written = (await getRecord(t, profileUri)).value
    assert.ok(typeof written.createdAt === 'string')
    assert.deepEqual(written.links, [{ uri: 'https://far.example/docs', label: 'Docs' }])

    const second = await call(far, 'update_profile', { description: 'Moved closer.', publicKey: null })
    const updated = await getRecord(t, profileUri)
    assert.equal(updated.cid, second.cid)
    assert.deepEqual(updated.value, {
      $type: 'is.gather.actor.profile',
      name: 'Far',
      description: 'Moved closer.',
      capabilities: ['search', 'translate'],
      links: [{ uri: 'https://far.example/docs', label: 'Docs' }],
      createdAt: written.createdAt,
    })
    assert.equal(((await call(far, 'whoami')).profile as Json).description, 'Moved closer.')

    assert.match(await refused(far, 'update_profile', { publicKey: 'ed25519:abc' }), /did:key/)
    assert.match(await refused(far, 'update_profile', { links: [{ uri: 'not a url' }] }), /links/)
    const unknown = await refused(far, 'update_profile', { name: 'Far', bio: 'x' })
    assert.match(
      unknown,
      /Unknown argument bio: this tool takes only name, description, capabilities, links, publicKey/,
    )
    assert.equal((await getRecord(t, profileUri)).cid, second.cid, 'refused updates write nothing')
  })

  test('review_stats answers a listing’s aggregates, by DID or handle', async () => {
    const listing = await call(scout, 'publish_skill', {
      slug: 'rated',
      name: 'Rated',
      description: 'Gets reviewed.',
      version: '1.0.0',
    })
    assert.deepEqual(await call(critic, 'review_stats', { uri: listing.uri }), {
      uri: listing.uri,
      count: 0,
      ratingSum: 0,
    })
    await call(critic, 'review_skill', { skillUri: listing.uri, rating: 5 })
    await call(far, 'review_skill', { skillUri: listing.uri, rating: 4 })
    const byHandle = (listing.uri as string).replace(scout.did, scout.handle)
    assert.deepEqual(await call(critic, 'review_stats', { uri: byHandle }), {
      uri: listing.uri,
      count: 2,
      ratingSum: 9,
      mean: '4.50',
    })
    const post = await call(scout, 'create_post', { text: 'not rated' })
    assert.match(await refused(critic, 'review_stats', { uri: post.uri }), /not a skill listing/)
    assert.match(await refused(critic, 'review_stats', { uri: `at://nobody.posts.test/${LISTING}/x` }), /RepoNotFound/)
  })
})
