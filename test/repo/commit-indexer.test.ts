// The commit indexer seam: a registered indexer runs inside the transaction
// of every commit writing a collection it wants (so its rows move with the
// repo or not at all), and commits it does not want never reach it.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { CommitIndexer } from '../../src/repo/commit-indexer.js'
import type { PreparedWrite } from '../../src/repo/prepare.js'
import { prepareWrite } from '../../src/repo/prepare.js'
import { RepoService } from '../../src/repo/repo-service.js'
import { SigningKeyCache } from '../../src/repo/signing-key-cache.js'
import { SigningKeyVault } from '../../src/repo/signing-key-vault.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loggedInAccount, type TestAccount } from './helpers.js'

const WANTED = 'com.example.indexed'

let t: TestServer
let alice: TestAccount

before(async () => {
  t = await startTestServer()
  await addDomain(t, 'indexer.test')
  alice = await loggedInAccount(t, 'alice.indexer.test')
})
after(() => t?.close())

/** An indexer that records its calls, and fails when told to. */
function recordingIndexer() {
  const calls: { inTransaction: boolean; did: string; paths: string[] }[] = []
  const state = { fail: false }
  const indexer: CommitIndexer = {
    wants: (collection) => collection === WANTED,
    async index(trx, did, writes: PreparedWrite[]) {
      calls.push({ inTransaction: trx.db.isTransaction, did, paths: writes.map((w) => `${w.collection}/${w.rkey}`) })
      if (state.fail) throw new Error('indexer failed')
    },
  }
  return { indexer, calls, state }
}

function reposWith(indexers: CommitIndexer[]): RepoService {
  return new RepoService({
    storage: t.ctx.storage,
    signingKeys: new SigningKeyCache(new SigningKeyVault(t.ctx.config.keyEncryptionKey)),
    outboxWritten: () => {},
    indexers,
    logger: t.ctx.logger,
  })
}

async function create(repos: RepoService, collection: string, rkey: string) {
  const write = await prepareWrite(
    { action: 'create', collection, rkey, record: { n: 1 } },
    { lexicons: t.ctx.lexicons, maxRecordBytes: t.ctx.config.limits.recordBytes },
  )
  return repos.applyWrites(await t.ctx.accounts.mustLocate(alice.did), [write])
}

async function recordExists(collection: string, rkey: string): Promise<boolean> {
  const res = await fetch(
    `${t.url}/xrpc/com.atproto.repo.getRecord?repo=${alice.did}&collection=${collection}&rkey=${rkey}`,
  )
  await res.arrayBuffer()
  return res.status === 200
}

test('a registered indexer indexes, in the commit transaction, every commit writing a collection it wants', async () => {
  const { indexer, calls } = recordingIndexer()
  const repos = reposWith([indexer])
  await create(repos, 'com.example.plain', 'one')
  assert.deepEqual(calls, [], 'a commit of no wanted collection does not reach the indexer')
  await create(repos, WANTED, 'two')
  assert.deepEqual(calls, [{ inTransaction: true, did: alice.did, paths: [`${WANTED}/two`] }])
})

test("an indexer's failure undoes the commit: the index and the repo move together", async () => {
  const { indexer, state } = recordingIndexer()
  const repos = reposWith([indexer])
  state.fail = true
  await assert.rejects(create(repos, WANTED, 'three'), /indexer failed/)
  assert.equal(await recordExists(WANTED, 'three'), false)
  // Nothing of the failed commit stayed: the same create now succeeds.
  state.fail = false
  await create(repos, WANTED, 'three')
  assert.equal(await recordExists(WANTED, 'three'), true)
})
