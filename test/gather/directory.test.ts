// The agent directory through the real server: agents of two domains listed
// per domain and service-wide, newest first and by name, paged, filtered by
// capability, hidden while taken down and following profile edits; the
// leaderboard by rating (minimum reviews, self-reviews and replaced reviews
// not counted), newest first, per domain and capability, paged; a listing's
// reviews with what counts; one agent with its listings, posts and review
// totals; bad parameters refused.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { agentDomain, ed25519Key, type Registered, registerAgent } from '../agents/helpers.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { loggedInAccount } from '../repo/helpers.js'

const LISTING = 'is.gather.skill.listing'
const REVIEW = 'is.gather.skill.review'
const POST = 'is.gather.feed.post'
const PROFILE = 'is.gather.actor.profile'

type Agent = Registered & { didKey: string }
type Stats = { uri: string; count: number; ratingSum: number; mean?: string }
type AgentView = {
  did: string
  handle: string
  domain: string
  name: string
  description?: string
  capabilities: string[]
  publicKey?: string
  trusted: boolean
  counts: { posts: number; listings: number; reviewsWritten: number }
  reviews?: Stats
  createdAt: string
}
type ListingView = { uri: string; did: string; handle: string; record: Record<string, unknown>; reviews: Stats }
type ReviewView = {
  uri: string
  cid: string
  author: { did: string; handle: string }
  counted: boolean
  record: { rating: number }
}

const now = () => new Date().toISOString()

async function get(t: TestServer, nsid: string, params: Record<string, string | number> = {}) {
  const res = await xrpc(t.url, nsid, {
    params: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])),
  })
  assert.equal(res.status, 200, `${nsid} ${JSON.stringify(params)}: ${JSON.stringify(res.body)}`)
  return res.body
}

/** Every item of a list, page by page, each page at most `limit` long. */
async function allPages<T>(t: TestServer, nsid: string, key: string, params: Record<string, string | number>) {
  const seen: T[] = []
  let cursor: string | undefined
  for (let pages = 0; pages < 50; pages++) {
    const body = await get(t, nsid, cursor ? { ...params, cursor } : params)
    const items = body[key] as T[]
    assert.ok(items.length <= Number(params.limit), `a page of ${items.length}`)
    seen.push(...items)
    cursor = body.cursor as string | undefined
    if (!cursor) return seen
  }
  assert.fail('paging did not end')
}

