// A relay's checks on a firehose, for tests: each account's repo copied from
// the stream alone, every #commit verified against the copy (signature with
// the account's key, since/prevData chaining, ops equal to the diff), and a
// #sync taken only when it names the state the copy holds. The copies are
// keyed by DID, not by server: a relay following two PDSes keeps one copy of
// an account that moves between them.
import assert from 'node:assert/strict'
import type { Cid } from '@atproto/lex-data'
import { type Commit, MemoryBlockstore, Repo, readCarWithRoot, verifyCommitSig, verifyDiff } from '@atproto/repo'
import * as dagCbor from '@ipld/dag-cbor'
import type { Frame } from './helpers.js'

export type RepoCopy = { store: MemoryBlockstore; repo: Repo; rev: string }

/** Applies one #commit frame to the consumer's copy of the repo, verifying it; throws on any mismatch. */
export async function applyCommit(copies: Map<string, RepoCopy>, frame: Frame, key: string): Promise<void> {
  const body = frame.body as {
    repo: string
    commit: Cid
    rev: string
    since: string | null
    prevData?: Cid
    blocks: Uint8Array
    ops: { action: string; path: string; cid: Cid | null; prev?: Cid }[]
  }
  const car = await readCarWithRoot(body.blocks)
  assert.equal(car.root.toString(), body.commit.toString(), 'the CAR is rooted at the commit')
  const copy = copies.get(body.repo)
  if (copy) {
    assert.equal(body.since, copy.rev, 'since is the previous rev')
    assert.equal(body.prevData?.toString(), copy.repo.commit.data.toString(), 'prevData is the previous MST root')
  } else {
    assert.equal(body.since, null, 'the first commit of a repo has no since')
  }
  const diff = await verifyDiff(copy?.repo ?? null, car.blocks, car.root, body.repo, key)
  // Sync 1.1: a delete has cid null and prev the old CID; an update carries both.
  const fromDiff = diff.writes
    .map((w) => {
      const path = `${w.collection}/${w.rkey}`
      if (w.action === 'delete') return `delete ${path} null prev=${w.cid}`
      return `${w.action} ${path} ${w.cid} prev=${w.action === 'update' ? w.prev : undefined}`
    })
    .sort()
  const fromOps = body.ops.map((o) => `${o.action} ${o.path} ${o.cid} prev=${o.prev}`).sort()
  assert.deepEqual(fromOps, fromDiff, 'the ops are exactly the diff')
  const store = copy?.store ?? new MemoryBlockstore()
  await store.putMany(car.blocks)
  copies.set(body.repo, { store, repo: await Repo.load(store, car.root), rev: body.rev })
}

/**
 * Takes one #sync frame: its CAR holds one signed commit of the account, signed with one of `keys`,
 * whose MST root is the copy's; the copy then goes on from that commit and its rev (the signed
 * one), so the next #commit must chain from them. Returns the key that signed it and whether the
 * event's rev is the commit's, as the spec wants (the official PDS, after importRepo, sends the
 * import's own rev). A #sync naming other data than the copy holds would need a resync from
 * getRepo, which this relay refuses (it throws).
 */
export async function applySync(
  copies: Map<string, RepoCopy>,
  frame: Frame,
  keys: string[],
): Promise<{ signedBy: string; revIsCommitRev: boolean }> {
  const body = frame.body as { did: string; rev: string; blocks: Uint8Array }
  const car = await readCarWithRoot(body.blocks)
  const bytes = car.blocks.get(car.root)
  assert.ok(bytes, 'the #sync CAR holds its root, the commit block')
  const commit = dagCbor.decode(bytes) as Commit
  assert.equal(commit.did, body.did, 'the #sync commit is the account’s')
  let signedBy: string | undefined
  for (const key of keys) {
    if (await verifyCommitSig(commit, key)) {
      signedBy = key
      break
    }
  }
  assert.ok(signedBy, `the #sync commit is signed with one of ${keys.join(', ')}`)
  const copy = copies.get(body.did)
  assert.ok(copy, `a copy of ${body.did} before its #sync`)
  assert.equal(commit.data.toString(), copy.repo.commit.data.toString(), 'the #sync names the data the copy holds')
  await copy.store.putMany(car.blocks)
  copies.set(body.did, { store: copy.store, repo: await Repo.load(copy.store, car.root), rev: commit.rev })
  return { signedBy, revIsCommitRev: body.rev === commit.rev }
}
