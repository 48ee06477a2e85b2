// Crash safety of the sequencer: events committed to an outbox but not yet
// sequenced when the sequencer died appear exactly once after a restart, also
// when the crash fell between writing the firehose and clearing the outbox.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type AppContext, closeAppContext, createAppContext } from '../../src/context.js'
import { type PdsServer, startServer } from '../../src/http/server.js'
import { messageFrame } from '../../src/sync/frames.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loggedInAccount, post } from '../repo/helpers.js'
import { FirehoseClient } from './helpers.js'

let t: TestServer
let restarted: { ctx: AppContext; server: PdsServer } | undefined

before(async () => {
  t = await startTestServer()
  await addDomain(t, 'crash.test')
})
after(async () => {
  await restarted?.server.close()
  if (restarted) await closeAppContext(restarted.ctx)
  await t?.close()
})

test('outbox rows left by a dead sequencer are sequenced exactly once after restart', async () => {
  const ivy = await loggedInAccount(t, 'ivy.crash.test')
  await t.ctx.sequencer.idle()
  // The sequencer dies: writes still commit, with their events in the outbox.
  await t.ctx.sequencer.stop()
  const revs: string[] = []
  for (let i = 0; i < 4; i++) {
    const res = await ivy.agent.com.atproto.repo.createRecord({
      repo: ivy.did,
      collection: 'app.bsky.feed.post',
      record: post(`${i}`),
    })
    revs.push(res.data.commit?.rev as string)
  }
  // And it died between the two databases on the first of them: in the firehose, still in the outbox.
  const domain = await t.ctx.registry.getDomain('crash.test')
  const source = domain?.db_name as string
  const pending = await t.ctx.storage.withTenant(source, (db) =>
    db.selectFrom('outbox').select(['id', 'did', 'kind', 'event']).orderBy('id').execute(),
  )
  assert.equal(pending.length, 4)
  const first = pending[0] as (typeof pending)[number]
  const head = t.ctx.tail.head
  const time = new Date().toISOString()
  await t.ctx.storage.management
    .insertInto('firehose_event')
    .values({
      seq: String(head + 1),
      did: first.did,
      kind: first.kind,
      time,
      frame: messageFrame(first.kind, first.event, head + 1, time),
      source,
      outbox_id: String(first.id),
    })
    .execute()

  // A new process starts on the same databases and takes over.
  const ctx = await createAppContext(t.ctx.config, { logger: t.ctx.logger })
  restarted = { ctx, server: await startServer(ctx, 0, '127.0.0.1') }
  await ctx.sequencer.idle()
  const hose = new FirehoseClient(`http://127.0.0.1:${restarted.server.port}`, 0)
  await hose.until((f) => f.some((x) => x.body.rev === revs[3]), 'the last write')
  const commits = hose.messages().filter((f) => f.header.t === '#commit' && f.body.repo === ivy.did)
  for (const rev of revs) assert.equal(commits.filter((f) => f.body.rev === rev).length, 1, `${rev} exactly once`)
  const seqs = hose.messages().map((f) => f.body.seq as number)
  assert.deepEqual(
    seqs,
    Array.from({ length: seqs.length }, (_, i) => i + 1),
    'no gap, no duplicate',
  )
  const left = await t.ctx.storage.withTenant(source, (db) => db.selectFrom('outbox').select('id').execute())
  assert.deepEqual(left, [], 'the outbox is drained')
  hose.close()
})
