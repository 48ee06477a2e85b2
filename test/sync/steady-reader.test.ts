// A subscriber that reads slowly but steadily through a replay reads each
// page from the database about once: it does not wake for every frame that
// leaves its socket, and keeps its page through the short waits in between,
// instead of letting it go and reading it again for the next frame.
import assert from 'node:assert/strict'
import { EventEmitter } from 'node:events'
import { test } from 'node:test'
import { TailFollower } from '../../src/http/streams/tail-follower.js'
import { ByteBudget, type Lease } from '../../src/lib/byte-budget.js'
import type { EventTail, ReplayPage, SequencedFrame } from '../../src/sync/event-tail.js'

const EVENTS = 5000
const FRAME_BYTES = 1000
const PAGE_FRAMES = 500

/** A tail of EVENTS small frames, none in memory, that counts its database pages. */
class CountingTail extends EventEmitter {
  head = EVENTS
  pagesRead = 0
  readonly replayBudget = new ByteBudget(32 * 1024 * 1024)
  framesAfter(seq: number) {
    return seq >= this.head ? [] : undefined
  }
  async readPage(seq: number, signal: AbortSignal): Promise<ReplayPage> {
    this.pagesRead++
    const frames: SequencedFrame[] = []
    for (let s = seq + 1; s <= Math.min(this.head, seq + PAGE_FRAMES); s++) {
      frames.push({ seq: s, timeUs: s, frame: new Uint8Array(FRAME_BYTES), host: null })
    }
    const lease = await this.replayBudget.acquire(frames.length * FRAME_BYTES, signal)
    return { frames, lease }
  }
}

/** Hands each frame to a queue the test's reader flushes, one frame at a time. */
class QueuedFollower extends TailFollower {
  readonly queue: (() => void)[] = []
  run(): Promise<void> {
    return this.follow()
  }
  get delivered(): number {
    return this.sent
  }
  protected deliver(f: SequencedFrame, lease: Lease | undefined): Promise<void> {
    return this.sendBuffered(
      f.frame.byteLength,
      (flushed) => this.queue.push(flushed),
      () => lease?.release(),
    )
  }
  protected dropTooSlow(): void {}
  protected failed(): void {}
}

test('a slow but steady reader reads each replay page about once, not once per frame', async () => {
  const tail = new CountingTail()
  const limits = { maxBufferedBytes: 16 * 1024, maxLagEvents: 10 * EVENTS, stallTimeoutMs: 600_000, maxSubscribers: 1 }
  const follower = new QueuedFollower(tail as unknown as EventTail, limits, () => {})
  // The reader takes one frame each turn of the event loop: slow, never stalled.
  let reading = true
  const read = () => {
    follower.queue.shift()?.()
    if (reading) setImmediate(read)
  }
  setImmediate(read)
  try {
    await follower.run()
  } finally {
    reading = false
    follower.stop()
  }
  assert.equal(follower.delivered, EVENTS)
  const pages = EVENTS / PAGE_FRAMES
  assert.ok(tail.pagesRead <= 2 * pages, `${tail.pagesRead} pages read for ${pages} pages of events`)
  assert.equal(tail.replayBudget.held, 0)
})
