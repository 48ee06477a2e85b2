// Search over agents' posts and skill listings through the real server:
// words found with English stemming, one domain or the whole service, newest
// first without q, the index following updates, deletes and account status,
// review aggregates summed across domains (one review per reviewer, only of a
// version the listing has had), paging
// that returns every hit once, bad parameters refused, and the same search on
// the embedded database.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { InvalidRequestError } from '@atproto/xrpc-server'
import * as m006 from '../../migrations/tenant/006_listing_versions.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { loggedInAccount, type TestAccount } from '../repo/helpers.js'

const POST = 'is.gather.feed.post'
const LISTING = 'is.gather.skill.listing'
const REVIEW = 'is.gather.skill.review'

type Hit = { uri: string; cid: string; did: string; handle: string; record: Record<string, unknown>; indexedAt: string }
type Stats = { uri: string; count: number; ratingSum: number; mean?: string }
type ListingHit = Hit & { reviews: Stats }

const now = () => new Date().toISOString()

async function write(a: TestAccount, collection: string, record: Record<string, unknown>, rkey?: string) {
  const repo = a.agent.com.atproto.repo
  const res = rkey
    ? await repo.putRecord({ repo: a.did, collection, rkey, record: { ...record, createdAt: now() } })
    : await repo.createRecord({ repo: a.did, collection, record: { ...record, createdAt: now() } })
  return { uri: res.data.uri, cid: res.data.cid, rkey: res.data.uri.split('/').pop() as string }
}

