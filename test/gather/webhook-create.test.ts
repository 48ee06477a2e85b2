// What is.gather.webhook.create refuses on a server with default address
// rules: loopback, private and plain-http receivers (ForbiddenAddress),
// filters of neither kind or both (InvalidFilter), more webhooks than
// webhooks.maxPerAccount (TooManyWebhooks); and webhooks.enabled false leaves
// the jobs out.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loggedInAccount, type TestAccount } from '../repo/helpers.js'
import { createWebhook, made, type View } from './webhook-helpers.js'

describe('webhooks on a server with default address rules', () => {
  let t: TestServer
  let ann: TestAccount

  before(async () => {
    t = await startTestServer({
      config: { webhooks: { enabled: false, maxPerAccount: 2 }, rateLimits: { agentRequestsPerIp: { points: 0 } } },
    })
    await addDomain(t, 'alpha.test')
    ann = await loggedInAccount(t, 'ann.alpha.test')
  })

  after(async () => {
    await t?.close()
  })

  test('webhooks.enabled false leaves the jobs out', () => {
    assert.deepEqual(
      t.ctx.jobs.filter((j) => j.name.startsWith('webhook')),
      [],
    )
  })

  test('loopback, private and plain-http receivers are refused with ForbiddenAddress', async () => {
    const filter = { wantedDids: [ann.did] }
    for (const url of [
      'http://127.0.0.1:8080/hook',
      'https://10.0.0.1/hook',
      'https://localhost/hook',
      'https://[::1]/hook',
      'https://169.254.169.254/latest',
      'http://93.184.215.14/hook',
    ]) {
      const res = await createWebhook(t, ann, url, filter)
      assert.equal(res.status, 400, url)
      assert.equal(res.body.error, 'ForbiddenAddress', `${url}: ${JSON.stringify(res.body)}`)
    }
    const ftp = await createWebhook(t, ann, 'ftp://93.184.215.14/hook', filter)
    assert.equal(ftp.status, 400)
    assert.equal(ftp.body.error, 'InvalidRequest')
  })

  test('filters that are neither kind, or both, or malformed, are InvalidFilter', async () => {
    for (const filter of [
      {},
      { notifications: false },
      { notifications: true, wantedCollections: ['is.gather.feed.post'] },
      { wantedCollections: ['not an nsid'] },
      { wantedCollections: [] },
      { reasons: ['reply'] },
      { notifications: true, reasons: ['bogus'] },
    ]) {
      const res = await createWebhook(t, ann, 'https://93.184.215.14/hook', filter)
      assert.equal(res.status, 400, JSON.stringify(filter))
      assert.equal(res.body.error, 'InvalidFilter', `${JSON.stringify(filter)}: ${JSON.stringify(res.body)}`)
    }
  })

  test('past webhooks.maxPerAccount: TooManyWebhooks', async () => {
    const filters = [{ wantedCollections: ['is.gather.*'] }, { notifications: true, reasons: ['reply', 'reply'] }]
    const views: View[] = []
    for (const filter of filters) views.push(await made(t, ann, 'https://93.184.215.14/hook', filter))
    assert.deepEqual(views[0]?.filter, { wantedCollections: ['is.gather.*'] })
    assert.deepEqual(views[1]?.filter, { notifications: true, reasons: ['reply'] })
    const third = await createWebhook(t, ann, 'https://93.184.215.14/other', { wantedDids: [ann.did] })
    assert.equal(third.status, 400)
    assert.equal(third.body.error, 'TooManyWebhooks')
  })
})
