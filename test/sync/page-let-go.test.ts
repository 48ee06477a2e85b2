// A /subscribe replay whose socket fills in the middle of a commit's events
// and stays full soon holds that one frame, not the rest of its page: the
// frames after it are let go (and their share of the replay budget given
// back) and read again once the socket drains.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loggedInAccount } from '../repo/helpers.js'
import { writeFiller } from './helpers.js'
import { stalledClient, upgrade } from './stalled-client.js'

const RECORD_CHARS = 20_000
const PER_COMMIT = 10

let t: TestServer
before(async () => {
  t = await startTestServer({
    config: {
      firehose: { maxBufferedBytes: 65_536, stallTimeoutMs: 600_000, ringSize: 1, replayPageBytes: 4 * 1024 * 1024 },
      rateLimits: { accountWrites: { points: 0 } },
    },
  })
  await addDomain(t, 'letgo.test')
  const kim = await loggedInAccount(t, 'kim.letgo.test')
  // About 12 MB in commits of 10 records: more than the kernel's buffers on both ends take.
  await writeFiller(kim, { commits: 60, chars: RECORD_CHARS, perCommit: PER_COMMIT })
})
after(() => t?.close())

test('a stalled JSON replay holds one frame of its page, not the page', async () => {
  const socket = await stalledClient(t.url, upgrade('/subscribe?cursor=0'))
  try {
    const deadline = Date.now() + 30_000
    while (t.ctx.jetstream.subscriberCount === 0) {
      assert.ok(Date.now() < deadline, 'the stream did not open within 30 s')
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    // Resolves once the stream is held back by its own full socket (it cannot take 12 MB).
    await t.ctx.jetstream.deliveredUpTo(t.ctx.tail.head)
    assert.equal(t.ctx.jetstream.subscriberCount, 1, 'the stream is stalled, not gone')
    const frame = PER_COMMIT * RECORD_CHARS
    // One frame and the JSON not yet flushed (the socket's limit and one event over it); a page would be 4 MiB.
    // The page is kept through a short wait for the socket, so this one is let go after a moment.
    const letGo = Date.now() + 10_000
    let held = t.ctx.tail.replayBudget.held
    while (held >= 3 * frame + 65_536 && Date.now() < letGo) {
      await new Promise((resolve) => setTimeout(resolve, 20))
      held = t.ctx.tail.replayBudget.held
    }
    assert.ok(held < 3 * frame + 65_536, `the replay budget holds ${held} bytes`)
  } finally {
    socket.destroy()
  }
})
