// /subscribe replays served from the in-memory ring are held to the replay
// budget too: past what the shared JSON cache keeps, each stream's events are
// copies of its own, and many stalled streams would each hold a full buffer
// of them outside the bound.
import assert from 'node:assert/strict'
import type net from 'node:net'
import { after, before, test } from 'node:test'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loggedInAccount } from '../repo/helpers.js'
import { writeFiller } from './helpers.js'
import { stalledClient, upgrade } from './stalled-client.js'

const RECORD_CHARS = 20_000
const PER_COMMIT = 10
const STREAMS = 6
const REPLAY_MEMORY = 1024 * 1024

let t: TestServer
before(async () => {
  t = await startTestServer({
    config: {
      firehose: {
        maxBufferedBytes: 512 * 1024,
        stallTimeoutMs: 600_000,
        replayPageBytes: 256 * 1024,
        replayMemoryBytes: REPLAY_MEMORY,
        jsonCacheBytes: 0,
      },
      rateLimits: { accountWrites: { points: 0 } },
    },
  })
  await addDomain(t, 'ringreplay.test')
  const kim = await loggedInAccount(t, 'kim.ringreplay.test')
  // About 12 MB in commits of 10 records: more than the kernel's buffers on both ends take, all in the ring.
  await writeFiller(kim, { commits: 60, chars: RECORD_CHARS, perCommit: PER_COMMIT })
})
after(() => t?.close())

type StreamState = { inFlight: number; stalled: boolean }

test('stalled JSON replays from the ring hold no more than the replay budget among them', async () => {
  assert.ok(t.ctx.tail.framesAfter(0, 1), 'the whole history is in the ring')
  const sockets: net.Socket[] = []
  try {
    for (let i = 0; i < STREAMS; i++) sockets.push(await stalledClient(t.url, upgrade('/subscribe?cursor=0')))
    // Private state, read as it is: what each stream has handed its socket and not seen flushed.
    const streams = () => [...(t.ctx.jetstream as unknown as { streams: Iterable<StreamState> }).streams]
    const budget = t.ctx.tail.replayBudget
    // Every stream is either held back by its full socket or waiting for room in the budget.
    const deadline = Date.now() + 60_000
    for (;;) {
      const all = streams()
      const stalled = all.filter((s) => s.stalled).length
      if (all.length === STREAMS && stalled + budget.waiting >= STREAMS) break
      assert.ok(Date.now() < deadline, `${all.length} streams, ${stalled} stalled, ${budget.waiting} waiting`)
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    const unsent = streams().reduce((n, s) => n + s.inFlight, 0)
    // A frame's JSON is drawn as its events are sent, and may come to a little more than the frame.
    const frame = PER_COMMIT * RECORD_CHARS
    assert.ok(unsent <= REPLAY_MEMORY + 2 * frame, `${unsent} bytes held unsent by ${STREAMS} stalled streams`)
    assert.ok(budget.held <= REPLAY_MEMORY + 2 * frame, `the replay budget holds ${budget.held} bytes`)
  } finally {
    for (const s of sockets) s.destroy()
  }
})