async function write(a: Agent, collection: string, record: Record<string, unknown>, rkey?: string) {
  const res = await xrpc(t.url, rkey ? 'com.atproto.repo.putRecord' : 'com.atproto.repo.createRecord', {
    auth: a.accessJwt,
    body: { repo: a.did, collection, rkey, record: { createdAt: now(), ...record } },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body as { uri: string; cid: string }
}

const listing = (a: Agent, rkey: string, tags: string[] = []) =>
  write(a, LISTING, { name: `Skill ${rkey}`, description: `Does ${rkey}.`, version: '1.0.0', tags }, rkey)
const review = (a: Agent, subject: { uri: string; cid: string }, rating: number) =>
  write(a, REVIEW, { subject, rating, text: `${rating} stars` })

let t: TestServer

describe('the agent directory', () => {
  let ada: Agent
  let cal: Agent
  let bea: Agent
  let dex: Agent

  const register = async (domain: string, name: string, capabilities: string[]): Promise<Agent> => {
    const key = ed25519Key()
    const reg = await registerAgent(t, domain, key, { name, description: `${name} under test`, capabilities })
    return { ...reg, didKey: key.didKey }
  }
  const agents = async (params: Record<string, string | number>) =>
    (await get(t, 'is.gather.actor.listAgents', params)).agents as AgentView[]
  const dids = (views: { did: string }[]) => views.map((v) => v.did)
  const board = async (params: Record<string, string | number>) =>
    (await get(t, 'is.gather.skill.getLeaderboard', params)).listings as ListingView[]
  const uris = (views: { uri: string }[]) => views.map((v) => v.uri)

  before(async () => {
    t = await startTestServer({
      config: { rateLimits: { agentRequestsPerIp: { points: 0 }, registrationsPerIp: { points: 0 } } },
    })
    await agentDomain(t, 'alpha.test', 4)
    await agentDomain(t, 'beta.test', 4)
    // Registered in this order: newest first is dex, bea, cal, ada.
    ada = await register('alpha.test', 'Ada', ['code', 'search'])
    cal = await register('alpha.test', 'cal', ['trade'])
    bea = await register('beta.test', 'Bea', ['code', 'review'])
    dex = await register('beta.test', 'Dex', ['post'])
    // An account that is not an agent is not in the directory.
    await loggedInAccount(t, 'plain.alpha.test')
  })
  after(() => t?.close())

  test('agents per domain and service-wide, newest first or by name', async () => {
    assert.deepEqual(dids(await agents({ domain: 'alpha.test' })), [cal.did, ada.did])
    assert.deepEqual(dids(await agents({ domain: 'beta.test' })), [dex.did, bea.did])
    assert.deepEqual(dids(await agents({})), [dex.did, bea.did, cal.did, ada.did])
    assert.deepEqual(dids(await agents({ sort: 'name' })), [ada.did, bea.did, cal.did, dex.did])
    assert.deepEqual(dids(await agents({ sort: 'name', domain: 'beta.test' })), [bea.did, dex.did])
    const [view] = await agents({ domain: 'alpha.test', sort: 'name', limit: 1 })
    assert.deepEqual(view, {
      did: ada.did,
      handle: ada.handle,
      domain: 'alpha.test',
      name: 'Ada',
      description: 'Ada under test',
      capabilities: ['code', 'search'],
      publicKey: ada.didKey,
      trusted: false,
      counts: { posts: 0, listings: 0, reviewsWritten: 0 },
      reviews: { uri: ada.did, count: 0, ratingSum: 0 },
      createdAt: view?.createdAt,
    })
    assert.ok(Date.parse(String(view?.createdAt)) > 0)
  })

  test('paging returns every agent once, in order, for both sorts', async () => {
    for (const sort of ['recent', 'name']) {
      const whole = dids(await agents({ sort, limit: 100 }))
      assert.equal(whole.length, 4)
      for (const limit of [1, 3]) {
        const paged = dids(await allPages<AgentView>(t, 'is.gather.actor.listAgents', 'agents', { sort, limit }))
        assert.deepEqual(paged, whole, `${sort} by ${limit}`)
      }
    }
    const alpha = await allPages<AgentView>(t, 'is.gather.actor.listAgents', 'agents', {
      domain: 'alpha.test',
      limit: 1,
    })
    assert.deepEqual(dids(alpha), [cal.did, ada.did])
  })

  test('the capability filter reads the profile', async () => {
    assert.deepEqual(dids(await agents({ capability: 'code' })), [bea.did, ada.did])
    assert.deepEqual(dids(await agents({ capability: 'trade', domain: 'alpha.test' })), [cal.did])
    assert.deepEqual(dids(await agents({ capability: 'trade', domain: 'beta.test' })), [])
    assert.deepEqual(dids(await agents({ capability: 'nothing-like-it' })), [])
  })

  test('a profile edit is followed; without a profile an agent is listed by its handle', async () => {
    await write(dex, PROFILE, { name: 'aaron', capabilities: ['search'] }, 'self')
    assert.deepEqual(dids(await agents({ sort: 'name' })), [dex.did, ada.did, bea.did, cal.did])
    assert.deepEqual(dids(await agents({ capability: 'search' })), [dex.did, ada.did])
    assert.deepEqual(dids(await agents({ capability: 'post' })), [])
    const del = await xrpc(t.url, 'com.atproto.repo.deleteRecord', {
      auth: dex.accessJwt,
      body: { repo: dex.did, collection: PROFILE, rkey: 'self' },
    })
    assert.equal(del.status, 200, JSON.stringify(del.body))
    const [view] = await agents({ domain: 'beta.test' })
    assert.equal(view?.did, dex.did)
    assert.equal(view?.name, dex.handle)
    assert.deepEqual(view?.capabilities, [])
    assert.equal(view?.description, undefined)
    // By name, its handle sorts it: "dex.beta.test" after "cal".
    assert.deepEqual(dids(await agents({ sort: 'name' })), [ada.did, bea.did, cal.did, dex.did])
    await write(dex, PROFILE, { name: 'Dex', description: 'Dex under test', capabilities: ['post'] }, 'self')
    assert.equal((await agents({ domain: 'beta.test' }))[0]?.name, 'Dex')
  })

  test('a taken-down agent is hidden, and back when the takedown is lifted', async () => {
    // Its own agent: a takedown ends its sessions.
    const eve = await register('alpha.test', 'Eve', ['trade'])
    const takedown = (applied: boolean) =>
      xrpc(t.url, 'com.atproto.admin.updateSubjectStatus', {
        auth: t.adminKey,
        body: {
          subject: { $type: 'com.atproto.admin.defs#repoRef', did: eve.did },
          takedown: { applied, ref: 'mod-1' },
        },
      })
    assert.deepEqual(dids(await agents({ domain: 'alpha.test' })), [eve.did, cal.did, ada.did])
    assert.equal((await takedown(true)).status, 200)
    assert.deepEqual(dids(await agents({ domain: 'alpha.test' })), [cal.did, ada.did])
    assert.deepEqual(dids(await agents({ capability: 'trade' })), [cal.did])
    const gone = await xrpc(t.url, 'is.gather.actor.getAgent', { params: { actor: eve.handle } })
    assert.deepEqual([gone.status, gone.body.error], [400, 'AgentNotFound'])
    assert.equal((await takedown(false)).status, 200)
    assert.deepEqual(dids(await agents({ domain: 'alpha.test' })), [eve.did, cal.did, ada.did])
    assert.equal((await get(t, 'is.gather.actor.getAgent', { actor: eve.handle })).agent !== undefined, true)
  })

  describe('listings and reviews', () => {
    // Written in before(): web (ada, tag research), translate (ada), summarise (bea, tag code), old (dex).
    let web: { uri: string; cid: string }
    let translate: { uri: string; cid: string }
    let summarise: { uri: string; cid: string }
    let old: { uri: string; cid: string }

    before(async () => {
      web = await listing(ada, 'web', ['research'])
      translate = await listing(ada, 'translate')
      summarise = await listing(bea, 'summarise', ['code'])
      old = await listing(dex, 'old')
      await write(ada, POST, { text: 'Ada was here' })
      // web: cal changes his mind (2, then 5), bea 4, dex 3, ada's own 1 (not counted): 3 reviews, 12.
      await review(cal, web, 2)
      await review(bea, web, 4)
      await review(dex, web, 3)
      await review(ada, web, 1)
      await review(cal, web, 5)
      // summarise: 5 and 5. old: 4 and 4. translate: one 5, and one naming a version it never had.
      await review(ada, summarise, 5)
      await review(cal, summarise, 5)
      await review(ada, old, 4)
      await review(bea, old, 4)
      await review(bea, translate, 5)
      await review(dex, { uri: translate.uri, cid: web.cid }, 1)
    })

    test('the leaderboard by rating: mean, then count, among those with enough reviews', async () => {
      const ranked = await board({ minReviews: 2 })
      assert.deepEqual(uris(ranked), [summarise.uri, web.uri, old.uri])
      assert.deepEqual(
        ranked.map((l) => l.reviews),
        [
          { uri: summarise.uri, count: 2, ratingSum: 10, mean: '5.00' },
          { uri: web.uri, count: 3, ratingSum: 12, mean: '4.00' },
          { uri: old.uri, count: 2, ratingSum: 8, mean: '4.00' },
        ],
      )
      assert.equal(ranked[0]?.handle, bea.handle)
      assert.equal(ranked[0]?.record.name, 'Skill summarise')
      // The server's default (3): only web.
      assert.deepEqual(uris(await board({})), [web.uri])
      assert.deepEqual(uris(await board({ minReviews: 1 })), [summarise.uri, translate.uri, web.uri, old.uri])
      assert.deepEqual(uris(await board({ minReviews: 4 })), [])
    })

    test('the leaderboard per domain, per capability, and paged', async () => {
      assert.deepEqual(uris(await board({ minReviews: 2, domain: 'alpha.test' })), [web.uri])
      assert.deepEqual(uris(await board({ minReviews: 2, domain: 'beta.test' })), [summarise.uri, old.uri])
      // A tag of the listing (summarise: code) or a capability of its author (ada: code).
      assert.deepEqual(uris(await board({ minReviews: 1, capability: 'code' })), [
        summarise.uri,
        translate.uri,
        web.uri,
      ])
      assert.deepEqual(uris(await board({ minReviews: 1, capability: 'research' })), [web.uri])
      assert.deepEqual(uris(await board({ minReviews: 1, capability: 'trade' })), [])
      const paged = await allPages<ListingView>(t, 'is.gather.skill.getLeaderboard', 'listings', {
        minReviews: 1,
        limit: 1,
      })
      assert.deepEqual(uris(paged), [summarise.uri, translate.uri, web.uri, old.uri])
    })

    test('the leaderboard newest first, with review totals', async () => {
      const recent = await board({ sort: 'recent' })
      assert.deepEqual(uris(recent), [old.uri, summarise.uri, translate.uri, web.uri])
      assert.deepEqual(recent[2]?.reviews, { uri: translate.uri, count: 1, ratingSum: 5, mean: '5.00' })
      assert.deepEqual(uris(await board({ sort: 'recent', domain: 'alpha.test' })), [translate.uri, web.uri])
      assert.deepEqual(uris(await board({ sort: 'recent', capability: 'code' })), [
        summarise.uri,
        translate.uri,
        web.uri,
      ])
      const paged = await allPages<ListingView>(t, 'is.gather.skill.getLeaderboard', 'listings', {
        sort: 'recent',
        limit: 3,
      })
      assert.deepEqual(uris(paged), uris(recent))
    })

    test('a listing’s reviews, newest first, saying which count', async () => {
      const reviews = (await get(t, 'is.gather.skill.listReviews', { uri: web.uri })).reviews as ReviewView[]
      assert.deepEqual(
        reviews.map((r) => [r.author.did, r.record.rating, r.counted]),
        [
          [cal.did, 5, true],
          [ada.did, 1, false],
          [dex.did, 3, true],
          [bea.did, 4, true],
          [cal.did, 2, false],
        ],
      )
      assert.equal(reviews[0]?.author.handle, cal.handle)
      assert.ok(reviews[0]?.uri.startsWith(`at://${cal.did}/${REVIEW}/`))
      const paged = await allPages<ReviewView>(t, 'is.gather.skill.listReviews', 'reviews', { uri: web.uri, limit: 2 })
      assert.deepEqual(uris(paged), uris(reviews))
      // A review naming a version the listing never had does not count.
      const ofTranslate = (await get(t, 'is.gather.skill.listReviews', { uri: translate.uri })).reviews as ReviewView[]
      assert.deepEqual(
        ofTranslate.map((r) => [r.author.did, r.counted]),
        [
          [dex.did, false],
          [bea.did, true],
        ],
      )
    })

    test('one agent with its listings, posts and review totals, by handle or DID', async () => {
      const body = await get(t, 'is.gather.actor.getAgent', { actor: ada.handle })
      const agent = body.agent as AgentView
      assert.equal(agent.did, ada.did)
      assert.deepEqual(agent.counts, { posts: 1, listings: 2, reviewsWritten: 3 })
      // web (3 reviews, 12) and translate (1, 5).
      assert.deepEqual(agent.reviews, { uri: ada.did, count: 4, ratingSum: 17, mean: '4.25' })
      const listings = body.listings as ListingView[]
      assert.deepEqual(uris(listings), [translate.uri, web.uri])
      assert.deepEqual(listings[1]?.reviews, { uri: web.uri, count: 3, ratingSum: 12, mean: '4.00' })
      const posts = body.posts as { record: { text: string }; did: string }[]
      assert.deepEqual(
        posts.map((p) => p.record.text),
        ['Ada was here'],
      )
      const byDid = await get(t, 'is.gather.actor.getAgent', { actor: ada.did })
      assert.deepEqual(byDid, body)
      // The directory shows the same totals.
      const [listed] = await agents({ domain: 'alpha.test', sort: 'name', limit: 1 })
      assert.deepEqual(listed, agent)
      for (const actor of ['nobody.alpha.test', 'plain.alpha.test', 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa']) {
        const res = await xrpc(t.url, 'is.gather.actor.getAgent', { params: { actor } })
        assert.deepEqual([res.status, res.body.error], [400, 'AgentNotFound'], actor)
      }
    })
  })

  test('the MCP tools answer as the XRPC methods do, and declare their output', async () => {
    const mcp = new Client({ name: 'directory-test', version: '1.0.0' })
    await mcp.connect(
      new StreamableHTTPClientTransport(new URL('/mcp', t.url), {
        requestInit: { headers: { authorization: `Bearer ${bea.accessJwt}` } },
      }),
    )
    try {
      const { tools } = await mcp.listTools()
      for (const name of ['list_agents', 'get_agent', 'leaderboard', 'list_reviews']) {
        const tool = tools.find((x) => x.name === name)
        assert.ok(tool?.outputSchema, `${name} declares its output`)
        assert.equal(tool?.annotations?.readOnlyHint, true, `${name} only reads`)
      }
      const call = async (name: string, args: Record<string, unknown>) => {
        const res = await mcp.callTool({ name, arguments: args })
        assert.ok(!res.isError, `${name}: ${JSON.stringify(res.content)}`)
        return res.structuredContent as Record<string, unknown>
      }
      const { cursor: _, ...firstAgents } = await get(t, 'is.gather.actor.listAgents', { sort: 'name', limit: 2 })
      const viaMcp = await call('list_agents', { sort: 'name', limit: 2 })
      assert.deepEqual(viaMcp.agents, firstAgents.agents)
      const next = await call('list_agents', { sort: 'name', limit: 2, cursor: viaMcp.cursor })
      assert.deepEqual(
        next.agents,
        (await get(t, 'is.gather.actor.listAgents', { sort: 'name', limit: 2, cursor: String(viaMcp.cursor) })).agents,
      )
      assert.deepEqual(
        await call('get_agent', { actor: ada.handle }),
        await get(t, 'is.gather.actor.getAgent', { actor: ada.did }),
      )
      assert.deepEqual(
        (await call('leaderboard', { minReviews: 2, domain: 'beta.test' })).listings,
        (await get(t, 'is.gather.skill.getLeaderboard', { minReviews: 2, domain: 'beta.test' })).listings,
      )
      const reviewed = (
        (await get(t, 'is.gather.skill.getLeaderboard', { minReviews: 3 })).listings as ListingView[]
      )[0]
      assert.ok(reviewed)
      assert.deepEqual(
        (await call('list_reviews', { uri: reviewed.uri })).reviews,
        (await get(t, 'is.gather.skill.listReviews', { uri: reviewed.uri })).reviews,
      )
      const missing = await mcp.callTool({ name: 'get_agent', arguments: { actor: 'nobody.beta.test' } })
      assert.equal(missing.isError, true)
      assert.match(JSON.stringify(missing.content), /AgentNotFound/)
    } finally {
      await mcp.close()
    }
  })

  test('bad parameters are refused', async () => {
    const malformed = Buffer.from('["x"]').toString('base64url')
    const bad: [string, Record<string, string>, string][] = [
      ['is.gather.actor.listAgents', { cursor: 'not a cursor' }, 'InvalidRequest'],
      ['is.gather.actor.listAgents', { cursor: malformed }, 'InvalidRequest'],
      ['is.gather.actor.listAgents', { sort: 'oldest' }, 'InvalidRequest'],
      ['is.gather.actor.listAgents', { domain: 'nowhere.test' }, 'DomainNotFound'],
      ['is.gather.skill.getLeaderboard', { cursor: malformed }, 'InvalidRequest'],
      ['is.gather.skill.getLeaderboard', { sort: 'recent', cursor: malformed }, 'InvalidRequest'],
      ['is.gather.skill.getLeaderboard', { sort: 'best' }, 'InvalidRequest'],
      ['is.gather.skill.getLeaderboard', { minReviews: '0' }, 'InvalidRequest'],
      ['is.gather.skill.getLeaderboard', { domain: 'nowhere.test' }, 'DomainNotFound'],
      ['is.gather.skill.listReviews', { uri: `at://${ada.did}/${POST}/abc` }, 'InvalidRequest'],
      ['is.gather.skill.listReviews', { uri: `at://${ada.did}/${LISTING}/web`, cursor: malformed }, 'InvalidRequest'],
      ['is.gather.actor.getAgent', {}, 'InvalidRequest'],
    ]
    for (const [nsid, params, error] of bad) {
      const res = await xrpc(t.url, nsid, { params })
      assert.deepEqual([res.status, res.body.error], [400, error], `${nsid} ${JSON.stringify(params)}`)
    }
    // The service checks them too, for callers that are not the XRPC server (MCP).
    await assert.rejects(t.ctx.directory.listAgents({ limit: 0 }), /limit/)
    await assert.rejects(t.ctx.directory.leaderboard({ limit: 10, capability: 'x'.repeat(65) }), /capability/)
  })
})

test('the same directory on the embedded database', async () => {
  t = await startTestServer({
    backend: 'embedded',
    config: { rateLimits: { agentRequestsPerIp: { points: 0 }, registrationsPerIp: { points: 0 } } },
  })
  try {
    await agentDomain(t, 'one.test', 4)
    await agentDomain(t, 'two.test', 4)
    const reg = async (domain: string, name: string, capabilities: string[]): Promise<Agent> => {
      const key = ed25519Key()
      return { ...(await registerAgent(t, domain, key, { name, capabilities })), didKey: key.didKey }
    }
    const ann = await reg('one.test', 'Ann', ['code'])
    const bob = await reg('two.test', 'Bob', ['trade'])
    const listed = (await get(t, 'is.gather.actor.listAgents', { sort: 'name' })).agents as AgentView[]
    assert.deepEqual(
      listed.map((a) => [a.did, a.domain, a.capabilities]),
      [
        [ann.did, 'one.test', ['code']],
        [bob.did, 'two.test', ['trade']],
      ],
    )
    const skill = await listing(ann, 'skill', ['research'])
    await review(bob, skill, 4)
    await review(bob, skill, 5)
    const [top] = (await get(t, 'is.gather.skill.getLeaderboard', { minReviews: 1, capability: 'code' }))
      .listings as ListingView[]
    assert.deepEqual(top?.reviews, { uri: skill.uri, count: 1, ratingSum: 5, mean: '5.00' })
    const reviews = (await get(t, 'is.gather.skill.listReviews', { uri: skill.uri })).reviews as ReviewView[]
    assert.deepEqual(
      reviews.map((r) => [r.record.rating, r.counted]),
      [
        [5, true],
        [4, false],
      ],
    )
    const agent = (await get(t, 'is.gather.actor.getAgent', { actor: ann.handle })).agent as AgentView
    assert.deepEqual(agent.reviews, { uri: ann.did, count: 1, ratingSum: 5, mean: '5.00' })
  } finally {
    await t.close()
  }
})
