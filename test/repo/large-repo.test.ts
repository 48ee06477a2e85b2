// A 10,000-record repo: one more write reads only the few MST nodes on its
// path (counted), and getRepo streams the repo page by page.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { verifyRepoCar } from '@atproto/repo'
import { prepareWrite } from '../../src/repo/prepare.js'
import { CAR_PAGE_BLOCKS } from '../../src/repo/repo-reads.js'
import { RepoService } from '../../src/repo/repo-service.js'
import { SigningKeyCache } from '../../src/repo/signing-key-cache.js'
import { SigningKeyVault } from '../../src/repo/signing-key-vault.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loggedInAccount, type TestAccount } from './helpers.js'

const RECORDS = 10_000
let t: TestServer
let big: TestAccount

before(async () => {
  t = await startTestServer()
  await addDomain(t, 'large.test')
  big = await loggedInAccount(t, 'big.large.test')
  for (let batch = 0; batch < RECORDS / 200; batch++) {
    await big.agent.com.atproto.repo.applyWrites({
      repo: big.did,
      writes: Array.from({ length: 200 }, (_, i) => ({
        $type: 'com.atproto.repo.applyWrites#create' as const,
        collection: 'com.example.item',
        rkey: `item${String(batch * 200 + i).padStart(6, '0')}`,
        value: { n: batch * 200 + i, note: 'some words to give the record a realistic size' },
      })),
    })
  }
})
after(() => t?.close())

async function blocksReadByOneWrite(repos: RepoService, rkey: string): Promise<number> {
  const write = await prepareWrite(
    { action: 'create', collection: 'com.example.item', rkey, record: { n: -1 } },
    { lexicons: t.ctx.lexicons, maxRecordBytes: t.ctx.config.limits.recordBytes },
  )
  const located = await t.ctx.accounts.mustLocate(big.did)
  const commit = await repos.applyWrites(located, [write])
  return commit?.blocksRead ?? Number.NaN
}

/** A repo service with no shared block cache: every block a write needs comes from the database. */
function uncachedRepos(): RepoService {
  return new RepoService({
    storage: t.ctx.storage,
    signingKeys: new SigningKeyCache(new SigningKeyVault(t.ctx.config.keyEncryptionKey)),
    outboxWritten: () => {},
    // com.example.item is no indexer's collection.
    indexers: [],
    logger: t.ctx.logger,
  })
}

test('a write to a 10,000-record repo reads a bounded number of blocks', async (tc) => {
  const repos = uncachedRepos()
  for (const rkey of ['aaaa-first', 'item005000x', 'zzzz-last']) {
    const read = await blocksReadByOneWrite(repos, rkey)
    tc.diagnostic(`write of ${rkey} read ${read} blocks`)
    // The commit, plus the MST nodes on the path and its neighbours: a few
    // dozen at most, against ~13,000 blocks in the repo.
    assert.ok(read > 0 && read <= 40, `${rkey}: read ${read} blocks`)
  }
})

test('with the shared block cache, a write next to the last one reads no blocks', async () => {
  await blocksReadByOneWrite(t.ctx.repos, 'zzzz-last2')
  assert.equal(await blocksReadByOneWrite(t.ctx.repos, 'zzzz-last3'), 0)
})

test('getRepo streams a 10,000-record repo in pages, and it verifies', async () => {
  const pagesBefore = t.ctx.repoReads.carPagesRead
  const res = await fetch(`${t.url}/xrpc/com.atproto.sync.getRepo?did=${big.did}`)
  assert.equal(res.status, 200)
  // Streamed: no Content-Length, the body arrives chunk by chunk.
  assert.equal(res.headers.get('content-length'), null)
  assert.equal(res.headers.get('content-type'), 'application/vnd.ipld.car')
  const chunks: Uint8Array[] = []
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk)
  assert.ok(chunks.length > 1, `${chunks.length} chunks`)
  const verified = await verifyRepoCar(Buffer.concat(chunks), big.did, big.signingKey)
  assert.equal(verified.creates.length, RECORDS + 5)
  const pages = t.ctx.repoReads.carPagesRead - pagesBefore
  assert.ok(
    pages >= Math.ceil(RECORDS / (2 * CAR_PAGE_BLOCKS)),
    `read in ${pages} pages of at most ${2 * CAR_PAGE_BLOCKS}`,
  )
})
