// The webhook queue's guarantees at the storage floor, on real Postgres with
// the jobs off: queueing moves the dispatcher's cursor in the same
// transaction and is refused when the cursor moved meanwhile; an event queued
// again is not queued twice; a full queue drops and counts; only each
// webhook's oldest delivery is ever due, and a failure holds it back until its
// retry and pauses the webhook after enough of them; a deleted account's
// webhooks are left alone.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { NewDelivery } from '../../src/storage/management/webhook-store.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { loggedInAccount } from '../repo/helpers.js'

describe('webhook store', () => {
  let t: TestServer
  let webhookId: string
  let did: string

  before(async () => {
    t = await startTestServer({ config: { webhooks: { enabled: false, allowPrivateNetwork: true } } })
    await addDomain(t, 'alpha.test')
    did = (await loggedInAccount(t, 'ann.alpha.test')).did
    webhookId = (await t.ctx.webhooks.create(did, { url: 'http://127.0.0.1:9/hook', filter: { wantedDids: [did] } })).id
  })

  after(async () => {
    await t?.close()
  })

  const delivery = (seq: number, idx = 0): NewDelivery => ({ webhookId, seq, idx, payload: `{"seq":${seq}}` })
  const enqueue = (from: number, to: number, ds: NewDelivery[], maxQueued = 100) =>
    t.ctx.storage.managementTransactor.transact((tx) =>
      tx.webhooks.enqueue(from, to, ds, maxQueued, new Date().toISOString()),
    )
  const pending = async () => (await t.ctx.webhooks.list(did))[0]?.pending

  test('queueing moves the cursor with it, once; a stale cursor writes nothing; a full queue counts what it drops', async () => {
    const reader = t.ctx.storage.managementReader.webhooks
    const start = (await reader.cursor()) as number
    assert.equal(typeof start, 'number', 'making the first webhook set the cursor')
    await assert.rejects(
      t.ctx.storage.managementTransactor.webhooks.enqueue(start, start + 1, [], 10, new Date().toISOString()),
      /transaction/,
    )
    assert.equal(await enqueue(start, start + 2, [delivery(start + 1), delivery(start + 2)]), true)
    assert.equal(await reader.cursor(), start + 2)
    assert.equal(await pending(), 2)
    // Another dispatcher's view of the cursor, from before: refused, and nothing queued.
    assert.equal(await enqueue(start, start + 3, [delivery(start + 3)]), false)
    assert.equal(await reader.cursor(), start + 2)
    assert.equal(await pending(), 2)
    // The same event again (a page matched twice) is still one delivery.
    assert.equal(await enqueue(start + 2, start + 3, [delivery(start + 2), delivery(start + 3)]), true)
    assert.equal(await pending(), 3)
    assert.equal(await enqueue(start + 3, start + 5, [delivery(start + 4), delivery(start + 5)], 4), true)
    const view = (await t.ctx.webhooks.list(did))[0]
    assert.equal(view?.pending, 4)
    assert.equal(view?.dropped, 1)
  })

  test('only the oldest delivery of a webhook is due; a failure holds it until its retry, and enough failures pause', async () => {
    const store = t.ctx.storage.managementTransactor.webhooks
    const nowIso = () => new Date().toISOString()
    const [oldest] = await store.due(nowIso(), 10, [])
    assert.ok(oldest)
    assert.equal((await store.due(nowIso(), 10, [])).length, 1, 'one per webhook')
    assert.deepEqual(await store.due(nowIso(), 10, [webhookId]), [], 'none of a webhook in flight')
    const later = new Date(Date.now() + 60_000).toISOString()
    await t.ctx.storage.managementTransactor.transact((tx) =>
      tx.webhooks.failed(oldest, { status: 500, error: 'HTTP 500', at: nowIso() }, later, 2),
    )
    // The next delivery is not sent ahead of the one waiting for its retry.
    assert.deepEqual(await store.due(nowIso(), 10, []), [])
    const [retried] = await store.due(later, 10, [])
    assert.equal(retried?.seq, oldest.seq)
    assert.equal(retried?.attempts, 1)
    await t.ctx.storage.managementTransactor.transact((tx) =>
      tx.webhooks.failed(oldest, { error: 'ECONNREFUSED', at: nowIso() }, later, 2),
    )
    const paused = (await t.ctx.webhooks.list(did))[0]
    assert.equal(paused?.status, 'paused')
    assert.equal(paused?.consecutiveFailures, 2)
    assert.equal(paused?.lastStatus, undefined)
    assert.equal(paused?.lastError, 'ECONNREFUSED')
    assert.deepEqual(await store.due(later, 10, []), [], 'a paused webhook is not sent to')
    await t.ctx.webhooks.resume(did, webhookId)
    const [again] = await store.due(nowIso(), 10, [])
    assert.equal(again?.seq, oldest.seq, 'resumed: the same oldest delivery, due now')
    assert.equal(again?.attempts, 0)
    await t.ctx.storage.managementTransactor.transact((tx) =>
      tx.webhooks.delivered(oldest, { status: 204, at: nowIso() }),
    )
    const [next] = await store.due(nowIso(), 10, [])
    assert.ok(Number(next?.seq) > Number(oldest.seq))
    assert.equal((await t.ctx.webhooks.list(did))[0]?.pending, 3)
  })

  test("a deleted account's webhooks are sent nothing more, nor matched", async () => {
    const store = t.ctx.storage.managementReader.webhooks
    assert.equal((await store.due(new Date().toISOString(), 10, [])).length, 1)
    assert.equal((await store.forDispatch(Number.MAX_SAFE_INTEGER)).length, 1)
    const res = await xrpc(t.url, 'com.atproto.admin.deleteAccount', { auth: t.adminKey, body: { did } })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    assert.deepEqual(await store.due(new Date().toISOString(), 10, []), [])
    assert.deepEqual(await store.forDispatch(Number.MAX_SAFE_INTEGER), [])
  })
})
