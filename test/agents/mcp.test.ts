// The MCP endpoint end to end: a real MCP client (the SDK's Streamable HTTP
// transport, bearer token in requestInit) talks to the real server; every
// tool's effect is checked through XRPC or the search service, bad input
// comes back as tool errors with nothing written, and the HTTP edge (auth,
// body size, malformed JSON, methods, rate limits) answers as it should.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { type Agent, agentOn, call, getRecord, type Json, recordCount, refused } from './mcp-client.js'

const TOOLS = [
  'whoami',
  'create_post',
  'reply',
  'delete_post',
  'list_my_posts',
  'list_domain_posts',
  'publish_skill',
  'update_skill',
  'review_skill',
  'delete_listing',
  'review_stats',
  'update_profile',
  'place_order',
  'list_orders',
  'get_order',
  'update_order',
  'get_record',
  'search',
]

const INITIALIZE = {
  jsonrpc: '2.0',
  id: 1,
  method: 'initialize',
  params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'probe', version: '1' } },
}

function postMcp(t: TestServer, opts: { auth?: string; body?: string; headers?: Record<string, string> }) {
  return fetch(new URL('/mcp', t.url), {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(opts.auth ? { authorization: opts.auth } : {}),
      ...opts.headers,
    },
    body: opts.body ?? JSON.stringify(INITIALIZE),
  })
}

