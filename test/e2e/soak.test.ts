// A bounded soak on loopback: writers (create, put, delete, applyWrites),
// readers and firehose followers run for about a minute while the server is
// killed with SIGKILL three times and restarted on the same database. Then:
// every acknowledged write is in its repo, and on the firehose exactly once;
// seqs are contiguous with no gap or duplicate, for a replay and for the
// followers across restarts; a write cut by a kill is all there or not at
// all; and every repo's CAR verifies against its account's key.
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { verifyRepoCar } from '@atproto/repo'
import { type ChildPds, childPds, createAccounts } from '../helpers/child-pds.js'
import { COLLECTION, type Generation, readLoop, Servers, Writer, xrpcCall } from './soak-clients.js'
import { Follower } from './soak-follower.js'

/** When the server is killed, in ms after the load starts (the schedule, not a wait for anything). */
const KILLS_AT = [12_000, 27_000, 42_000]
/** A server lives at least this long, so each one takes writes before it is killed. */
const MIN_LIFE_MS = 4000
const LOAD_MS = 55_000
const WRITERS_PER_ACCOUNT = 2
const READERS = 2
const FOLLOWERS = 3
/** Bound on each wait of the final checks. */
const CHECK_MS = 30_000

let pds: ChildPds | undefined
after(() => pds?.dispose())

/** A small seeded PRNG (mulberry32): a failing run can be replayed with its seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const sleepUntil = (at: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())))

test('SIGKILL three times under load: nothing acknowledged is lost or doubled, every repo verifies', async (t) => {
  const seed = Number(process.env.SOAK_SEED ?? Date.now() % 1_000_000)
  t.diagnostic(`seed ${seed}`)
  const random = prng(seed)
  pds = await childPds()
  const servers = new Servers(pds)
  let gen: Generation = await servers.start()
  const accounts = await createAccounts(gen.url, pds.adminKey, {
    'soak-one.test': ['ada', 'bob', 'cyd'],
    'soak-two.test': ['dee', 'eve', 'flo'],
  })
  const writers = accounts.flatMap((a, i) =>
    Array.from({ length: WRITERS_PER_ACCOUNT }, (_, j) => new Writer(servers, a, i * WRITERS_PER_ACCOUNT + j, random)),
  )
  const followers = Array.from({ length: FOLLOWERS }, () => new Follower(servers))
  const following = followers.map((f) => f.run())
  let stopped = false
  const writing = writers.map((w) => w.run(() => stopped))
  const reading = Array.from({ length: READERS }, () => readLoop(servers, writers, random, () => stopped))

  const started = Date.now()
  let born = started
  for (const at of KILLS_AT) {
    await sleepUntil(Math.max(started + at, born + MIN_LIFE_MS))
    await servers.kill()
    gen = await servers.start()
    born = Date.now()
  }
  await sleepUntil(started + LOAD_MS)
  stopped = true
  await Promise.all(writing)
  const reads = (await Promise.all(reading)).reduce((a, b) => a + b, 0)
  const acked = writers.flatMap((w) => w.acked)
  const applied = writers.reduce((n, w) => n + w.unknownApplied, 0)
  const notApplied = writers.reduce((n, w) => n + w.unknownNotApplied, 0)
  t.diagnostic(
    `${acked.length} acknowledged commits; cut by a kill: ${applied} applied, ${notApplied} not; ${reads} reads`,
  )
  assert.ok(acked.length > 100, 'the writers got through')

  // A replay from the start holds every acknowledged commit exactly once, at contiguous seqs.
  const replay = new Follower(servers)
  const replaying = replay.run()
  const deadline = Date.now() + CHECK_MS
  await replay.until(() => acked.every((c) => replay.commits.has(c)), deadline, 'replay of every acknowledged commit')
  const head = Math.max(replay.last, ...followers.map((f) => f.last))
  for (const f of [replay, ...followers]) await f.until(() => f.last >= head, deadline, `seq ${head}`)
  for (const f of [replay, ...followers]) f.stop()
  await Promise.all([replaying, ...following])
  assert.deepEqual(replay.problems, [], 'the replay is contiguous from 1')
  assert.deepEqual([...replay.frames.keys()], range(1, replay.last), 'replayed seqs are 1..head')
  for (const c of acked) assert.equal(replay.commits.get(c), 1, `${c} is on the firehose exactly once`)
  followers.forEach((f, i) => {
    assert.deepEqual(f.problems, [], `follower ${i}: no gap, duplicate or unexpected close across restarts`)
    assert.deepEqual([...f.frames.keys()], range(1, f.last), `follower ${i}: seqs 1..${f.last}`)
    for (const [seq, raw] of f.frames) {
      assert.ok(Buffer.from(raw).equals(Buffer.from(replay.frames.get(seq) as Uint8Array)), `follower ${i}: seq ${seq}`)
    }
    assert.ok(f.connections >= 1 + KILLS_AT.length, `follower ${i} followed every server`)
  })
  t.diagnostic(`head seq ${head}; followers reconnected ${followers.map((f) => f.connections - 1).join(', ')} times`)

  // Every repo verifies against its account's key and holds exactly what its writers know of.
  for (const account of accounts) {
    const res = await fetch(`${gen.url}/xrpc/com.atproto.sync.getRepo?did=${account.did}`)
    assert.equal(res.status, 200)
    const verified = await verifyRepoCar(new Uint8Array(await res.arrayBuffer()), account.did, account.signingKey)
    const inCar = verified.creates.map((c) => `${c.collection}/${c.rkey} ${c.cid}`).sort()
    const listed = (await listAll(gen.url, account.did)).sort()
    assert.deepEqual(inCar, listed, `${account.handle}: the CAR and listRecords agree`)
    const expected = writers
      .filter((w) => w.account === account)
      .flatMap((w) => [...w.state].map(([rkey, s]) => `${COLLECTION}/${rkey} ${s.cid}`))
      .sort()
    assert.deepEqual(listed, expected, `${account.handle}: every acknowledged write, and nothing else`)
    const latest = await xrpcCall(gen.url, 'com.atproto.sync.getLatestCommit', { params: { did: account.did } })
    const revs = [...replay.commits.keys()].filter((c) => c.startsWith(`${account.did} `)).map((c) => c.split(' ')[1])
    assert.equal(latest.body.rev, revs.at(-1), `${account.handle}: the firehose ends at the repo's latest commit`)
    assert.deepEqual(revs, [...revs].sort(), `${account.handle}: commits on the firehose in rev order`)
  }

  // And the last server still stops gracefully.
  await gen.proc.kill('SIGTERM')
  assert.equal(gen.proc.child.exitCode, 0)
})

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

/** Every record of the repo, as "collection/rkey cid", through listRecords pages. */
async function listAll(url: string, did: string): Promise<string[]> {
  const described = await xrpcCall(url, 'com.atproto.repo.describeRepo', { params: { repo: did } })
  const out: string[] = []
  for (const collection of described.body.collections as string[]) {
    let cursor: string | undefined
    do {
      const params: Record<string, string> = { repo: did, collection, limit: '100', ...(cursor ? { cursor } : {}) }
      const page = await xrpcCall(url, 'com.atproto.repo.listRecords', { params })
      assert.equal(page.status, 200)
      for (const r of page.body.records as { uri: string; cid: string }[]) {
        out.push(`${collection}/${r.uri.split('/').pop()} ${r.cid}`)
      }
      cursor = (page.body.records as unknown[]).length > 0 ? (page.body.cursor as string | undefined) : undefined
    } while (cursor)
  }
  return out
}
