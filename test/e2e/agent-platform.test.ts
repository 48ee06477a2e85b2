// The agent platform end to end, as the issue tells it: two agents on two
// domains. A publishes a priced skill and posts; B reviews the skill, votes on
// and replies to A's post and orders the skill. A's inbox, A's webhook
// receiver (a loopback server that checks every signature with the key the
// server publishes) and A's MCP tools each see every one of those once. A
// accepts and fulfils the order with its own records; B's attempts to mark
// its own order fulfilled change nothing anyone sees. On Postgres and on the
// embedded database alike.
import assert from 'node:assert/strict'
import { createPublicKey, verify } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { agentDomain, ed25519Key, type Registered, registerAgent } from '../agents/helpers.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { until } from '../helpers/until.js'
import { xrpc } from '../helpers/xrpc.js'

type Json = Record<string, unknown>
type Delivery = { id: string; body: Json }
type StrongRef = { uri: string; cid: string }

/** A webhook receiver on loopback that keeps only deliveries whose signature verifies. */
async function startReceiver(publicKey: string) {
  const key = createPublicKey({
    key: {
      kty: 'OKP',
      crv: 'Ed25519',
      x: Buffer.from(publicKey.replace(/^whpk_/, ''), 'base64').toString('base64url'),
    },
    format: 'jwk',
  })
  const deliveries: Delivery[] = []
  let badSignatures = 0
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const id = String(req.headers['webhook-id'])
      const signed = Buffer.from(`${id}.${req.headers['webhook-timestamp']}.${body}`)
      const ok = String(req.headers['webhook-signature'] ?? '')
        .split(' ')
        .some((s) => s.startsWith('v1a,') && verify(null, signed, key, Buffer.from(s.slice(4), 'base64')))
      if (!ok) badSignatures++
      else deliveries.push({ id, body: JSON.parse(body) })
      res.writeHead(ok ? 204 : 401).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    deliveries,
    badSignatures: () => badSignatures,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

async function ok(res: Promise<{ status: number; body: Json }>, what: string): Promise<Json> {
  const r = await res
  assert.equal(r.status, 200, `${what}: ${JSON.stringify(r.body)}`)
  return r.body
}

// On both engines: `npm start` runs on the embedded one, where a table named in SQL text would miss the tenant's schema.
for (const backend of ['postgres', 'embedded'] as const)
  describe(`the agent platform, two agents on two domains (${backend})`, () => {
    let t: TestServer
    let a: Registered
    let b: Registered
    let mcpA: Client
    let receiver: Awaited<ReturnType<typeof startReceiver>>
    let post: StrongRef
    let listing: StrongRef
    let order: StrongRef

    const create = (who: Registered, collection: string, record: Json, rkey?: string) =>
      ok(
        xrpc(t.url, 'com.atproto.repo.createRecord', {
          auth: who.accessJwt,
          body: { repo: who.did, collection, record: { $type: collection, ...record }, ...(rkey ? { rkey } : {}) },
        }),
        `create ${collection}`,
      ) as Promise<StrongRef>
    const now = () => new Date().toISOString()
    const tool = async (name: string, args: Json = {}) => {
      const res = await mcpA.callTool({ name, arguments: args })
      assert.ok(!res.isError, `${name}: ${JSON.stringify(res.content)}`)
      return res.structuredContent as Json
    }
    const getOrder = () => ok(xrpc(t.url, 'is.gather.shop.getOrder', { params: { uri: order.uri } }), 'getOrder')

    before(async () => {
      t = await startTestServer({
        backend,
        config: { webhooks: { allowPrivateNetwork: true, retryBaseMs: 50, retryMaxMs: 200, pollMs: 50 } },
      })
      await agentDomain(t, 'alpha.test')
      await agentDomain(t, 'beta.test')
      a = await registerAgent(t, 'alpha.test', ed25519Key(), { name: 'Summarizer', handle: 'sum' })
      b = await registerAgent(t, 'beta.test', ed25519Key(), { name: 'Buyer', handle: 'buyer' })
      const signing = await ok(xrpc(t.url, 'is.gather.webhook.getSigningKey'), 'getSigningKey')
      receiver = await startReceiver(signing.publicKey as string)
      await ok(
        xrpc(t.url, 'is.gather.webhook.create', {
          auth: a.accessJwt,
          body: { url: receiver.url, filter: { notifications: true } },
        }),
        'webhook.create',
      )
      mcpA = new Client({ name: 'agent-a', version: '1.0.0' })
      await mcpA.connect(
        new StreamableHTTPClientTransport(new URL('/mcp', t.url), {
          requestInit: { headers: { authorization: `Bearer ${a.accessJwt}` } },
        }),
      )
    })

    after(async () => {
      await mcpA?.close()
      await receiver?.close()
      await t?.close()
    })

    it('A publishes a priced skill and posts; B reviews, votes, replies and orders', async () => {
      listing = await create(
        a,
        'is.gather.skill.listing',
        {
          name: 'Summarize',
          description: 'Summarizes a text',
          version: '1.0.0',
          price: { amount: '0.50', currency: 'USD', per: 'call' },
          createdAt: now(),
        },
        'summarize',
      )
      post = await create(a, 'is.gather.feed.post', { text: 'Summaries on demand', createdAt: now() })
      await create(b, 'is.gather.skill.review', { subject: listing, rating: 5, text: 'Good', createdAt: now() })
      await create(b, 'is.gather.feed.vote', { subject: post, direction: 'up', createdAt: now() })
      await create(b, 'is.gather.feed.post', {
        text: 'Ordering one',
        reply: { root: post, parent: post },
        createdAt: now(),
      })
      order = await create(b, 'is.gather.shop.order', {
        items: [{ product: listing, quantity: 2, unitPrice: '0.50' }],
        amount: '1.00',
        currency: 'USD',
        createdAt: now(),
      })
    })

    const expected = () =>
      [
        ['review', listing.uri],
        ['vote', post.uri],
        ['reply', post.uri],
        ['order', undefined],
      ].sort()

    it("A's inbox holds each of them once, unread", async () => {
      const list = await ok(xrpc(t.url, 'is.gather.notification.list', { auth: a.accessJwt }), 'list')
      const seen = (list.notifications as Json[]).map((n) => [n.reason, n.reasonSubject]).sort()
      assert.deepEqual(seen, expected())
      assert.equal(list.unreadCount, 4)
      for (const n of list.notifications as Json[]) assert.equal((n.author as Json).did, b.did)
    })

    it("A's webhook receiver gets each once, signed", async () => {
      await until(
        () => receiver.deliveries.length >= 4,
        () => `4 deliveries, got ${receiver.deliveries.length}`,
      )
      const notes = receiver.deliveries.map((d) => d.body.notification as Json)
      assert.deepEqual(notes.map((n) => [n.reason, n.reasonSubject]).sort(), expected())
      assert.equal(
        new Set(receiver.deliveries.map((d) => d.id)).size,
        receiver.deliveries.length,
        'no webhook-id twice',
      )
      assert.equal(receiver.badSignatures(), 0)
    })

    it("A's MCP tools see the same notifications and the incoming order", async () => {
      const listed = await tool('list_notifications')
      const seen = (listed.notifications as Json[]).map((n) => [n.reason, n.reasonSubject]).sort()
      assert.deepEqual(seen, expected())
      const orders = await tool('list_orders', { role: 'seller' })
      assert.deepEqual(
        (orders.orders as Json[]).map((o) => [o.uri, o.status]),
        [[order.uri, 'pending']],
      )
    })

    it('A accepts the order with its own record; B marking its own order fulfilled changes nothing', async () => {
      await create(a, 'is.gather.shop.orderUpdate', { order, status: 'accepted', createdAt: now() })
      assert.equal((await getOrder()).status, 'accepted')
      const [, , , , rkey] = order.uri.split('/')
      const current = await ok(
        xrpc(t.url, 'com.atproto.repo.getRecord', {
          params: { repo: b.did, collection: 'is.gather.shop.order', rkey },
        }),
        'getRecord',
      )
      await ok(
        xrpc(t.url, 'com.atproto.repo.putRecord', {
          auth: b.accessJwt,
          body: {
            repo: b.did,
            collection: 'is.gather.shop.order',
            rkey,
            record: { ...(current.value as Json), status: 'fulfilled' },
          },
        }),
        "B's own status",
      )
      await create(b, 'is.gather.shop.orderUpdate', { order, status: 'fulfilled', createdAt: now() })
      const seenBySeller = await ok(
        xrpc(t.url, 'is.gather.shop.listOrders', { auth: a.accessJwt, params: { role: 'seller' } }),
        'listOrders seller',
      )
      const seenByBuyer = await ok(
        xrpc(t.url, 'is.gather.shop.listOrders', { auth: b.accessJwt, params: { role: 'buyer' } }),
        'listOrders buyer',
      )
      for (const view of [await getOrder(), (seenBySeller.orders as Json[])[0], (seenByBuyer.orders as Json[])[0]]) {
        assert.equal(view.status, 'accepted')
      }
    })

    it('A fulfils it through MCP, and B is told of both answers', async () => {
      const fulfilled = await tool('update_order', { orderUri: order.uri, status: 'fulfilled', note: 'Sent' })
      assert.ok(fulfilled.uri)
      const view = await getOrder()
      assert.equal(view.status, 'fulfilled')
      assert.deepEqual(
        (view.updates as Json[]).map((u) => u.status),
        ['accepted', 'fulfilled'],
      )
      assert.equal(view.amountValid, true)
      const inbox = await ok(xrpc(t.url, 'is.gather.notification.list', { auth: b.accessJwt }), 'B list')
      const updates = (inbox.notifications as Json[]).filter((n) => n.reason === 'orderUpdate')
      assert.equal(updates.length, 2)
      assert.ok(updates.every((n) => (n.author as Json).did === a.did && n.reasonSubject === order.uri))
    })

    it('A reads its notifications and nothing is delivered twice', async () => {
      await ok(
        xrpc(t.url, 'is.gather.notification.updateSeen', { auth: a.accessJwt, body: { seenAt: now() } }),
        'updateSeen',
      )
      const count = await ok(xrpc(t.url, 'is.gather.notification.getUnreadCount', { auth: a.accessJwt }), 'unread')
      assert.equal(count.count, 0)
      // B's own orderUpdate concerned only B's order: A was not told of it, by any road.
      assert.equal(receiver.deliveries.length, 4)
      const list = await ok(xrpc(t.url, 'is.gather.notification.list', { auth: a.accessJwt }), 'list')
      assert.equal((list.notifications as Json[]).length, 4)
    })
  })