describe('MCP tools', () => {
  let t: TestServer
  let scout: Agent
  let critic: Agent

  before(async () => {
    // Request budgets per IP are off here: every call of this file comes from 127.0.0.1.
    t = await startTestServer({ config: { rateLimits: { agentRequestsPerIp: { points: 0, windowSeconds: 60 } } } })
    await addDomain(t, 'agents.test')
    scout = await agentOn(t, 'scout.agents.test')
    critic = await agentOn(t, 'critic.agents.test')
  })
  after(async () => {
    await scout?.mcp.close()
    await critic?.mcp.close()
    await t?.close()
  })

  test('lists every tool, each with a description, a closed input schema and an output schema', async () => {
    const { tools } = await scout.mcp.listTools()
    const names = tools.map((tool) => tool.name)
    for (const name of TOOLS) assert.ok(names.includes(name), `missing tool ${name}`)
    // Every tool registered, not only those named above: a tool added later is held to the same.
    for (const tool of tools) {
      assert.ok((tool.description ?? '').length > 20, `${tool.name} has a description`)
      assert.equal(tool.inputSchema.type, 'object')
      // Clients are told that no other argument is taken.
      assert.equal(tool.inputSchema.additionalProperties, false, tool.name)
      // And what comes back: its members declared, none other.
      assert.equal(tool.outputSchema?.type, 'object', `${tool.name} declares an outputSchema`)
      assert.equal(tool.outputSchema?.additionalProperties, false, tool.name)
      assert.ok(Object.keys(tool.outputSchema?.properties ?? {}).length > 0, `${tool.name} declares its output members`)
    }
    const search = tools.find((tool) => tool.name === 'search')
    assert.equal(search?.annotations?.readOnlyHint, true)
  })

  test('whoami names the caller and shows its profile once there is one', async () => {
    const before = await call(scout, 'whoami')
    assert.deepEqual(before, {
      did: scout.did,
      handle: scout.handle,
      domain: 'agents.test',
      role: 'user',
      profile: null,
    })
    const put = await xrpc(t.url, 'com.atproto.repo.putRecord', {
      auth: scout.token,
      body: {
        repo: scout.did,
        collection: 'is.gather.actor.profile',
        rkey: 'self',
        record: { name: 'Scout', description: 'Finds things.', createdAt: new Date().toISOString() },
      },
    })
    assert.equal(put.status, 200, JSON.stringify(put.body))
    const after = await call(scout, 'whoami')
    assert.equal((after.profile as Json).name, 'Scout')
    assert.equal((after.profile as Json).$type, 'is.gather.actor.profile')
  })

  test('create_post writes a post; list_my_posts pages through them newest first', async () => {
    const first = await call(scout, 'create_post', { text: 'Found three new datasets today.', tags: ['data'] })
    const second = await call(scout, 'create_post', { text: 'Mapping the datasets now.', langs: ['en'] })
    const stored = await getRecord(t, first.uri as string)
    assert.equal(stored.cid, first.cid)
    assert.equal(stored.value.text, 'Found three new datasets today.')
    assert.deepEqual(stored.value.tags, ['data'])
    assert.match(first.uri as string, new RegExp(`^at://${scout.did}/is\\.gather\\.feed\\.post/`))

    const page1 = await call(scout, 'list_my_posts', { limit: 1 })
    assert.deepEqual(
      (page1.posts as Json[]).map((p) => p.uri),
      [second.uri],
    )
    const page2 = await call(scout, 'list_my_posts', { limit: 1, cursor: page1.cursor })
    assert.deepEqual(
      (page2.posts as Json[]).map((p) => p.uri),
      [first.uri],
    )
    const [oldest] = page2.posts as { value: Json }[]
    assert.equal(oldest?.value.text, 'Found three new datasets today.')
  })

  test('reply builds the thread: root and parent strong refs', async () => {
    const root = await call(scout, 'create_post', { text: 'Which dataset should I map first?' })
    // Addressed by handle: the reply still points at the DID form of the URI.
    const byHandle = (root.uri as string).replace(scout.did, scout.handle)
    const answer = await call(critic, 'reply', { parentUri: byHandle, text: 'The weather one.' })
    const answerRecord = await getRecord(t, answer.uri as string)
    const rootRef = { uri: root.uri, cid: root.cid }
    assert.deepEqual(answerRecord.value.reply, { root: rootRef, parent: rootRef })

    const followUp = await call(scout, 'reply', { parentUri: answer.uri, text: 'Good call.' })
    const followUpRecord = await getRecord(t, followUp.uri as string)
    assert.deepEqual(followUpRecord.value.reply, { root: rootRef, parent: { uri: answer.uri, cid: answer.cid } })
  })

  test('list_domain_posts shows the recent posts of a domain, the caller’s by default', async () => {
    const post = await call(critic, 'create_post', { text: 'Critic checking in.' })
    const mine = await call(critic, 'list_domain_posts', { limit: 50 })
    const uris = (mine.posts as Json[]).map((p) => p.uri)
    assert.equal(uris[0], post.uri, 'newest first')
    assert.ok(uris.length >= 5, 'posts of both agents of the domain')
    assert.match(await refused(critic, 'list_domain_posts', { domain: 'nowhere.test' }), /DomainNotFound/)
  })

  test('publish_skill lists a skill at its slug; publishing again keeps createdAt; update_skill merges', async () => {
    const skill = {
      slug: 'web-search',
      name: 'Web search',
      description: 'Searches the web and summarises the results.',
      version: '1.0.0',
      endpoint: 'https://example.com/skills/search',
      tags: ['search'],
      price: { amount: '0.0001', currency: 'BCH', per: 'call' },
    }
    const published = await call(scout, 'publish_skill', skill)
    assert.equal(published.uri, `at://${scout.did}/is.gather.skill.listing/web-search`)
    const first = (await getRecord(t, published.uri as string)).value
    assert.equal(first.name, 'Web search')
    assert.deepEqual(first.price, skill.price)
    assert.ok(first.createdAt && first.updatedAt)

    const republishedFrom = new Date().toISOString()
    await call(scout, 'publish_skill', { ...skill, description: 'Searches the web, then summarises.' })
    const second = (await getRecord(t, published.uri as string)).value
    assert.equal(second.createdAt, first.createdAt)
    assert.ok(String(second.updatedAt) >= republishedFrom, 'updatedAt is the time of the second publish')
    assert.equal(second.description, 'Searches the web, then summarises.')

    const updated = await call(scout, 'update_skill', { slug: 'web-search', version: '1.1.0' })
    const third = await getRecord(t, published.uri as string)
    assert.equal(third.cid, updated.cid)
    assert.equal(third.value.version, '1.1.0')
    assert.equal(third.value.description, 'Searches the web, then summarises.', 'fields not given are kept')
    assert.deepEqual(third.value.price, skill.price)
    assert.equal(third.value.createdAt, first.createdAt)

    const missing = await refused(scout, 'update_skill', { slug: 'no-such-skill', version: '2.0.0' })
    assert.match(missing, /no skill with slug "no-such-skill"/)
    assert.equal(await recordCount(t, scout.did, 'is.gather.skill.listing'), 1)
  })

  test('review_skill reviews the listing at its current cid, and never one’s own', async () => {
    const listing = await getRecord(t, `at://${scout.did}/is.gather.skill.listing/web-search`)
    const review = await call(critic, 'review_skill', { skillUri: listing.uri, rating: 4, text: 'Fast, mostly right.' })
    const stored = await getRecord(t, review.uri as string)
    assert.deepEqual(stored.value.subject, { uri: listing.uri, cid: listing.cid })
    assert.equal(stored.value.rating, 4)

    const own = await refused(scout, 'review_skill', { skillUri: listing.uri, rating: 5 })
    assert.match(own, /own skill/)
    assert.equal(await recordCount(t, scout.did, 'is.gather.skill.review'), 0)

    const stats = await t.ctx.search.reviewStats(listing.uri)
    assert.equal(stats.count, 1)
    assert.equal(stats.mean, '4.00')
  })

  test('place_order writes an order without a status (the seller gives it); a product URI becomes a strong ref', async () => {
    const listing = await getRecord(t, `at://${scout.did}/is.gather.skill.listing/web-search`)
    const order = await call(critic, 'place_order', {
      items: [
        { productUri: `at://${scout.handle}/is.gather.skill.listing/web-search`, quantity: 3, unitPrice: '0.0001' },
        { productId: 'priority-support', quantity: 1 },
      ],
      amount: '0.0003',
      currency: 'BCH',
      seller: scout.did,
      note: 'For the weather dataset.',
    })
    const stored = (await getRecord(t, order.uri as string)).value
    assert.equal(stored.status, undefined)
    assert.equal(stored.amount, '0.0003')
    assert.equal(stored.seller, scout.did)
    assert.deepEqual(stored.items, [
      { product: { uri: listing.uri, cid: listing.cid }, quantity: 3, unitPrice: '0.0001' },
      { productId: 'priority-support', quantity: 1 },
    ])
  })

  test('get_record reads any record on the server, by handle or DID', async () => {
    const listing = await getRecord(t, `at://${scout.did}/is.gather.skill.listing/web-search`)
    const got = await call(critic, 'get_record', { uri: `at://${scout.handle}/is.gather.skill.listing/web-search` })
    assert.deepEqual(got, { uri: listing.uri, cid: listing.cid, value: listing.value })
    const missing = await refused(critic, 'get_record', { uri: `at://${scout.did}/is.gather.feed.post/3jzfcijpj2z2a` })
    assert.match(missing, /RecordNotFound/)
    assert.match(await refused(critic, 'get_record', { uri: 'https://example.com/x' }), /InvalidRequest/)
  })

  test('search finds posts and skills, skills with their review stats', async () => {
    const posts = await call(critic, 'search', { q: 'datasets', kind: 'posts' })
    const postHits = posts.hits as Json[]
    assert.ok(postHits.length >= 1)
    assert.ok(postHits.every((h) => h.collection === 'is.gather.feed.post' && h.did === scout.did))
    const skills = await call(critic, 'search', { q: 'web search', kind: 'skills', domain: 'agents.test' })
    const hit = (skills.hits as Json[]).find((h) => h.rkey === 'web-search')
    assert.ok(hit, JSON.stringify(skills))
    assert.equal((hit.reviews as Json).count, 1)
    const elsewhere = await refused(critic, 'search', { q: 'web search', kind: 'skills', domain: 'nowhere.test' })
    assert.match(elsewhere, /DomainNotFound/)
  })

  test('bad input comes back as tool errors, and nothing is written', async () => {
    const counts = async () => ({
      posts: await recordCount(t, critic.did, 'is.gather.feed.post'),
      reviews: await recordCount(t, critic.did, 'is.gather.skill.review'),
      orders: await recordCount(t, critic.did, 'is.gather.shop.order'),
      listings: await recordCount(t, critic.did, 'is.gather.skill.listing'),
    })
    const before = await counts()
    const listingUri = `at://${scout.did}/is.gather.skill.listing/web-search`

    // Over the lexicon's bounds, in its units: UTF-8 bytes and graphemes, whichever is broken.
    assert.match(await refused(critic, 'create_post', { text: 'x'.repeat(3001) }), /Input validation error/)
    assert.match(
      await refused(critic, 'create_post', { text: 'x'.repeat(400) }),
      /the text is 400 bytes of UTF-8 \(400 graphemes\); it may be at most 3000 bytes and 300 graphemes/,
    )
    // 300 emoji are 300 graphemes but 7500 bytes: refused as too many bytes, not "characters".
    const family = '\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}'
    const emoji = await refused(critic, 'create_post', { text: family.repeat(300) })
    assert.match(
      emoji,
      /the text is 7500 bytes of UTF-8 \(300 graphemes\); it may be at most 3000 bytes and 300 graphemes/,
    )
    assert.doesNotMatch(emoji, /characters/)
    assert.match(await refused(critic, 'create_post', { text: 'hi', tags: [family.repeat(30)] }), /750 bytes/)
    assert.match(await refused(critic, 'create_post', { text: 'hi', tags: Array(9).fill('t') }), /tags/)
    assert.match(await refused(critic, 'create_post', { text: 'hi', langs: ['not a language'] }), /langs/)
    assert.match(await refused(critic, 'create_post', {}), /text/)
    assert.match(await refused(critic, 'review_skill', { skillUri: listingUri, rating: 9 }), /rating/)
    assert.match(await refused(critic, 'review_skill', { skillUri: listingUri, rating: 2.5 }), /rating/)
    const both = await refused(critic, 'place_order', {
      items: [{ productUri: listingUri, productId: 'x', quantity: 1 }],
      amount: '1',
      currency: 'BCH',
    })
    assert.match(both, /items\[0\]: set exactly one of productUri or productId/)
    const neither = await refused(critic, 'place_order', { items: [{ quantity: 1 }], amount: '1', currency: 'BCH' })
    assert.match(neither, /exactly one/)
    assert.match(
      await refused(critic, 'place_order', {
        items: [{ productId: 'x', quantity: 1 }],
        amount: '1.5e3',
        currency: 'BCH',
      }),
      /decimal/,
    )
    assert.match(
      await refused(critic, 'place_order', { items: [], amount: '1', currency: 'BCH' }),
      /Input validation error/,
    )
    const noParent = await refused(critic, 'reply', {
      parentUri: `at://${scout.did}/is.gather.feed.post/3jzfcijpj2z2a`,
      text: 'Anyone there?',
    })
    assert.match(noParent, /RecordNotFound/)
    const noRepo = await refused(critic, 'reply', {
      parentUri: 'at://did:plc:nobodyhere/is.gather.feed.post/x',
      text: 'hi',
    })
    assert.match(noRepo, /RepoNotFound/)
    assert.match(await refused(critic, 'reply', { parentUri: listingUri, text: 'hi' }), /Only posts/)
    assert.match(
      await refused(critic, 'publish_skill', { slug: 'bad slug!', name: 'n', description: 'd', version: '1' }),
      /slug/,
    )
    assert.match(await refused(critic, 'update_skill', { slug: 'web-search', version: '2' }), /no skill/)
    assert.match(await refused(critic, 'search', { q: 'x', kind: 'people' }), /kind/)
    assert.match(await refused(critic, 'list_my_posts', { limit: 1000 }), /limit/)

    assert.deepEqual(await counts(), before)
  })

  test('an argument a tool does not take is refused, naming it, at any depth; nothing is written', async () => {
    const counts = () =>
      Promise.all(
        ['is.gather.feed.post', 'is.gather.skill.listing', 'is.gather.shop.order'].map((c) =>
          recordCount(t, critic.did, c),
        ),
      )
    const before = await counts()
    const tagged = await refused(critic, 'create_post', { text: 'tagged?', tag: 'research' })
    assert.match(tagged, /Unknown argument tag: this tool takes only text, tags, langs/)
    const two = await refused(critic, 'create_post', { text: 'hi', tag: 'x', lang: 'en' })
    assert.match(two, /Unknown arguments tag, lang/)
    assert.match(
      await refused(critic, 'whoami', { verbose: true }),
      /Unknown argument verbose: this tool takes no arguments/,
    )
    const price = await refused(critic, 'publish_skill', {
      slug: 'priced',
      name: 'Priced',
      description: 'Costs something.',
      version: '1.0.0',
      price: { amount: '1', currency: 'BCH', unit: 'call' },
    })
    assert.match(price, /unit/)
    assert.match(price, /price/)
    const item = await refused(critic, 'place_order', {
      items: [{ productId: 'x', quantity: 1, prize: '2' }],
      amount: '2',
      currency: 'BCH',
    })
    assert.match(item, /prize/)
    assert.deepEqual(await counts(), before)
  })

  test('no token or a bad one gets a 401 with a Bearer challenge', async () => {
    const none = await postMcp(t, {})
    assert.equal(none.status, 401)
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/)
    assert.equal(((await none.json()) as Json).error, 'AuthMissing')

    const bad = await postMcp(t, { auth: 'Bearer not-a-jwt' })
    assert.equal(bad.status, 401)
    assert.match(bad.headers.get('www-authenticate') ?? '', /^Bearer/)
    const body = (await bad.json()) as Json
    assert.equal(body.error, 'InvalidToken')
    assert.equal(typeof body.message, 'string')

    const basic = await postMcp(t, { auth: `Basic ${Buffer.from(`admin:${t.adminKey}`).toString('base64')}` })
    assert.equal(basic.status, 401, 'the admin key is not an agent session')
  })

  test('a suspended account is turned away with AccountTakedown', async () => {
    const mute = await agentOn(t, 'mute.agents.test')
    await mute.mcp.close()
    const suspended = await xrpc(t.url, 'host.primal.pds.updateAccountStatus', {
      auth: t.adminKey,
      body: { did: mute.did, status: 'suspended' },
    })
    assert.equal(suspended.status, 200, JSON.stringify(suspended.body))
    const res = await postMcp(t, { auth: `Bearer ${mute.token}` })
    assert.equal(res.status, 401)
    assert.equal(((await res.json()) as Json).error, 'AccountTakedown')
  })

  test('the HTTP edge: oversized and malformed bodies, other methods', async () => {
    const auth = `Bearer ${scout.token}`
    const huge = JSON.stringify({ ...INITIALIZE, params: { ...INITIALIZE.params, pad: 'x'.repeat(3 * 1024 * 1024) } })
    const tooBig = await postMcp(t, { auth, body: huge })
    assert.equal(tooBig.status, 413)
    const tooBigBody = (await tooBig.json()) as { jsonrpc: string; error: { code: number; message: string } }
    assert.equal(tooBigBody.jsonrpc, '2.0')
    assert.match(tooBigBody.error.message, /larger than/)

    const malformed = await postMcp(t, { auth, body: '{"jsonrpc": "2.0", "id": 1, "method":' })
    assert.equal(malformed.status, 400)
    assert.equal(((await malformed.json()) as { error: { code: number } }).error.code, -32700)

    const notRpc = await postMcp(t, { auth, body: JSON.stringify({ hello: 'world' }) })
    assert.equal(notRpc.status, 400)

    const wrongType = await postMcp(t, { auth, body: 'hello', headers: { 'content-type': 'text/plain' } })
    assert.equal(wrongType.status, 415)

    for (const method of ['GET', 'DELETE']) {
      const res = await fetch(new URL('/mcp', t.url), { method, headers: { authorization: auth } })
      assert.equal(res.status, 405, method)
      assert.match(res.headers.get('allow') ?? '', /POST/)
    }

    // The server is still well: a tool call works.
    assert.equal((await call(scout, 'whoami')).did, scout.did)
  })
})

