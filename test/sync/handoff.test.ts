// A commit's outbox row handed straight to the sequencer after it commits:
// sequenced without reading it back, yet exactly once and in its repo's
// order, also when a read of the outbox took it first, and when another
// process's commit (whose signal has not come) is still in the outbox before it.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { createLogger } from '../../src/lib/logger.js'
import { prepareWrite } from '../../src/repo/prepare.js'
import { RepoService } from '../../src/repo/repo-service.js'
import { SigningKeyCache } from '../../src/repo/signing-key-cache.js'
import { SigningKeyVault } from '../../src/repo/signing-key-vault.js'
import { outbox } from '../../src/sync/outbox.js'
import type { HandedCommitRow } from '../../src/sync/sequencer.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loggedInAccount, post, type TestAccount } from '../repo/helpers.js'
import { FirehoseClient } from './helpers.js'

let t: TestServer
let ann: TestAccount
let source: string
const errors: string[] = []

before(async () => {
  // Every error the server logs is kept: a row sequenced twice fails its batch, and says so.
  const logger = createLogger('error', {
    write: (line: string) => {
      errors.push(line)
    },
  })
  t = await startTestServer({ logger })
  await t.ctx.domains.add({ domain: 'handoff.test' })
  ann = await loggedInAccount(t, 'ann.handoff.test')
  source = (await t.ctx.registry.getDomain('handoff.test'))?.db_name as string
  await t.ctx.sequencer.idle()
})
after(() => t?.close())

const write = async (text: string) =>
  prepareWrite(
    { action: 'create', collection: 'app.bsky.feed.post', record: post(text) },
    { lexicons: t.ctx.lexicons, maxRecordBytes: t.ctx.config.limits.recordBytes },
  )

/** Writes as another process would: the commit is stored, and no signal reaches this sequencer. */
function otherProcess(handoff?: (row: HandedCommitRow | undefined) => void): RepoService {
  return new RepoService({
    storage: t.ctx.storage,
    signingKeys: new SigningKeyCache(new SigningKeyVault(t.ctx.config.keyEncryptionKey)),
    outboxWritten: () => {},
    outboxHandoff: handoff && (() => handoff),
    indexers: [],
    logger: t.ctx.logger,
  })
}

/** The revs of ann's commits on the stream from `cursor` until `last` is there. */
async function commitRevs(cursor: number, last: string): Promise<string[]> {
  const hose = new FirehoseClient(t.url, cursor)
  try {
    await hose.until((f) => f.some((x) => x.body.rev === last), `rev ${last}`)
    return hose
      .messages()
      .filter((f) => f.header.t === '#commit' && f.body.repo === ann.did)
      .map((f) => f.body.rev as string)
  } finally {
    hose.close()
  }
}

test('a row handed over after a read already sequenced it is not sequenced again', async () => {
  const located = await t.ctx.accounts.mustLocate(ann.did)
  const cursor = t.ctx.tail.head
  const hand = t.ctx.sequencer.expectHandoff(source)
  let row: HandedCommitRow | undefined
  const early = await otherProcess((r) => {
    row = r
  }).applyWrites(located, [await write('read first')])
  assert.ok(row, 'the commit was stored')
  // A sweep reads the outbox and sequences the row before its writer hands it over.
  await t.ctx.sequencer.runOnce()
  hand(row)
  const later = await t.ctx.repos.applyWrites(located, [await write('handed')])
  const revs = await commitRevs(cursor, later?.rev as string)
  assert.deepEqual(revs, [early?.rev, later?.rev], 'each commit once, in order')
  await t.ctx.sequencer.idle()
  assert.deepEqual(errors, [], 'no batch failed')
})

test("a handed commit waits for its repo's earlier commit still in the outbox", async () => {
  const located = await t.ctx.accounts.mustLocate(ann.did)
  const cursor = t.ctx.tail.head
  // Another process commits; its signal is lost (or late), so the row waits in the outbox.
  const theirs = await otherProcess().applyWrites(located, [await write('theirs')])
  // This process's next commit follows it and is handed over at once.
  const ours = await t.ctx.repos.applyWrites(located, [await write('ours')])
  const revs = await commitRevs(cursor, ours?.rev as string)
  assert.deepEqual(revs, [theirs?.rev, ours?.rev], 'in the order committed')
  await t.ctx.sequencer.idle()
  assert.deepEqual(errors, [], 'no batch failed')
})

test("a handed commit waits for another process's event of its account still in the outbox", async () => {
  const located = await t.ctx.accounts.mustLocate(ann.did)
  const cursor = t.ctx.tail.head
  // Another process tells of a handle change; its signal has not come.
  await t.ctx.storage.transact(source, (tx) => outbox.identity(tx, ann.did, ann.handle))
  const ours = await t.ctx.repos.applyWrites(located, [await write('after the identity event')])
  const hose = new FirehoseClient(t.url, cursor)
  try {
    await hose.until((f) => f.some((x) => x.body.rev === ours?.rev), 'the commit')
    const kinds = hose
      .messages()
      .filter((f) => (f.body.repo ?? f.body.did) === ann.did)
      .map((f) => f.header.t)
    assert.deepEqual(kinds, ['#identity', '#commit'], 'the identity event first, as written')
  } finally {
    hose.close()
  }
  await t.ctx.sequencer.idle()
  assert.deepEqual(errors, [], 'no batch failed')
})

test('concurrent writes to many repos are each sequenced once, every repo in rev order', async () => {
  const accounts = [ann, await loggedInAccount(t, 'bob.handoff.test'), await loggedInAccount(t, 'cyd.handoff.test')]
  const cursor = t.ctx.tail.head
  const revs = new Map<string, string[]>(accounts.map((a) => [a.did, []]))
  await Promise.all(
    accounts.flatMap((a) =>
      Array.from({ length: 4 }, async () => {
        for (let i = 0; i < 5; i++) {
          const res = await a.agent.com.atproto.repo.createRecord({
            repo: a.did,
            collection: 'app.bsky.feed.post',
            record: post(`${i}`),
          })
          revs.get(a.did)?.push(res.data.commit?.rev as string)
        }
      }),
    ),
  )
  await t.ctx.sequencer.idle()
  const hose = new FirehoseClient(t.url, cursor)
  try {
    const total = accounts.length * 20
    await hose.until((f) => f.filter((x) => x.header.t === '#commit').length >= total, `${total} commits`)
    const commits = hose.messages().filter((f) => f.header.t === '#commit')
    for (const a of accounts) {
      const seen = commits.filter((f) => f.body.repo === a.did).map((f) => f.body.rev as string)
      assert.deepEqual(seen, [...(revs.get(a.did) ?? [])].sort(), `${a.handle}: every commit once, in rev order`)
    }
  } finally {
    hose.close()
  }
  assert.deepEqual(errors, [], 'no batch failed')
})
