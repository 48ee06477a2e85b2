// Webhooks through the real server and a loopback receiver that checks every
// signature with the published key: notifications reach their account once
// each and in order; a Jetstream filter gets only what it wants; a receiver
// that fails or is gone for a while gets everything once, in order, after
// retries; repeated failures pause a webhook (queuing nothing new) until it is resumed; a restart of
// the jobs neither loses nor repeats, and a stop does not wait on a hung
// receiver; one account cannot touch another's webhooks.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { base58btc } from 'multiformats/bases/base58'
import { verifyWebhookSignature, WebhookSigner } from '../../src/gather/webhook/webhook-signer.js'
import type { BackgroundJob } from '../../src/lib/jobs.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { until } from '../helpers/until.js'
import { xrpc } from '../helpers/xrpc.js'
import { loggedInAccount, type TestAccount } from '../repo/helpers.js'
import { assertOnceInOrder, commits, jwt, made, post, type View, viewOf, write } from './webhook-helpers.js'
import { WebhookReceiver } from './webhook-receiver.js'

describe('webhooks', () => {
  let t: TestServer
  let publicKey: string
  let ann: TestAccount
  let bob: TestAccount
  let cat: TestAccount
  const receivers: WebhookReceiver[] = []
  const job = (name: string) => t.ctx.jobs.find((j) => j.name === name) as BackgroundJob
  /** Everything written so far dispatched and every due delivery sent. */
  const settle = async () => {
    await t.ctx.sequencer.idle()
    await t.ctx.tail.catchUp()
    await job('webhook-dispatcher').runOnce?.()
    await job('webhook-delivery').runOnce?.()
  }
  const receiver = async () => {
    const r = await WebhookReceiver.start(publicKey)
    receivers.push(r)
    return r
  }

  before(async () => {
    t = await startTestServer({
      config: {
        webhooks: { allowPrivateNetwork: true, retryBaseMs: 50, retryMaxMs: 200, pollMs: 50, pauseAfterFailures: 6 },
        // is.gather.* is the agent surface, with a per-IP budget: these tests poll webhook.list from one IP.
        rateLimits: { agentRequestsPerIp: { points: 0 } },
      },
    })
    await addDomain(t, 'alpha.test')
    await addDomain(t, 'beta.test')
    ann = await loggedInAccount(t, 'ann.alpha.test')
    bob = await loggedInAccount(t, 'bob.beta.test')
    cat = await loggedInAccount(t, 'cat.alpha.test')
    const key = await xrpc(t.url, 'is.gather.webhook.getSigningKey')
    assert.equal(key.status, 200, JSON.stringify(key.body))
    publicKey = key.body.publicKey as string
  })

  after(async () => {
    for (const r of receivers) await r.close()
    await t?.close()
  })

  test('the signing key: whpk_, did:key and JWK of one Ed25519 key, the same in every process', async () => {
    const body = (await xrpc(t.url, 'is.gather.webhook.getSigningKey')).body as Record<string, unknown>
    assert.equal(body.algorithm, 'ed25519')
    const raw = Buffer.from(publicKey.slice('whpk_'.length), 'base64')
    assert.equal(raw.length, 32)
    assert.equal(body.didKey, `did:key:${base58btc.encode(new Uint8Array([0xed, 0x01, ...raw]))}`)
    assert.ok((body.didKey as string).startsWith('did:key:z6Mk'))
    assert.deepEqual(body.jwk, { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') })
    // Another process derives it from the same secret.
    const signer = new WebhookSigner(t.ctx.config.jwtSecret)
    assert.equal(signer.publicKey.publicKey, publicKey)
    const h = signer.headers('w_1_0', '{"a":1}', 1700000000)
    const signed = { id: 'w_1_0', timestamp: '1700000000', body: '{"a":1}', signatureHeader: h['webhook-signature'] }
    assert.ok(verifyWebhookSignature(signed, publicKey))
    assert.ok(!verifyWebhookSignature({ ...signed, body: '{"a":2}' }, publicKey))
    assert.ok(verifyWebhookSignature({ ...signed, signatureHeader: `v1,xyz ${signed.signatureHeader}` }, publicKey))
  })

  test("another account's reply, vote, review and order reach the notifications webhook once each, in order", async () => {
    const r = await receiver()
    const hook = await made(t, ann, r.url, { notifications: true })
    assert.equal(hook.status, 'active')
    const mine = await post(ann, 'a post of mine')
    const listing = await write(ann, 'is.gather.skill.listing', { name: 'Sum', description: 'Adds', version: '1' })
    await post(bob, 'a post of his own, about no one')
    const reply = await post(bob, 'a reply', { reply: { root: mine, parent: mine } })
    const vote = await write(bob, 'is.gather.feed.vote', { subject: mine, direction: 'up' })
    const review = await write(bob, 'is.gather.skill.review', { subject: listing, rating: 5 })
    const order = await write(bob, 'is.gather.shop.order', {
      items: [{ productId: 'sum-1', quantity: 1 }],
      amount: '1',
      currency: 'USD',
      seller: ann.did,
    })
    await until(
      () => r.delivered.length >= 4,
      () => `4 notifications, got ${r.delivered.length}`,
    )
    await settle()
    assertOnceInOrder(r.delivered, hook.id)
    const notes = r.delivered.map((d) => {
      assert.equal(d.body.type, 'notification')
      return d.body.notification as Record<string, unknown>
    })
    assert.deepEqual(
      notes.map((n) => [n.reason, n.uri, n.cid, n.reasonSubject]),
      [
        ['reply', reply.uri, reply.cid, mine.uri],
        ['vote', vote.uri, vote.cid, mine.uri],
        ['review', review.uri, review.cid, listing.uri],
        ['order', order.uri, order.cid, undefined],
      ],
    )
    for (const n of notes) {
      assert.deepEqual(n.author, { did: bob.did, handle: bob.handle })
      assert.ok(!Number.isNaN(Date.parse(n.indexedAt as string)))
    }
    assert.equal((notes[1]?.record as Record<string, unknown> | undefined)?.direction, 'up')
  })

  test('a Jetstream-filter webhook gets the commits of its collections only', async () => {
    const r = await receiver()
    const hook = await made(t, cat, r.url, { wantedCollections: ['is.gather.feed.vote'] })
    const target = await post(bob, 'vote on me')
    const bobVote = await write(bob, 'is.gather.feed.vote', { subject: target, direction: 'up' })
    await write(ann, 'is.gather.feed.vote', { subject: target, direction: 'down' })
    await post(ann, 'not a vote')
    await bob.agent.com.atproto.repo.deleteRecord({
      repo: bob.did,
      collection: 'is.gather.feed.vote',
      rkey: bobVote.uri.split('/').pop() as string,
    })
    await until(
      () => commits(r.delivered).length >= 3,
      () => `3 vote commits, got ${commits(r.delivered).length}`,
    )
    await settle()
    assertOnceInOrder(r.delivered, hook.id)
    assert.deepEqual(
      commits(r.delivered).map((c) => [c.collection, c.operation]),
      [
        ['is.gather.feed.vote', 'create'],
        ['is.gather.feed.vote', 'create'],
        ['is.gather.feed.vote', 'delete'],
      ],
    )
    for (const d of r.delivered) assert.equal(d.body.type, 'event')
  })

  test('a receiver that answers 503, then is gone, gets every event once and in order after retries', async () => {
    const dan = await loggedInAccount(t, 'dan.alpha.test')
    const r = await receiver()
    r.failing = true
    const hook = await made(t, dan, r.url, { wantedDids: [dan.did] })
    for (const text of ['one', 'two', 'three']) await post(dan, text)
    await until(() => r.requests.length >= 2, 'two refused attempts')
    const firstId = r.requests[0]?.id
    assert.ok(
      r.requests.every((q) => q.id === firstId),
      'a later event was sent before the first was taken',
    )
    r.failing = false
    await until(
      () => r.delivered.length >= 3,
      () => `3 deliveries, got ${r.delivered.length}`,
    )
    assert.equal(r.delivered[0]?.id, firstId)
    // Now the port refuses.
    await r.close()
    for (const text of ['four', 'five']) await post(dan, text)
    await until(async () => ((await viewOf(t, dan, hook.id))?.consecutiveFailures ?? 0) >= 1, 'a refused connection')
    const failing = (await viewOf(t, dan, hook.id)) as View
    assert.equal(failing.lastStatus, undefined)
    assert.match(String(failing.lastError), /ECONNREFUSED/)
    await r.listen()
    await until(
      () => r.delivered.length >= 5,
      () => `5 deliveries, got ${r.delivered.length}`,
    )
    await settle()
    assert.equal(r.delivered.length, 5)
    assertOnceInOrder(r.delivered, hook.id)
    assert.deepEqual(
      commits(r.delivered).map((c) => c.operation),
      ['create', 'create', 'create', 'create', 'create'],
    )
    const view = (await viewOf(t, dan, hook.id)) as View
    assert.equal(view.consecutiveFailures, 0)
    assert.equal(view.pending, 0)
    assert.equal(view.lastStatus, 200)
    const series = await t.ctx.metrics.registry.metrics()
    for (const outcome of ['delivered', 'failed']) {
      const value = new RegExp(`^primal_pds_webhook_deliveries_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(
        series,
      )
      assert.ok(Number(value?.[1]) > 0, `deliveries ${outcome} counted`)
    }
  })

  test('repeated failures pause a webhook, which then queues nothing new; resume sends what waited, and what follows', async () => {
    const eve = await loggedInAccount(t, 'eve.alpha.test')
    const r = await receiver()
    r.failing = true
    const hook = await made(t, eve, r.url, { wantedDids: [eve.did] })
    await post(eve, 'first')
    await until(async () => (await viewOf(t, eve, hook.id))?.status === 'paused', 'the webhook paused')
    const paused = (await viewOf(t, eve, hook.id)) as View
    assert.equal(paused.consecutiveFailures, 6)
    assert.equal(paused.lastStatus, 503)
    assert.equal(paused.lastError, 'HTTP 503')
    assert.equal(r.requests.length, 6)
    // While paused, nothing new is queued (a dead receiver's queue does not grow); what waited stays.
    await post(eve, 'second')
    await post(eve, 'third')
    await settle()
    assert.equal((await viewOf(t, eve, hook.id))?.pending, 1)
    assert.equal(r.requests.length, 6, 'a paused webhook was sent to')
    r.failing = false
    const resumed = await xrpc(t.url, 'is.gather.webhook.resume', { auth: jwt(eve), body: { id: hook.id } })
    assert.equal(resumed.status, 200, JSON.stringify(resumed.body))
    assert.equal(resumed.body.status, 'active')
    assert.equal(resumed.body.consecutiveFailures, 0)
    await until(
      () => r.delivered.length >= 1,
      () => `the waiting delivery, got ${r.delivered.length}`,
    )
    await post(eve, 'fourth')
    await until(
      () => r.delivered.length >= 2,
      () => `2 deliveries, got ${r.delivered.length}`,
    )
    await settle()
    assert.equal(r.delivered.length, 2)
    assertOnceInOrder(r.delivered, hook.id)
    const texts = r.delivered
      .map((d) => JSON.stringify(d))
      .map((j) => ['first', 'second', 'third', 'fourth'].find((w) => j.includes(`"text":"${w}"`)))
    assert.deepEqual(texts, ['first', 'fourth'])
  })

  test('stopping and starting the jobs mid-stream neither loses nor repeats a delivery', async () => {
    const fay = await loggedInAccount(t, 'fay.alpha.test')
    const r = await receiver()
    const hook = await made(t, fay, r.url, { wantedDids: [fay.did] })
    for (let i = 0; i < 3; i++) await post(fay, `before ${i}`)
    await job('webhook-delivery').stop()
    await job('webhook-dispatcher').stop()
    for (let i = 0; i < 3; i++) await post(fay, `while stopped ${i}`)
    await job('webhook-dispatcher').start()
    await job('webhook-delivery').start()
    for (let i = 0; i < 2; i++) await post(fay, `after ${i}`)
    await until(
      () => commits(r.delivered).length >= 8,
      () => `8 commits, got ${commits(r.delivered).length}`,
    )
    await settle()
    assert.equal(commits(r.delivered).length, 8)
    assertOnceInOrder(r.delivered, hook.id)
  })

  test('stopping the delivery job cuts a hung send short and leaves it queued, sent again with the same id', async () => {
    const gus = await loggedInAccount(t, 'gus.alpha.test')
    const r = await receiver()
    r.hanging = true
    const hook = await made(t, gus, r.url, { wantedDids: [gus.did] })
    await post(gus, 'into the void')
    await until(() => r.requests.length >= 1, 'the send to reach the receiver')
    const started = Date.now()
    await job('webhook-delivery').stop()
    // The default timeoutMs is 10 s: a stop waits a moment (2 s) for sends under way, and no longer.
    assert.ok(Date.now() - started < 5000, `stop took ${Date.now() - started} ms`)
    const view = (await viewOf(t, gus, hook.id)) as View
    assert.equal(view.pending, 1)
    assert.equal(view.consecutiveFailures, 0)
    assert.equal(view.lastAttemptAt, undefined, 'a send cut short is no attempt')
    r.hanging = false
    await job('webhook-delivery').start()
    await until(() => r.delivered.length >= 1, 'the send again')
    assert.equal(r.delivered[0]?.id, r.requests[0]?.id)
    assertOnceInOrder(r.delivered, hook.id)
  })

  test("one account cannot list, delete or resume another's webhook", async () => {
    const r = await receiver()
    const hook = await made(t, ann, r.url, { wantedDids: [ann.did] })
    for (const nsid of ['is.gather.webhook.delete', 'is.gather.webhook.resume']) {
      const res = await xrpc(t.url, nsid, { auth: jwt(bob), body: { id: hook.id } })
      assert.equal(res.status, 400, nsid)
      assert.equal(res.body.error, 'WebhookNotFound', nsid)
    }
    assert.equal(await viewOf(t, bob, hook.id), undefined)
    assert.ok(await viewOf(t, ann, hook.id))
    const deleted = await xrpc(t.url, 'is.gather.webhook.delete', { auth: jwt(ann), body: { id: hook.id } })
    assert.equal(deleted.status, 200, JSON.stringify(deleted.body))
    assert.equal(await viewOf(t, ann, hook.id), undefined)
    const again = await xrpc(t.url, 'is.gather.webhook.delete', { auth: jwt(ann), body: { id: hook.id } })
    assert.equal(again.body.error, 'WebhookNotFound')
    const anonymous = await xrpc(t.url, 'is.gather.webhook.list')
    assert.equal(anonymous.status, 401)
  })
})
