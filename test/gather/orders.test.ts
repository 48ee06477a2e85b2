// Orders with two sides through the real server: agents on two domains, a
// priced skill, orders placed with the MCP tool and with createRecord, the
// seller's answers (createRecord and update_order) giving the status, and
// what must change nothing: the buyer's own status field, updates by the
// buyer or a stranger, transitions that do not follow, answers to a version
// the buyer has since edited. Amounts are checked exactly; a seller's orders
// page across tenants; inactive buyers' orders and inactive sellers' answers
// drop out.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { agentDomain, ed25519Key, type Registered, registerAgent } from '../agents/helpers.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

const ORDER = 'is.gather.shop.order'
const ORDER_UPDATE = 'is.gather.shop.orderUpdate'
const LISTING = 'is.gather.skill.listing'

type Json = Record<string, unknown>
type Agent = Registered & { mcp: Client }
type UpdateView = { uri: string; cid: string; status: string; note?: string; deliveryRef?: string; indexedAt: string }
type OrderView = {
  uri: string
  cid: string
  buyer: { did: string; handle: string }
  seller?: { did: string; handle: string }
  record: Json
  status: string
  amountValid: boolean
  problems?: string[]
  updates: UpdateView[]
  indexedAt: string
}
type Ref = { uri: string; cid: string }

const now = () => new Date().toISOString()

async function agentOn(t: TestServer, domain: string, name: string): Promise<Agent> {
  const registered = await registerAgent(t, domain, ed25519Key(), { name })
  const mcp = new Client({ name: 'order-test', version: '1.0.0' })
  const transport = new StreamableHTTPClientTransport(new URL('/mcp', t.url), {
    requestInit: { headers: { authorization: `Bearer ${registered.accessJwt}` } },
  })
  await mcp.connect(transport)
  return { ...registered, mcp }
}

async function call(agent: Agent, name: string, args: Json): Promise<Json> {
  const res = await agent.mcp.callTool({ name, arguments: args })
  assert.ok(!res.isError, `${name} failed: ${JSON.stringify(res.content)}`)
  return res.structuredContent as Json
}

async function refused(agent: Agent, name: string, args: Json): Promise<string> {
  const res = await agent.mcp.callTool({ name, arguments: args })
  const text = (res.content as { text: string }[])[0]?.text ?? ''
  assert.equal(res.isError, true, `${name} should have failed, got ${text}`)
  return text
}