async function search(t: TestServer, nsid: string, params: Record<string, string | number>) {
  const res = await xrpc(t.url, nsid, {
    params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body
}

async function posts(t: TestServer, params: Record<string, string | number>): Promise<Hit[]> {
  return (await search(t, 'is.gather.feed.searchPosts', params)).posts as Hit[]
}

async function listings(t: TestServer, params: Record<string, string | number>): Promise<ListingHit[]> {
  return (await search(t, 'is.gather.skill.searchListings', params)).listings as ListingHit[]
}

/** Every hit of a search, page by page, asserting each page is at most `limit` long. */
async function allPages(t: TestServer, nsid: string, key: string, params: Record<string, string | number>) {
  const seen: Hit[] = []
  let cursor: string | undefined
  for (let pages = 0; pages < 50; pages++) {
    const body = await search(t, nsid, cursor ? { ...params, cursor } : params)
    const hits = body[key] as Hit[]
    assert.ok(hits.length <= Number(params.limit))
    seen.push(...hits)
    cursor = body.cursor as string | undefined
    if (!cursor) return seen
  }
  assert.fail('paging did not end')
}

describe('search on Postgres', () => {
  let t: TestServer
  let ann: TestAccount
  let dan: TestAccount
  let bob: TestAccount
  let eve: TestAccount

  before(async () => {
    // Search is the agent surface: its per-IP budget is not what these tests are about.
    t = await startTestServer({ config: { rateLimits: { agentRequestsPerIp: { points: 0 } } } })
    await addDomain(t, 'alpha.test')
    await addDomain(t, 'beta.test')
    ann = await loggedInAccount(t, 'ann.alpha.test')
    dan = await loggedInAccount(t, 'dan.alpha.test')
    bob = await loggedInAccount(t, 'bob.beta.test')
    eve = await loggedInAccount(t, 'eve.beta.test')
  })
  after(() => t?.close())

  test('posts are found by their words and tags, with English stemming', async () => {
    const found = await write(ann, POST, { text: 'Searching the new climate datasets', tags: ['oceanography'] })
    await write(bob, POST, { text: 'A quick note on weather models' })
    const hits = await posts(t, { q: 'search dataset' })
    assert.deepEqual(
      hits.map((h) => h.uri),
      [found.uri],
    )
    const [hit] = hits
    assert.equal(hit.cid, found.cid)
    assert.equal(hit.did, ann.did)
    assert.equal(hit.handle, 'ann.alpha.test')
    assert.equal(hit.record.text, 'Searching the new climate datasets')
    assert.equal(hit.record.$type, POST)
    assert.ok(Date.parse(hit.indexedAt) > 0)
    assert.deepEqual(
      (await posts(t, { q: 'oceanography' })).map((h) => h.uri),
      [found.uri],
    )
    // Web-search syntax: a quoted phrase must appear in that order; -word excludes.
    assert.equal((await posts(t, { q: '"datasets climate"' })).length, 0)
    assert.equal((await posts(t, { q: 'climate -weather' })).length, 1)
    assert.equal((await posts(t, { q: 'weather -model' })).length, 0)
    // Any text is a query: operators of to_tsquery are words here, stop words alone find nothing.
    for (const q of ['the', '"', '-', 'a & b | !c', "o'reilly:*", '(((', '\\', 'x\u0000y']) {
      assert.ok(Array.isArray(await posts(t, { q })), q)
    }
  })

  test('a better match ranks first', async () => {
    const weak = await write(ann, POST, { text: 'Telescopes, and also some notes on nothing much' })
    const strong = await write(bob, POST, { text: 'Telescopes telescopes: a telescope guide', tags: ['telescope'] })
    assert.deepEqual(
      (await posts(t, { q: 'telescope' })).map((h) => h.uri),
      [strong.uri, weak.uri],
    )
  })

  test('one domain, or every domain of the service', async () => {
    const a = await write(ann, POST, { text: 'Gathering of agents in alpha' })
    const b = await write(bob, POST, { text: 'Gathering of agents in beta' })
    const inAlpha = await posts(t, { q: 'gathering', domain: 'alpha.test' })
    assert.deepEqual(
      inAlpha.map((h) => h.uri),
      [a.uri],
    )
    const everywhere = await posts(t, { q: 'gathering' })
    assert.deepEqual(everywhere.map((h) => h.uri).sort(), [a.uri, b.uri].sort())
    // Equal rank: newest first.
    assert.equal(everywhere[0]?.uri, b.uri)
    const unknown = await xrpc(t.url, 'is.gather.feed.searchPosts', { params: { q: 'x', domain: 'nowhere.test' } })
    assert.equal(unknown.status, 400)
    assert.equal(unknown.body.error, 'DomainNotFound')
  })

  test('without q, a domain’s posts newest first', async () => {
    const written = []
    for (const text of ['first of three', 'second of three', 'third of three']) {
      written.push(await write(dan, POST, { text }))
    }
    const recent = await posts(t, { domain: 'alpha.test', limit: 3 })
    assert.deepEqual(
      recent.map((h) => h.uri),
      written.map((w) => w.uri).reverse(),
    )
  })

  test('an updated post is re-indexed; a deleted one is gone', async () => {
    const p = await write(ann, POST, { text: 'Original wording: marmalade' })
    const firstIndexed = (await posts(t, { q: 'marmalade' }))[0]
    assert.equal(firstIndexed?.uri, p.uri)
    const updated = await write(ann, POST, { text: 'New wording: quince' }, p.rkey)
    assert.equal((await posts(t, { q: 'marmalade' })).length, 0)
    const [hit] = await posts(t, { q: 'quince' })
    assert.equal(hit?.uri, p.uri)
    assert.equal(hit?.cid, updated.cid)
    assert.equal(hit?.record.text, 'New wording: quince')
    // An edit does not bring a post back to the top of "newest first".
    await write(ann, POST, { text: 'written after the first version' })
    const recent = await posts(t, { domain: 'alpha.test', limit: 2 })
    assert.notEqual(recent[0]?.uri, p.uri)
    await ann.agent.com.atproto.repo.deleteRecord({ repo: ann.did, collection: POST, rkey: p.rkey })
    assert.equal((await posts(t, { q: 'quince' })).length, 0)
  })

  test('posts of suspended accounts are hidden; a deleted account’s are gone', async () => {
    const cat = await loggedInAccount(t, 'cat.beta.test')
    const p = await write(cat, POST, { text: 'Unicorns are real' })
    assert.equal((await posts(t, { q: 'unicorn' }))[0]?.uri, p.uri)
    const setStatus = (status: string) =>
      xrpc(t.url, 'host.primal.pds.updateAccountStatus', { auth: t.adminKey, body: { did: cat.did, status } })
    assert.equal((await setStatus('suspended')).status, 200)
    assert.equal((await posts(t, { q: 'unicorn' })).length, 0)
    assert.equal((await posts(t, { domain: 'beta.test', limit: 100 })).filter((h) => h.did === cat.did).length, 0)
    assert.equal((await setStatus('active')).status, 200)
    assert.equal((await posts(t, { q: 'unicorn' })).length, 1)
    const deleted = await xrpc(t.url, 'host.primal.pds.deleteAccount', { auth: t.adminKey, body: { did: cat.did } })
    assert.equal(deleted.status, 200, JSON.stringify(deleted.body))
    assert.equal((await posts(t, { q: 'unicorn' })).length, 0)
  })

  test('listings carry review aggregates from reviewers in every domain, one review per reviewer', async () => {
    const listing = await write(
      ann,
      LISTING,
      {
        name: 'Web search',
        description: 'Searches the web and summarises the results.',
        version: '1.0.0',
        usage: 'Call with {"query": "..."}',
        tags: ['research'],
      },
      'web-search',
    )
    const other = await write(
      ann,
      LISTING,
      { name: 'Translator', description: 'Translates documents between languages.', version: '1.0.0' },
      'translate',
    )
    const subject = { uri: listing.uri, cid: listing.cid }
    // bob (beta) changes his mind: only his latest review counts.
    await write(bob, REVIEW, { subject, rating: 4 })
    const bobLatest = await write(bob, REVIEW, { subject, rating: 2, text: 'Slower than it claims.' })
    // dan (alpha): one review.
    await write(dan, REVIEW, { subject, rating: 5 })
    // eve reviews something else, naming it by a URI that is not a listing's; ann reviews her own skill.
    await write(eve, REVIEW, {
      subject: { uri: `at://${ann.did}/${POST}/${listing.rkey}`, cid: listing.cid },
      rating: 1,
    })
    await write(ann, REVIEW, { subject, rating: 5 })

    const expected = { uri: listing.uri, count: 2, ratingSum: 7, mean: '3.50' }
    const [hit] = await listings(t, { q: 'searching web' })
    assert.equal(hit?.uri, listing.uri)
    assert.equal(hit?.record.name, 'Web search')
    assert.deepEqual(hit?.reviews, expected)
    assert.deepEqual(
      (await xrpc(t.url, 'is.gather.skill.getReviewStats', { params: { uri: listing.uri } })).body,
      expected,
    )
    // Found by any of its parts: tags, usage.
    assert.equal((await listings(t, { q: 'research', domain: 'alpha.test' }))[0]?.uri, listing.uri)
    // Without q: newest first, with aggregates (none for the other listing).
    const recent = await listings(t, { domain: 'alpha.test' })
    assert.deepEqual(
      recent.map((h) => h.uri),
      [other.uri, listing.uri],
    )
    // No reviews: no mean (not "0.00", which reads as a rating).
    assert.deepEqual(recent[0]?.reviews, { uri: other.uri, count: 0, ratingSum: 0 })

    // bob deletes his latest review: the one before it counts again.
    await bob.agent.com.atproto.repo.deleteRecord({ repo: bob.did, collection: REVIEW, rkey: bobLatest.rkey })
    assert.deepEqual(await t.ctx.search.reviewStats(listing.uri), { ...expected, ratingSum: 9, mean: '4.50' })
  })

  test('a review counts only when it names a version (CID) the listing has had', async () => {
    const stats = (uri: string) => xrpc(t.url, 'is.gather.skill.getReviewStats', { params: { uri } })
    const elsewhere = await write(
      dan,
      LISTING,
      { name: 'Weather', description: 'Forecasts.', version: '1.0.0' },
      'weather-ghost-check',
    )
    // eve and dan review bob's "ghost" before it exists, naming whatever CID they like.
    const ghost = `at://${bob.did}/${LISTING}/ghost`
    await write(eve, REVIEW, { subject: { uri: ghost, cid: elsewhere.cid }, rating: 5 })
    await write(dan, REVIEW, { subject: { uri: ghost, cid: elsewhere.cid }, rating: 5 })
    const none = { uri: ghost, count: 0, ratingSum: 0 }
    assert.deepEqual((await stats(ghost)).body, none)
    // bob creates it: those reviews named no version of it, and still count for nothing.
    const v1 = await write(bob, LISTING, { name: 'Ghost skill', description: 'Haunts.', version: '1.0.0' }, 'ghost')
    assert.deepEqual((await stats(ghost)).body, none)
    const [found] = await listings(t, { q: 'haunts' })
    assert.equal(found?.uri, ghost)
    assert.deepEqual(found?.reviews, none)
    // A review of the version that exists counts, across domains; so does one of an earlier version after an edit.
    await write(dan, REVIEW, { subject: { uri: ghost, cid: v1.cid }, rating: 4 })
    const v2 = await write(bob, LISTING, { name: 'Ghost skill', description: 'Haunts, v2.', version: '2.0.0' }, 'ghost')
    await write(eve, REVIEW, { subject: { uri: ghost, cid: v2.cid }, rating: 2 })
    const counted = { uri: ghost, count: 2, ratingSum: 6, mean: '3.00' }
    assert.deepEqual((await stats(ghost)).body, counted)
    assert.deepEqual((await listings(t, { q: 'haunts' }))[0]?.reviews, counted)
    // The CID of another record (here dan's own listing) is no version of this one.
    await write(ann, REVIEW, { subject: { uri: ghost, cid: elsewhere.cid }, rating: 1 })
    assert.deepEqual((await stats(ghost)).body, counted)
    // Deleted, the listing's versions still existed: getReviewStats still counts those reviews.
    await bob.agent.com.atproto.repo.deleteRecord({ repo: bob.did, collection: LISTING, rkey: 'ghost' })
    assert.deepEqual((await stats(ghost)).body, counted)
  })

  test('listings written before versions were kept count reviews of their current version', async () => {
    const listing = await write(eve, LISTING, { name: 'Old skill', description: 'Predates.', version: '1' }, 'old')
    await write(dan, REVIEW, { subject: { uri: listing.uri, cid: listing.cid }, rating: 4 })
    const { db_name } = await t.ctx.accounts.mustLocate(eve.did)
    // As a tenant was before migration 006: no versions kept. The migration starts each listing with its current one.
    await t.ctx.storage.withTenant(db_name, async (db) => {
      const asMigrated = db as unknown as Parameters<typeof m006.up>[0]
      await m006.down(asMigrated)
      await m006.up(asMigrated)
    })
    assert.deepEqual(await t.ctx.search.reviewStats(listing.uri), {
      uri: listing.uri,
      count: 1,
      ratingSum: 4,
      mean: '4.00',
    })
  })

  test('paging with the cursor returns every hit once, service-wide and in one domain', async () => {
    const written = new Set<string>()
    for (let i = 0; i < 7; i++) {
      // The same words: equal ranks, so the order falls to time, DID and record key.
      written.add((await write(i % 2 ? ann : bob, POST, { text: `pagination check ${i % 2}` })).uri)
    }
    const pages = await allPages(t, 'is.gather.feed.searchPosts', 'posts', { q: 'pagination', limit: 3 })
    assert.deepEqual(new Set(pages.map((h) => h.uri)), written)
    assert.equal(pages.length, written.size)
    const everyPost = await allPages(t, 'is.gather.feed.searchPosts', 'posts', { limit: 4 })
    assert.equal(new Set(everyPost.map((h) => h.uri)).size, everyPost.length)
    for (const uri of written) assert.ok(everyPost.some((h) => h.uri === uri))
    const sorted = [...everyPost].sort((x, y) => (x.indexedAt < y.indexedAt ? 1 : x.indexedAt > y.indexedAt ? -1 : 0))
    assert.deepEqual(
      everyPost.map((h) => h.indexedAt),
      sorted.map((h) => h.indexedAt),
    )
    const alphaOnly = await allPages(t, 'is.gather.feed.searchPosts', 'posts', {
      q: 'pagination',
      domain: 'alpha.test',
      limit: 1,
    })
    assert.equal(alphaOnly.length, 3)
    assert.ok(alphaOnly.every((h) => h.did === ann.did))
    // A full last page says there is no more.
    const exact = await search(t, 'is.gather.feed.searchPosts', { q: 'pagination', limit: 7 })
    assert.equal((exact.posts as Hit[]).length, 7)
    assert.equal(exact.cursor, undefined)
  })

  test('a record the database could not store as text is still written and found', async () => {
    const p = await write(ann, POST, { text: 'null\u0000byte and a lone \ud800 surrogate: zeppelin' })
    const [hit] = await posts(t, { q: 'zeppelin' })
    assert.equal(hit?.uri, p.uri)
    assert.equal(hit?.record.text, 'null\ufffdbyte and a lone \ufffd surrogate: zeppelin')
  })

  test('bad parameters are refused with InvalidRequest', async () => {
    const bad: [string, Record<string, string>][] = [
      ['is.gather.feed.searchPosts', { q: '' }],
      ['is.gather.feed.searchPosts', { q: 'x'.repeat(513) }],
      ['is.gather.feed.searchPosts', { limit: '0' }],
      ['is.gather.feed.searchPosts', { limit: '101' }],
      ['is.gather.feed.searchPosts', { cursor: 'not a cursor' }],
      ['is.gather.skill.searchListings', { q: 'x', cursor: Buffer.from('[1,2,3]').toString('base64url') }],
      ['is.gather.skill.getReviewStats', { uri: `at://${ann.did}/${POST}/abc` }],
      ['is.gather.skill.getReviewStats', { uri: `at://ann.alpha.test/${LISTING}/web-search` }],
      ['is.gather.skill.getReviewStats', {}],
    ]
    for (const [nsid, params] of bad) {
      const res = await xrpc(t.url, nsid, { params })
      assert.equal(res.status, 400, `${nsid} ${JSON.stringify(params)}: ${JSON.stringify(res.body)}`)
      assert.equal(res.body.error, 'InvalidRequest', `${nsid} ${JSON.stringify(params)}`)
    }
    // The service checks them too, for callers that are not the XRPC server (MCP).
    const refused = [
      { q: '', limit: 10 },
      { q: '   ', limit: 10 },
      { q: 'x'.repeat(513), limit: 10 },
      { limit: 0 },
      { limit: 101 },
      { limit: 2.5 },
    ]
    for (const query of refused) {
      await assert.rejects(t.ctx.search.searchPosts(query), InvalidRequestError, JSON.stringify(query))
    }
    await assert.rejects(
      t.ctx.search.searchListings({ domain: 'nowhere.test', limit: 5 }),
      (err: InvalidRequestError) => err.customErrorName === 'DomainNotFound',
    )
  })
})

test('the same search on the embedded database', async () => {
  const t = await startTestServer({ backend: 'embedded' })
  try {
    await addDomain(t, 'one.test')
    await addDomain(t, 'two.test')
    const ann = await loggedInAccount(t, 'ann.one.test')
    const bob = await loggedInAccount(t, 'bob.two.test')
    const p = await write(ann, POST, { text: 'Searching the new climate datasets', tags: ['data'] })
    await write(bob, POST, { text: 'Datasets, searched for' })
    assert.equal((await posts(t, { q: 'search dataset' })).length, 2)
    assert.deepEqual(
      (await posts(t, { q: 'search dataset', domain: 'one.test' })).map((h) => h.uri),
      [p.uri],
    )
    const listing = await write(
      ann,
      LISTING,
      { name: 'Web search', description: 'Searches the web.', version: '1.0.0' },
      'web-search',
    )
    await write(bob, REVIEW, { subject: { uri: listing.uri, cid: listing.cid }, rating: 4 })
    await write(bob, REVIEW, { subject: { uri: listing.uri, cid: listing.cid }, rating: 3 })
    const [hit] = await listings(t, { q: 'web' })
    assert.deepEqual(hit?.reviews, { uri: listing.uri, count: 1, ratingSum: 3, mean: '3.00' })
    const pages = await allPages(t, 'is.gather.feed.searchPosts', 'posts', { limit: 1 })
    assert.equal(pages.length, 2)
  } finally {
    await t.close()
  }
})
