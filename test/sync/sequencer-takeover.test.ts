// A sequencer that took over reads the head once; its killed predecessor's
// last insert can still commit after that read (Postgres finishes a statement
// whose client died), as can the insert of a leader that lost its lock
// mid-batch. The new sequencer's next batch then collides with those seqs: it
// must continue from the real head at once, not stay stuck on the stale one.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { bodyFrame } from '../../src/sync/frames.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loggedInAccount, post } from '../repo/helpers.js'
import { FirehoseClient } from './helpers.js'

let t: TestServer

before(async () => {
  t = await startTestServer({ backend: 'postgres' })
  await addDomain(t, 'late.test')
})
after(() => t?.close())

test('a late insert by a dead predecessor does not leave the sequencer stuck on a stale head', async () => {
  const kim = await loggedInAccount(t, 'kim.late.test')
  await t.ctx.sequencer.idle()
  const head = await t.ctx.tail.catchUp()
  // The predecessor's insert lands after this sequencer read the head.
  const time = new Date().toISOString()
  const late = bodyFrame('identity', { did: kim.did, handle: kim.handle }, head + 1, time)
  await t.ctx.storage.management
    .insertInto('firehose_event')
    .values({
      seq: String(head + 1),
      did: kim.did,
      kind: 'identity',
      time,
      time_us: String(Date.now() * 1000 + 1_000_000),
      frame: late,
      source: 'predecessor',
      outbox_id: '1',
    })
    .execute()

  const hose = new FirehoseClient(t.url, head)
  const res = await kim.agent.com.atproto.repo.createRecord({
    repo: kim.did,
    collection: 'app.bsky.feed.post',
    record: post('after the late insert'),
  })
  const rev = res.data.commit?.rev
  // No other write or sweep comes to help: this one write must reach the firehose by itself.
  const deadline = new Promise((_, reject) =>
    setTimeout(() => reject(new Error('the write never reached the firehose')), 10_000).unref(),
  )
  await Promise.race([hose.until((frames) => frames.some((f) => f.body.rev === rev), 'the write'), deadline])
  assert.deepEqual(
    hose.messages().map((f) => f.body.seq),
    [head + 1, head + 2],
    'the late event, then the write, contiguous',
  )
  hose.close()
})