async function create(t: TestServer, a: Registered, collection: string, record: Json): Promise<Ref> {
  const res = await xrpc(t.url, 'com.atproto.repo.createRecord', {
    auth: a.accessJwt,
    body: { repo: a.did, collection, record: { createdAt: now(), ...record } },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return { uri: res.body.uri as string, cid: res.body.cid as string }
}

async function put(t: TestServer, a: Registered, uri: string, record: Json): Promise<Ref> {
  const [, , repo, collection, rkey] = uri.split('/')
  const res = await xrpc(t.url, 'com.atproto.repo.putRecord', {
    auth: a.accessJwt,
    body: { repo, collection, rkey, record: { createdAt: now(), ...record } },
  })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return { uri: res.body.uri as string, cid: res.body.cid as string }
}

async function getOrder(t: TestServer, uri: string): Promise<OrderView> {
  const res = await xrpc(t.url, 'is.gather.shop.getOrder', { params: { uri } })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body as unknown as OrderView
}

async function listOrders(t: TestServer, a: Registered, params: Record<string, string>) {
  const res = await xrpc(t.url, 'is.gather.shop.listOrders', { auth: a.accessJwt, params })
  assert.equal(res.status, 200, JSON.stringify(res.body))
  return res.body as { orders: OrderView[]; cursor?: string }
}

/** Every order of a list, page by page, each page at most `limit` long. */
async function allPages(t: TestServer, a: Registered, params: Record<string, string>): Promise<string[]> {
  const seen: string[] = []
  let cursor: string | undefined
  for (let pages = 0; pages < 50; pages++) {
    const page = await listOrders(t, a, cursor ? { ...params, cursor } : params)
    assert.ok(page.orders.length <= Number(params.limit))
    seen.push(...page.orders.map((o) => o.uri))
    cursor = page.cursor
    if (!cursor) return seen
  }
  assert.fail('paging did not end')
}

/** An order of `quantity` of the listing at `unitPrice`, written as a buyer may: any amount, any status. */
function orderOf(listing: Ref, quantity: number, unitPrice: string, amount: string, extra: Json = {}): Json {
  return { items: [{ product: listing, quantity, unitPrice }], amount, currency: 'USD', ...extra }
}

describe('orders with two sides', () => {
  let t: TestServer
  let seller: Agent
  let buyer: Agent
  let stranger: Agent
  let neighbour: Agent
  let listing: Ref
  let first: Ref
  let second: Ref

  before(async () => {
    t = await startTestServer({
      config: {
        rateLimits: {
          agentRequestsPerIp: { points: 0 },
          registrationsPerIp: { points: 0 },
          newAgentWrites: { points: 0 },
        },
      },
    })
    await agentDomain(t, 'sellers.test')
    await agentDomain(t, 'buyers.test')
    seller = await agentOn(t, 'sellers.test', 'Seller')
    buyer = await agentOn(t, 'buyers.test', 'Buyer')
    stranger = await agentOn(t, 'buyers.test', 'Stranger')
    neighbour = await agentOn(t, 'sellers.test', 'Neighbour')
  })
  after(async () => {
    for (const a of [seller, buyer, stranger, neighbour]) await a?.mcp.close()
    await t?.close()
  })

  test('a priced skill is ordered with place_order; the seller sees it pending', async () => {
    const skill = { slug: 'translate', name: 'Translate', description: 'Translates text.', version: '1.0.0' }
    listing = (await call(seller, 'publish_skill', {
      ...skill,
      price: { amount: '0.50', currency: 'USD', per: 'call' },
    })) as Ref
    // No amount, no unitPrice: the listing's price is the unitPrice, the sum the amount.
    const placed = await call(buyer, 'place_order', {
      items: [{ productUri: listing.uri, quantity: 3 }],
      currency: 'USD',
    })
    assert.equal(placed.amount, '1.5')
    first = { uri: placed.uri as string, cid: placed.cid as string }

    const asSeller = await listOrders(t, seller, { role: 'seller' })
    assert.deepEqual(
      asSeller.orders.map((o) => o.uri),
      [first.uri],
    )
    const [order] = asSeller.orders
    assert.equal(order?.status, 'pending')
    assert.equal(order?.cid, first.cid)
    assert.equal(order?.amountValid, true)
    assert.deepEqual(order?.problems, [])
    assert.deepEqual(order?.updates, [])
    assert.deepEqual(order?.buyer, { did: buyer.did, handle: buyer.handle })
    assert.deepEqual(order?.seller, { did: seller.did, handle: seller.handle })
    assert.equal(order?.record.status, undefined, 'the buyer no longer writes a status')
    assert.equal(order?.record.amount, '1.5')
    assert.deepEqual(order?.record.items, [{ product: listing, quantity: 3, unitPrice: '0.50' }])

    const asBuyer = await listOrders(t, buyer, { role: 'buyer' })
    assert.deepEqual(asBuyer.orders, asSeller.orders)
    assert.deepEqual((await listOrders(t, buyer, { role: 'seller' })).orders, [])
    const viaTool = await call(seller, 'list_orders', {})
    assert.deepEqual(viaTool.orders, asSeller.orders)
  })

  test('the seller accepts (createRecord) and fulfils (update_order); getOrder shows both', async () => {
    const accepted = await create(t, seller, ORDER_UPDATE, { order: first, status: 'accepted', note: 'On it.' })
    assert.equal((await getOrder(t, first.uri)).status, 'accepted')
    const fulfilled = await call(seller, 'update_order', {
      orderUri: first.uri,
      status: 'fulfilled',
      deliveryRef: 'https://example.com/out/1',
    })
    assert.equal(fulfilled.status, 'fulfilled')

    const order = await getOrder(t, first.uri)
    assert.equal(order.status, 'fulfilled')
    assert.deepEqual(
      order.updates.map((u) => [u.uri, u.status]),
      [
        [accepted.uri, 'accepted'],
        [fulfilled.uri, 'fulfilled'],
      ],
    )
    assert.equal(order.updates[0]?.note, 'On it.')
    assert.equal(order.updates[1]?.deliveryRef, 'https://example.com/out/1')
    assert.deepEqual(await call(buyer, 'get_order', { uri: first.uri }), order)

    // The seller fixing the note of its first answer keeps the answer where it was: the order stays fulfilled.
    await put(t, seller, accepted.uri, {
      $type: ORDER_UPDATE,
      order: first,
      status: 'accepted',
      note: 'On it!',
      createdAt: new Date().toISOString(),
    })
    const fixed = await getOrder(t, first.uri)
    assert.equal(fixed.status, 'fulfilled')
    assert.deepEqual(
      fixed.updates.map((u) => [u.status, u.note ?? null]),
      [
        ['accepted', 'On it!'],
        ['fulfilled', null],
      ],
    )

    // Fulfilled is final; only the seller may answer.
    assert.match(await refused(seller, 'update_order', { orderUri: first.uri, status: 'cancelled' }), /final/)
    assert.match(await refused(buyer, 'update_order', { orderUri: first.uri, status: 'cancelled' }), /seller/)
    assert.equal((await getOrder(t, first.uri)).updates.length, 2)
  })

  test('what the buyer or a stranger writes changes nothing anyone sees', async () => {
    // The buyer calls its order completed and answers it itself; a stranger accepts it.
    second = await create(t, buyer, ORDER, orderOf(listing, 2, '0.5', '1.0', { status: 'completed' }))
    await create(t, buyer, ORDER_UPDATE, { order: second, status: 'accepted' })
    await create(t, stranger, ORDER_UPDATE, { order: second, status: 'accepted' })
    for (const view of [await getOrder(t, second.uri), (await listOrders(t, seller, { role: 'seller' })).orders[0]]) {
      assert.equal(view?.uri, second.uri)
      assert.equal(view?.status, 'pending')
      assert.deepEqual(view?.updates, [])
      assert.equal(view?.amountValid, true, '"1.0" is 2 × "0.5"')
    }
  })

  test('an update that does not follow is ignored', async () => {
    await create(t, seller, ORDER_UPDATE, { order: second, status: 'fulfilled' })
    await create(t, seller, ORDER_UPDATE, { order: second, status: 'shipped' })
    assert.equal((await getOrder(t, second.uri)).status, 'pending')
    const accepted = await create(t, seller, ORDER_UPDATE, { order: second, status: 'accepted' })
    const order = await getOrder(t, second.uri)
    assert.equal(order.status, 'accepted')
    assert.deepEqual(
      order.updates.map((u) => u.uri),
      [accepted.uri],
    )
    assert.match(
      await refused(seller, 'update_order', { orderUri: second.uri, status: 'rejected' }),
      /accepted: it can become fulfilled or cancelled/,
    )
  })

  test('an order the buyer edits after the seller answered keeps its status, and says it changed', async () => {
    const edited = await put(t, buyer, second.uri, orderOf(listing, 2, '0.5', '1', { note: 'Make it formal.' }))
    assert.notEqual(edited.cid, second.cid)
    const order = await getOrder(t, second.uri)
    assert.equal(order.cid, edited.cid)
    assert.equal(order.status, 'accepted')
    assert.deepEqual(
      order.updates.map((u) => u.status),
      ['accepted'],
    )
    assert.equal(order.amountValid, true)
    assert.ok(
      order.problems?.some((p) => /changed .* after the seller/.test(p)),
      JSON.stringify(order.problems),
    )
    // The seller answering the new version clears the note; the seller's list keeps the order where it was (created first).
    await call(seller, 'update_order', { orderUri: second.uri, status: 'cancelled', note: 'Not formal.' })
    const answered = await getOrder(t, second.uri)
    assert.equal(answered.status, 'cancelled')
    assert.ok(!answered.problems?.some((p) => /after the seller/.test(p)), JSON.stringify(answered.problems))
    const listed = await listOrders(t, seller, { role: 'seller' })
    assert.deepEqual(
      listed.orders.map((o) => o.uri),
      [second.uri, first.uri],
    )
    second = edited
  })

  test('amounts are checked exactly: the sum, the listing price and currency, one product per item', async () => {
    const problemsOf = async (record: Json) => {
      const order = await getOrder(t, (await create(t, buyer, ORDER, record)).uri)
      return { valid: order.amountValid, problems: order.problems ?? [] }
    }
    assert.deepEqual(await problemsOf(orderOf(listing, 2, '0.500', '1.000')), { valid: true, problems: [] })
    assert.deepEqual(await problemsOf(orderOf(listing, 3, '0.5', '1.4')), {
      valid: false,
      problems: ['amount 1.4 is not the sum of quantity × unitPrice, 1.5'],
    })
    assert.deepEqual(await problemsOf(orderOf(listing, 1, '0.4', '0.4')), {
      valid: false,
      problems: ["items[0]: unitPrice 0.4 is not the listing's price, 0.50"],
    })
    assert.deepEqual(await problemsOf({ ...orderOf(listing, 1, '0.5', '0.5'), currency: 'EUR' }), {
      valid: false,
      problems: ['items[0]: the listing is priced in "USD", the order in "EUR"'],
    })
    const both = await problemsOf({
      items: [{ product: listing, productId: 'x', quantity: 1, unitPrice: '0.5' }],
      amount: '0.5',
      currency: 'USD',
    })
    assert.deepEqual(both, { valid: false, problems: ['items[0]: set exactly one of product and productId'] })
    // Amounts past a float's precision: exact in integers.
    const big = { items: [{ productId: 'x', quantity: 3, unitPrice: '0.1' }], currency: 'BTC', seller: seller.did }
    assert.deepEqual(await problemsOf({ ...big, amount: '0.3' }), { valid: true, problems: [] })
    assert.equal((await problemsOf({ ...big, amount: '0.30000000000000004' })).valid, false)

    // The tool refuses what the index would flag.
    const line = { productUri: listing.uri, quantity: 2 }
    assert.match(
      await refused(buyer, 'place_order', { items: [line], amount: '2', currency: 'USD' }),
      /amount 2 is not the sum of quantity × unitPrice, 1/,
    )
    assert.match(
      await refused(buyer, 'place_order', { items: [{ ...line, unitPrice: '0.4' }], currency: 'USD' }),
      /unitPrice 0.4 is not the listing's price, 0.50/,
    )
    assert.match(await refused(buyer, 'place_order', { items: [line], currency: 'EUR' }), /priced in USD, not EUR/)
    assert.match(
      await refused(buyer, 'place_order', { items: [{ productId: 'x', quantity: 1 }], currency: 'USD' }),
      /amount is required/,
    )
  })

  test("a seller's orders page across tenants, with and without a status filter", async () => {
    // Orders from the seller's own tenant (neighbour) and another (stranger), besides the buyer's.
    for (let i = 0; i < 3; i++) {
      await create(t, neighbour, ORDER, orderOf(listing, 1, '0.5', '0.5'))
      await create(t, stranger, ORDER, orderOf(listing, 1, '0.5', '0.5'))
    }
    const everything = (await listOrders(t, seller, { role: 'seller', limit: '100' })).orders
    const uris = everything.map((o) => o.uri)
    assert.equal(new Set(uris).size, uris.length)
    for (const a of [buyer, stranger, neighbour]) assert.ok(everything.some((o) => o.buyer.did === a.did))
    for (const limit of ['1', '2', '5']) {
      assert.deepEqual(await allPages(t, seller, { role: 'seller', limit }), uris, `limit ${limit}`)
    }
    const pending = everything.filter((o) => o.status === 'pending').map((o) => o.uri)
    assert.ok(pending.length > 1 && pending.length < uris.length)
    assert.deepEqual(await allPages(t, seller, { role: 'seller', status: 'pending', limit: '2' }), pending)
    assert.deepEqual(await allPages(t, seller, { role: 'seller', status: 'fulfilled', limit: '1' }), [first.uri])
    // More pending orders than a filtered list derives at once: the fulfilled one, the oldest, is still found.
    const writes = Array.from({ length: 60 }, () => ({
      $type: 'com.atproto.repo.applyWrites#create',
      collection: ORDER,
      value: { ...orderOf(listing, 1, '0.5', '0.5'), createdAt: now() },
    }))
    const many = await xrpc(t.url, 'com.atproto.repo.applyWrites', {
      auth: neighbour.accessJwt,
      body: { repo: neighbour.did, writes },
    })
    assert.equal(many.status, 200, JSON.stringify(many.body))
    assert.deepEqual(await allPages(t, seller, { role: 'seller', status: 'fulfilled', limit: '1' }), [first.uri])
    const grown = await allPages(t, seller, { role: 'seller', limit: '7' })
    assert.equal(grown.length, uris.length + 60)
    assert.deepEqual(grown.slice(60), uris, 'the newest first, the earlier orders after them')
    const mine = await allPages(t, stranger, { role: 'buyer', limit: '2' })
    assert.deepEqual(
      mine,
      everything.filter((o) => o.buyer.did === stranger.did).map((o) => o.uri),
    )
  })

  test("an inactive buyer's orders are hidden; an inactive seller's answers do not count", async () => {
    const switchAccount = async (a: Registered, nsid: string) => {
      // deactivateAccount takes a body (an optional deleteAfter), activateAccount none.
      const res = await xrpc(t.url, nsid, {
        auth: a.accessJwt,
        post: true,
        body: nsid.endsWith('deactivateAccount') ? {} : undefined,
      })
      assert.equal(res.status, 200, JSON.stringify(res.body))
    }
    const strangers = async () =>
      (await listOrders(t, seller, { role: 'seller', limit: '100' })).orders.filter((o) => o.buyer.did === stranger.did)
    const [theirs] = await strangers()
    assert.ok(theirs)
    await switchAccount(stranger, 'com.atproto.server.deactivateAccount')
    assert.deepEqual(await strangers(), [])
    const hidden = await xrpc(t.url, 'is.gather.shop.getOrder', { params: { uri: theirs.uri } })
    assert.equal(hidden.status, 400)
    assert.equal(hidden.body.error, 'OrderNotFound')
    await switchAccount(stranger, 'com.atproto.server.activateAccount')
    assert.equal((await strangers()).length, 3)

    await switchAccount(seller, 'com.atproto.server.deactivateAccount')
    const unanswered = await getOrder(t, first.uri)
    assert.equal(unanswered.status, 'pending')
    assert.deepEqual(unanswered.updates, [])
    assert.equal(unanswered.seller, undefined)
    await switchAccount(seller, 'com.atproto.server.activateAccount')
    assert.equal((await getOrder(t, first.uri)).status, 'fulfilled')
  })

  test('a deleted order is gone; bad parameters are refused', async () => {
    const gone = await create(t, buyer, ORDER, orderOf(listing, 1, '0.5', '0.5'))
    const [, , , , rkey] = gone.uri.split('/')
    const del = await xrpc(t.url, 'com.atproto.repo.deleteRecord', {
      auth: buyer.accessJwt,
      body: { repo: buyer.did, collection: ORDER, rkey },
    })
    assert.equal(del.status, 200, JSON.stringify(del.body))
    const refusedWith = async (nsid: string, params: Record<string, string>, error: string, auth?: string) => {
      const res = await xrpc(t.url, nsid, { params, auth })
      assert.equal(res.status, error === 'AuthMissing' ? 401 : 400, JSON.stringify(res.body))
      assert.equal(res.body.error, error)
    }
    await refusedWith('is.gather.shop.getOrder', { uri: gone.uri }, 'OrderNotFound')
    await refusedWith('is.gather.shop.getOrder', { uri: listing.uri }, 'InvalidRequest')
    await refusedWith('is.gather.shop.getOrder', { uri: `at://${buyer.handle}/${ORDER}/${rkey}` }, 'InvalidRequest')
    await refusedWith('is.gather.shop.listOrders', {}, 'AuthMissing')
    const token = seller.accessJwt
    await refusedWith('is.gather.shop.listOrders', { role: 'broker' }, 'InvalidRequest', token)
    await refusedWith('is.gather.shop.listOrders', { status: 'completed' }, 'InvalidRequest', token)
    await refusedWith('is.gather.shop.listOrders', { cursor: 'not-a-cursor' }, 'InvalidRequest', token)
    await refusedWith('is.gather.shop.listOrders', { limit: '0' }, 'InvalidRequest', token)
    assert.match(await refused(seller, 'get_order', { uri: gone.uri }), /OrderNotFound/)
    assert.match(await refused(seller, 'update_order', { orderUri: gone.uri, status: 'accepted' }), /OrderNotFound/)
    assert.equal((await getOrder(t, second.uri)).record.$type, ORDER)
    assert.ok(listing.uri.includes(LISTING))
  })
})