describe('MCP rate limits', () => {
  let t: TestServer
  let agent: Agent

  before(async () => {
    t = await startTestServer({
      config: {
        rateLimits: {
          agentRequestsPerIp: { points: 12, windowSeconds: 3600 },
          accountWrites: { points: 2, windowSeconds: 3600 },
        },
      },
    })
    await addDomain(t, 'limits.test')
    agent = await agentOn(t, 'busy.limits.test')
  })
  after(async () => {
    await agent?.mcp.close()
    await t?.close()
  })

  test('a spent write budget is a tool error saying so, and nothing is written; refused writes spend none', async () => {
    // Refused on write, by the lexicon (a language tag that is none) or for a listing that is not there: not charged.
    const badLang = { text: 'hi', langs: ['not a language'] }
    assert.match(await refused(agent, 'create_post', badLang), /InvalidRequest.*langs/)
    const ghost = `at://${agent.did}/is.gather.skill.listing/ghost`
    assert.match(await refused(agent, 'review_skill', { skillUri: ghost, rating: 5 }), /RecordNotFound/)
    assert.match(await refused(agent, 'create_post', badLang), /InvalidRequest.*langs/)
    const res = await agent.mcp.callTool({ name: 'create_post', arguments: { text: 'one' } })
    assert.ok(!res.isError)
    await call(agent, 'create_post', { text: 'two' })
    const third = await refused(agent, 'create_post', { text: 'three' })
    assert.match(third, /Rate limit exceeded/)
    assert.equal(await recordCount(t, agent.did, 'is.gather.feed.post'), 2)
    // Reads are not writes: they still work.
    assert.equal(((await call(agent, 'list_my_posts')).posts as Json[]).length, 2)
  })

  test('a spent per-IP budget is a 429 before the MCP transport', async () => {
    let res = await postMcp(t, { auth: `Bearer ${agent.token}` })
    for (let i = 0; i < 20 && res.status !== 429; i++) {
      assert.equal(res.status, 200)
      await res.body?.cancel()
      res = await postMcp(t, { auth: `Bearer ${agent.token}` })
    }
    assert.equal(res.status, 429)
    assert.equal(((await res.json()) as Json).error, 'RateLimitExceeded')
    assert.ok(res.headers.get('ratelimit-limit'))
  })
})
