// getRepo's CAR, read a range of CIDs at a time, pinned byte for byte to the
// CAR built the way it was before ranges: one keyset page of 500 blocks after
// another, each block's CID parsed and written by carSections. Whole repos,
// `since` exports, and an export whose blocks a later commit drops (kept by
// the removed-block grace period).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { parseCid } from '@atproto/lex-data'
import { readCarWithRoot, verifyRepoCar } from '@atproto/repo'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { carHeader, carSections, carSectionsOfStored } from '../../src/repo/car-pages.js'
import { CAR_PAGE_BLOCKS, cidRangeEnds } from '../../src/repo/repo-reads.js'
import type { RepoLocation } from '../../src/repo/repo-service.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { carBytes, loggedInAccount, type TestAccount } from './helpers.js'

const BATCHES = 12
let t: TestServer
let alice: TestAccount
let located: RepoLocation
/** The repo's rev after each batch of 200 records. */
const revs: string[] = []

before(async () => {
  t = await startTestServer()
  await addDomain(t, 'export.test')
  alice = await loggedInAccount(t, 'alice.export.test')
  for (let batch = 0; batch < BATCHES; batch++) {
    const res = await alice.agent.com.atproto.repo.applyWrites({
      repo: alice.did,
      writes: Array.from({ length: 200 }, (_, i) => ({
        $type: 'com.atproto.repo.applyWrites#create' as const,
        collection: 'com.example.item',
        rkey: `item${String(batch * 200 + i).padStart(5, '0')}`,
        value: { n: batch * 200 + i },
      })),
    })
    revs.push(res.data.commit?.rev as string)
  }
  located = await t.ctx.accounts.mustLocate(alice.did)
})
after(() => t?.close())

/** The CAR as exportCar built it before ranges, as of the root `root`. */
async function carTheOldWay(root: { cid: string; rev: string }, since?: string): Promise<Buffer> {
  const parts: Buffer[] = [carHeader(parseCid(root.cid))]
  let after: string | undefined
  for (;;) {
    const page = await t.ctx.storage.read(located.db_name, (r) =>
      r.repo.blockPage(alice.did, { rootRev: root.rev, since, after, limit: 500 }),
    )
    parts.push(carSections(page.map((row) => ({ cid: parseCid(row.cid), bytes: row.content }))))
    if (page.length < 500) return Buffer.concat(parts)
    after = page[page.length - 1]?.cid
  }
}

async function getRepo(query: string): Promise<Buffer> {
  return Buffer.from(await carBytes(await fetch(`${t.url}/xrpc/com.atproto.sync.getRepo?did=${alice.did}${query}`)))
}

async function readAll(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = []
  for await (const chunk of stream) chunks.push(chunk)
  return Buffer.concat(chunks)
}

test('the whole repo: the same bytes as before, read in ranges of about CAR_PAGE_BLOCKS blocks', async () => {
  const root = await t.ctx.repoReads.root(located)
  const pagesBefore = t.ctx.repoReads.carPagesRead
  const car = await getRepo('')
  const pages = t.ctx.repoReads.carPagesRead - pagesBefore
  assert.ok(car.equals(await carTheOldWay(root)), 'byte-identical to the keyset export')
  const verified = await verifyRepoCar(car, alice.did, alice.signingKey)
  assert.equal(verified.creates.length, BATCHES * 200)
  const { blocks } = await t.ctx.repoReads.status(located)
  assert.ok(blocks > 2 * CAR_PAGE_BLOCKS, `${blocks} blocks make several ranges`)
  assert.equal(pages, Math.ceil(blocks / CAR_PAGE_BLOCKS), 'one read per range: no range overflowed its limit')
})

test('since: the same bytes as before, for an export of one range and of several', async () => {
  const root = await t.ctx.repoReads.root(located)
  for (const [since, ranges] of [
    [revs[BATCHES - 2] as string, 1],
    [revs[1] as string, 3],
  ] as const) {
    const pagesBefore = t.ctx.repoReads.carPagesRead
    const car = await getRepo(`&since=${since}`)
    assert.equal(t.ctx.repoReads.carPagesRead - pagesBefore, ranges, `since ${since}: ${ranges} ranges`)
    assert.ok(car.equals(await carTheOldWay(root, since)), `since ${since}: byte-identical`)
    const { root: carRoot, blocks } = await readCarWithRoot(car)
    assert.equal(carRoot.toString(), root.cid)
    assert.ok(blocks.size > 0)
  }
})

test('blocks a commit drops during an export are still sent, and the CAR verifies at its root', async () => {
  const root = await t.ctx.repoReads.root(located)
  const stream = await t.ctx.repoReads.exportCar(located)
  // Deletes across the repo: their records, the MST nodes above them and the old commit are dropped.
  await alice.agent.com.atproto.repo.applyWrites({
    repo: alice.did,
    writes: Array.from({ length: 50 }, (_, i) => ({
      $type: 'com.atproto.repo.applyWrites#delete' as const,
      collection: 'com.example.item',
      rkey: `item${String(i * 47).padStart(5, '0')}`,
    })),
  })
  // The export's commit is among the blocks dropped: only the grace period keeps it.
  assert.notEqual((await t.ctx.repoReads.root(located)).rev, root.rev)
  const car = await readAll(stream)
  assert.ok(car.equals(await carTheOldWay(root)), 'byte-identical to the keyset export at the same root')
  const verified = await verifyRepoCar(car, alice.did, alice.signingKey)
  assert.equal(verified.commit.rev, root.rev)
  assert.equal(verified.creates.length, BATCHES * 200)
})

test('stored CIDs are written as parsing them writes them, base32 or not', async () => {
  const digest = await sha256.digest(Uint8Array.of(1, 2, 3))
  const blocks = [
    { cid: CID.createV1(0x71, digest).toString(), content: Uint8Array.of(1, 2, 3) },
    { cid: CID.createV0(digest).toString(), content: new Uint8Array(200).fill(7) },
    { cid: CID.createV1(0x55, digest).toString(), content: new Uint8Array(0) },
  ]
  assert.deepEqual(
    blocks.map((b) => b.cid.slice(0, 4)),
    ['bafy', `Qm${blocks[1]?.cid.slice(2, 4)}`, 'bafk'],
  )
  const parsed = blocks.map((b) => ({ cid: parseCid(b.cid), bytes: b.content }))
  assert.ok(carSectionsOfStored(blocks).equals(carSections(parsed)))
})

test('range ends rise in the order the database sorts CIDs, and split the digests evenly', () => {
  assert.deepEqual(cidRangeEnds(1), [])
  const ends = cidRangeEnds(64)
  assert.equal(ends.length, 63)
  assert.deepEqual([...ends].sort(), ends, 'ascending in code point order')
  assert.equal(new Set(ends).size, ends.length)
  assert.equal(ends[31], 'bafyreie22', 'the middle of the digests: third bit set, the rest clear')
})
