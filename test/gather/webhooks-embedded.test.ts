// Webhooks on the embedded database, whose one session a transaction holds:
// the dispatcher looks up a notification's author outside its transaction,
// so a notification and a Jetstream event both arrive, signed, without the
// dispatcher waiting on itself.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { until } from '../helpers/until.js'
import { xrpc } from '../helpers/xrpc.js'
import { loggedInAccount, type TestAccount } from '../repo/helpers.js'
import { WebhookReceiver } from './webhook-receiver.js'

describe('webhooks on the embedded database', () => {
  let t: TestServer
  let ann: TestAccount
  let bob: TestAccount
  let receiver: WebhookReceiver

  before(async () => {
    t = await startTestServer({
      backend: 'embedded',
      config: {
        webhooks: { allowPrivateNetwork: true, retryBaseMs: 50, retryMaxMs: 200, pollMs: 50 },
        rateLimits: { agentRequestsPerIp: { points: 0 } },
      },
    })
    await addDomain(t, 'alpha.test')
    ann = await loggedInAccount(t, 'ann.alpha.test')
    bob = await loggedInAccount(t, 'bob.alpha.test')
    const key = await xrpc(t.url, 'is.gather.webhook.getSigningKey')
    receiver = await WebhookReceiver.start(key.body.publicKey as string)
  })

  after(async () => {
    await receiver?.close()
    await t?.close()
  })

  test('a notification and a Jetstream event are delivered, signed', async () => {
    for (const filter of [{ notifications: true }, { wantedCollections: ['is.gather.feed.vote'] }]) {
      const res = await xrpc(t.url, 'is.gather.webhook.create', {
        auth: ann.agent.session?.accessJwt as string,
        body: { url: receiver.url, filter },
      })
      assert.equal(res.status, 200, JSON.stringify(res.body))
    }
    const createdAt = new Date().toISOString()
    const subject = await ann.agent.com.atproto.repo.createRecord({
      repo: ann.did,
      collection: 'is.gather.feed.post',
      record: { text: 'vote on me', createdAt },
    })
    await bob.agent.com.atproto.repo.createRecord({
      repo: bob.did,
      collection: 'is.gather.feed.vote',
      record: { subject: { uri: subject.data.uri, cid: subject.data.cid }, direction: 'up', createdAt },
    })
    await until(
      () => receiver.delivered.length >= 2,
      () => `2 deliveries, got ${receiver.delivered.length}`,
    )
    const types = receiver.delivered.map((r) => r.body.type).sort()
    assert.deepEqual(types, ['event', 'notification'])
    assert.ok(receiver.delivered.every((r) => r.verified))
    const note = receiver.delivered.find((r) => r.body.type === 'notification')?.body.notification as Record<
      string,
      unknown
    >
    assert.equal(note.reason, 'vote')
    assert.deepEqual(note.author, { did: bob.did, handle: bob.handle })
  })
})
