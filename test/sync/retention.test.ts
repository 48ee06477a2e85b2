// Retention: old events are pruned; a cursor older than what is kept gets
// #info OutdatedCursor and then everything from the oldest kept event.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loggedInAccount, post } from '../repo/helpers.js'
import { FirehoseClient } from './helpers.js'

let t: TestServer

before(async () => {
  t = await startTestServer({ config: { firehose: { retentionEvents: 5 } } })
  await addDomain(t, 'keep.test')
})
after(() => t?.close())

test('a cursor older than retention gets OutdatedCursor, then the oldest kept events', async () => {
  const eve = await loggedInAccount(t, 'eve.keep.test')
  let lastRev = ''
  for (let i = 0; i < 10; i++) {
    const res = await eve.agent.com.atproto.repo.createRecord({
      repo: eve.did,
      collection: 'app.bsky.feed.post',
      record: post(`${i}`),
    })
    lastRev = res.data.commit?.rev as string
  }
  await t.ctx.sequencer.idle()
  await t.ctx.sequencer.sweep()
  const head = t.ctx.tail.head
  const replay = new FirehoseClient(t.url, 1)
  await replay.until((f) => f.some((x) => x.body.rev === lastRev), 'the latest write')
  assert.equal(replay.frames[0]?.header.t, '#info')
  assert.equal(replay.frames[0]?.body.name, 'OutdatedCursor')
  const seqs = replay.messages().map((f) => f.body.seq as number)
  assert.deepEqual(seqs, [head - 4, head - 3, head - 2, head - 1, head], 'the five kept events, in order')
  replay.close()
})
