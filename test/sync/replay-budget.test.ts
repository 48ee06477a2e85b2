// Replays read the database in pages of bounded bytes, and every replay's
// pages together stay within one budget: a page waits for room, in order,
// and a subscriber that goes away stops waiting.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { ByteBudget } from '../../src/lib/byte-budget.js'
import { EventTail } from '../../src/sync/event-tail.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loggedInAccount } from '../repo/helpers.js'
import { writeFiller } from './helpers.js'

const settled = async (p: Promise<unknown>) => {
  let done = false
  void p.then(
    () => (done = true),
    () => (done = true),
  )
  // Everything already resolvable has resolved once the macrotask queue turns.
  await new Promise((resolve) => setImmediate(resolve))
  return done
}

test('a lease waits for room, in order; a request larger than the budget waits until nothing is held', async () => {
  const budget = new ByteBudget(100)
  const never = new AbortController().signal
  const a = await budget.acquire(60, never)
  const b = budget.acquire(60, never)
  const c = budget.acquire(10, never)
  assert.equal(await settled(b), false, 'no room for b')
  assert.equal(await settled(c), false, 'c fits, but waits behind b')
  a.release()
  const [leaseB, leaseC] = await Promise.all([b, c])
  assert.equal(budget.held, 70)
  const huge = budget.acquire(500, never)
  assert.equal(await settled(huge), false)
  leaseB.release()
  assert.equal(await settled(huge), false)
  leaseC.release()
  ;(await huge).release()
  assert.equal(budget.held, 0)
})

test('a lease is handed on in parts and given back once; an aborted wait lets the next one in', async () => {
  const budget = new ByteBudget(100)
  const lease = await budget.acquire(100, new AbortController().signal)
  const part = lease.take(30)
  lease.release()
  lease.release()
  assert.equal(budget.held, 30)
  const quitting = new AbortController()
  const blocked = budget.acquire(100, quitting.signal)
  const next = budget.acquire(50, new AbortController().signal)
  quitting.abort(new Error('gone'))
  await assert.rejects(blocked, /gone/)
  ;(await next).release()
  part.release()
  assert.equal(budget.held, 0)
})

let t: TestServer
before(async () => {
  t = await startTestServer()
  await addDomain(t, 'pages.test')
  const ann = await loggedInAccount(t, 'ann.pages.test')
  await writeFiller(ann, { commits: 6, chars: 100_000 })
})
after(() => t?.close())

test('a database page holds at most pageBytes of frames (one frame at least), and its bytes in the budget', async () => {
  const tail = new EventTail(t.ctx.storage, t.ctx.logger, 60_000, {
    ringSize: 1,
    ringBytes: 0,
    replayPageBytes: 250_000,
    replayMemoryBytes: 250_000,
  })
  const never = new AbortController().signal
  let after = 0
  let pages = 0
  for (;;) {
    const page = await tail.readPage(after, never)
    if (page.frames.length === 0) break
    const bytes = page.frames.reduce((n, f) => n + f.frame.byteLength, 0)
    assert.ok(page.frames.length === 1 || bytes <= 250_000, `a page of ${page.frames.length} frames, ${bytes} bytes`)
    assert.equal(tail.replayBudget.held, bytes)
    // A second page waits for the first one's bytes.
    const next = tail.readPage((page.frames.at(-1) as { seq: number }).seq, never)
    assert.equal(await settled(next), false)
    after = (page.frames.at(-1) as { seq: number }).seq
    page.lease.release()
    ;(await next).lease.release()
    pages++
  }
  assert.ok(pages >= 3, `${pages} pages`)
  const { frames, more } = await tail.readAfter(0, 1)
  assert.equal(frames.length, 1, 'a page takes one frame whatever its size')
  assert.ok(more)
})

test('the ring holds at most ringBytes of events, the newest whatever its size; older ones come from the database', () => {
  const tail = new EventTail(t.ctx.storage, t.ctx.logger, 60_000, {
    ringSize: 1000,
    ringBytes: 250_000,
    replayPageBytes: 1024,
    replayMemoryBytes: 1024,
  })
  const frame = (seq: number, bytes: number) => ({ seq, timeUs: seq, frame: new Uint8Array(bytes), host: null })
  tail.take([1, 2, 3, 4, 5].map((seq) => frame(seq, 100_000)))
  assert.equal(tail.framesAfter(2, 100), undefined, 'event 3 is no longer in memory')
  assert.deepEqual(
    tail.framesAfter(3, 100)?.map((f) => f.seq),
    [4, 5],
  )
  tail.take([frame(6, 1_000_000)])
  assert.deepEqual(
    tail.framesAfter(5, 100)?.map((f) => f.seq),
    [6],
  )
  assert.equal(tail.framesAfter(4, 100), undefined)
})
