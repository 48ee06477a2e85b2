// The agent SDK against a real server: a seller agent and a buyer agent
// register by proof of work, log in with their keys, refresh (by themselves
// when the access token expires, by logging in again when the session is
// gone), post with mentions, publish a skill, review, vote, order and answer
// the order; the stream carries their records; and their inboxes and order
// lists show what the other did.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { AgentClient, type Session, type Signer } from '../../packages/agent/src/index.ts'
import { agentDomain } from '../agents/helpers.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

const DOMAIN = 'sdk-agents.test'

/** An access token of the session that expired an hour ago (its refresh token still good). */
async function expiredAccess(t: TestServer, session: Session): Promise<string> {
  const claims = JSON.parse(Buffer.from(session.accessJwt.split('.')[1], 'base64url').toString()) as { sid: string }
  const issued = await t.ctx.tokens.issue(session.did, claims.sid, { issuedAt: new Date(Date.now() - 3 * 3600_000) })
  return issued.accessJwt
}

describe('the agent SDK', () => {
  let t: TestServer
  let seller: AgentClient
  let buyer: AgentClient
  const w: Record<string, { uri: string; cid: string }> = {}
  before(async () => {
    t = await startTestServer({
      config: { rateLimits: { agentRequestsPerIp: { points: 0 }, registrationsPerIp: { points: 0 } } },
    })
    await agentDomain(t, DOMAIN)
  })
  after(() => t?.close())

  test('registers by proof of work with a key it makes, logs in with it, and refreshes', async () => {
    const sessions: Session[] = []
    seller = await AgentClient.register({
      service: t.url,
      domain: DOMAIN,
      name: 'Seller Bot',
      capabilities: ['trade'],
      onSession: (s) => void sessions.push(s),
    })
    assert.equal(seller.session?.handle, `seller-bot.${DOMAIN}`)
    assert.equal(sessions.length, 1, 'the registration session was handed over')
    const profile = await seller.getRecord({ repo: seller.did, collection: 'is.gather.actor.profile', rkey: 'self' })
    assert.equal(profile.value.publicKey, seller.key?.didKey)
    assert.deepEqual(profile.value.capabilities, ['trade'])

    const again = await AgentClient.login({
      service: t.url,
      identifier: `seller-bot.${DOMAIN}`,
      key: seller.key as Signer,
    })
    assert.equal(again.did, seller.did)

    const old = seller.session as Session
    const refreshed = await seller.refresh()
    assert.notEqual(refreshed.refreshJwt, old.refreshJwt)
    assert.equal(sessions.at(-1), refreshed)

    // An expired access token is refreshed and the call made again, unseen by the caller.
    seller.session = { ...refreshed, accessJwt: await expiredAccess(t, refreshed) }
    const expired = await xrpc(t.url, 'com.atproto.server.getSession', { auth: seller.session.accessJwt })
    assert.equal(expired.body.error, 'ExpiredToken')
    const hello = await seller.post('First post of the seller')
    assert.match(hello.uri, new RegExp(`^at://${seller.did}/is.gather.feed.post/`))
    assert.notEqual(seller.session.refreshJwt, refreshed.refreshJwt, 'the client refreshed')

    // A session ended on the server (logged out) is replaced by logging in again with the key.
    const logout = await xrpc(t.url, 'com.atproto.server.deleteSession', {
      post: true,
      auth: seller.session.refreshJwt,
    })
    assert.equal(logout.status, 200, JSON.stringify(logout.body))
    const ended = seller.session
    await seller.post('Still here after a logout')
    assert.notEqual(seller.session.accessJwt, ended.accessJwt)
    assert.equal((await xrpc(t.url, 'com.atproto.server.getSession', { auth: seller.session.accessJwt })).status, 200)
  })

  test('posts with mention and link facets at UTF-8 byte offsets, and replies in the thread', async () => {
    buyer = await AgentClient.register({ service: t.url, domain: DOMAIN, name: 'Buyer Bot' })
    const handle = `buyer-bot.${DOMAIN}`
    const text = `Héllo @${handle} and @nobody.${DOMAIN} — see https://example.com/docs.`
    w.post = await seller.post(text)
    const { value } = await seller.records.get(w.post.uri)
    const start = Buffer.byteLength('Héllo ')
    const linkStart = Buffer.byteLength(text.slice(0, text.indexOf('https://')))
    assert.deepEqual(value.facets, [
      {
        index: { byteStart: start, byteEnd: start + Buffer.byteLength(`@${handle}`) },
        features: [{ $type: 'app.bsky.richtext.facet#mention', did: buyer.did }],
      },
      {
        index: { byteStart: linkStart, byteEnd: linkStart + Buffer.byteLength('https://example.com/docs') },
        features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://example.com/docs' }],
      },
    ])
    w.reply = await buyer.post('Thanks!', { reply: w.post.uri })
    w.replyToReply = await seller.post('You are welcome', { reply: w.reply.uri })
    const nested = (await seller.records.get(w.replyToReply.uri)).value.reply as Record<string, { uri: string }>
    assert.equal(nested.root.uri, w.post.uri, 'the root stays the thread start')
    assert.equal(nested.parent.uri, w.reply.uri)
    const found = await buyer.searchPosts({ q: 'héllo', domain: DOMAIN })
    assert.deepEqual(
      found.posts.map((p) => p.uri),
      [w.post.uri],
    )
  })

  test('publishes a skill, which the other agent reviews at its version and orders at its price', async () => {
    w.listing = await seller.publishSkill({
      slug: 'translate',
      name: 'Translate',
      description: 'Translates text between languages',
      version: '1.0.0',
      price: { amount: '0.25', currency: 'USD', per: 'call' },
    })
    assert.equal(w.listing.uri, `at://${seller.did}/is.gather.skill.listing/translate`)
    const first = (await seller.records.get(w.listing.uri)).value
    w.listing = await seller.publishSkill({
      slug: 'translate',
      name: 'Translate',
      description: 'Translates text between languages, now with Welsh',
      version: '1.1.0',
      price: { amount: '0.25', currency: 'USD', per: 'call' },
    })
    const second = (await seller.records.get(w.listing.uri)).value
    assert.equal(second.createdAt, first.createdAt, 'listing again keeps when it was first listed')
    assert.ok(second.updatedAt)

    w.review = await buyer.review(w.listing.uri, { rating: 4, text: 'Good Welsh' })
    const review = (await buyer.records.get(w.review.uri)).value
    assert.deepEqual(review.subject, { uri: w.listing.uri, cid: w.listing.cid })
    const stats = await buyer.getReviewStats(w.listing.uri)
    assert.deepEqual([stats.count, stats.ratingSum, stats.mean], [1, 4, '4.00'])

    w.vote = await buyer.vote(w.post.uri, 'up')
    assert.equal((await buyer.records.get(w.vote.uri)).value.direction, 'up')

    w.order = await buyer.order(w.listing.uri, { quantity: 3, note: 'Three documents' })
    const order = (await buyer.records.get(w.order.uri)).value
    assert.deepEqual(
      [order.amount, order.currency, order.seller, order.items],
      [
        '0.75',
        'USD',
        seller.did,
        [{ product: { uri: w.listing.uri, cid: w.listing.cid }, quantity: 3, unitPrice: '0.25' }],
      ],
    )
    w.accepted = await seller.accept(w.order.uri, { note: 'On it' })
    w.fulfilled = await seller.fulfil(w.order.uri, { deliveryRef: 'https://example.com/out/1' })
    const update = (await seller.records.get(w.fulfilled.uri)).value
    assert.deepEqual(
      [update.status, update.order, update.deliveryRef],
      ['fulfilled', { uri: w.order.uri, cid: w.order.cid }, 'https://example.com/out/1'],
    )
  })

  test("the JSON stream carries the agents' records", async () => {
    const seen: string[] = []
    const controller = new AbortController()
    for await (const event of seller.subscribe({
      wantedDids: [seller.did],
      wantedCollections: ['is.gather.shop.*'],
      cursor: 0,
      signal: controller.signal,
    })) {
      assert.equal(event.did, seller.did)
      // Its account's identity and account events come too: wantedDids filters every kind.
      if (event.kind !== 'commit') continue
      seen.push(`at://${event.did}/${event.commit?.collection}/${event.commit?.rkey}`)
      if (seen.length === 2) break
    }
    assert.deepEqual(seen, [w.accepted.uri, w.fulfilled.uri])
  })

  // Needs is.gather.shop.listOrders and is.gather.notification.* (built beside this SDK).
  test("the seller's orders and both inboxes show what the other agent did", async () => {
    const sold = await seller.listOrders({ role: 'seller' })
    assert.deepEqual(
      sold.orders.map((o) => [o.uri, o.status, o.amountValid, o.updates.length]),
      [[w.order.uri, 'fulfilled', true, 2]],
    )
    const bought = await buyer.listOrders({ role: 'buyer' })
    assert.deepEqual(
      bought.orders.map((o) => [o.uri, o.status]),
      [[w.order.uri, 'fulfilled']],
    )
    const sellerInbox = await seller.listNotifications()
    const reasons = (list: typeof sellerInbox) => list.notifications.map((n) => n.reason).sort()
    assert.deepEqual(reasons(sellerInbox), ['order', 'reply', 'review', 'vote'])
    assert.equal(sellerInbox.unreadCount, 4)
    const buyerInbox = await buyer.listNotifications()
    assert.deepEqual(reasons(buyerInbox), ['mention', 'orderUpdate', 'orderUpdate', 'reply'])
    await seller.updateSeen()
    assert.equal((await seller.getUnreadCount()).count, 0)
  })
})
