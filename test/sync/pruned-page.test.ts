// Retention may prune the rows of a replay page between sizing them and
// reading them (the wait for the replay budget comes in between): the bytes
// held for rows that were not read are given back, not kept for good.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { Lease } from '../../src/lib/byte-budget.js'
import { EventTail } from '../../src/sync/event-tail.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loggedInAccount } from '../repo/helpers.js'
import { writeFiller } from './helpers.js'

let t: TestServer
before(async () => {
  t = await startTestServer()
  await addDomain(t, 'pruned.test')
  const ann = await loggedInAccount(t, 'ann.pruned.test')
  await writeFiller(ann, { commits: 4, chars: 10_000, collection: 'com.example.note' })
})
after(() => t?.close())

/** A tail whose budget, once it grants a page, lets `prune` delete rows before the page is read. */
function tailPruningAfterGrant(prune: () => Promise<unknown>): EventTail {
  const tail = new EventTail(t.ctx.storage, t.ctx.logger, 60_000, {
    ringSize: 1,
    ringBytes: 0,
    replayPageBytes: 1024 * 1024,
    replayMemoryBytes: 1024 * 1024,
  })
  const budget = tail.replayBudget
  const acquire = budget.acquire.bind(budget)
  budget.acquire = async (bytes: number, signal: AbortSignal): Promise<Lease> => {
    const lease = await acquire(bytes, signal)
    await prune()
    return lease
  }
  return tail
}

test('a page whose rows are pruned while it waits for the budget gives their bytes back', async () => {
  const db = t.ctx.storage.management
  const rows = await db.selectFrom('firehose_event').select('seq').orderBy('seq').execute()
  assert.ok(rows.length >= 5, `${rows.length} events`)
  const never = new AbortController().signal
  const middle = String(rows[2]?.seq)

  // Part of the page pruned: the lease holds the bytes of the frames read, no more.
  const partly = tailPruningAfterGrant(() => db.deleteFrom('firehose_event').where('seq', '<=', middle).execute())
  const page = await partly.readPage(0, never)
  const read = page.frames.reduce((n, f) => n + f.frame.byteLength, 0)
  assert.ok(page.frames.length > 0 && page.frames.every((f) => f.seq > Number(middle)))
  assert.equal(partly.replayBudget.held, read)
  page.lease.release()
  assert.equal(partly.replayBudget.held, 0)

  // The whole page pruned: nothing read, nothing held.
  const wholly = tailPruningAfterGrant(() => db.deleteFrom('firehose_event').execute())
  const empty = await wholly.readPage(0, never)
  assert.equal(empty.frames.length, 0)
  assert.equal(wholly.replayBudget.held, 0, 'no bytes held for rows that were never read')
})
