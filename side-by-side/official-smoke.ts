// Smoke run of the official PDS as the bench drives it (XRPC and WebSocket only), plus a rough
// measure of its write throughput and CPU per write on this machine.
// Run from the repo root: node --import tsx side-by-side/official-smoke.ts [--dev-mode]
import assert from 'node:assert/strict'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import * as dagCbor from '@ipld/dag-cbor'
import { decodeFirst } from 'cborg'
import WebSocket from 'ws'
import { type OfficialPds, startOfficial } from './official.js'

type Session = { did: string; handle: string; accessJwt: string }
type Usage = { cpuMs: number; rssMb: number }

const CLK_TCK = 100 // USER_HZ, fixed at 100 on Linux for /proc/<pid>/stat
const WRITES = 200
const WRITERS = 16
const FIREHOSE_TIMEOUT_MS = 30_000

function usage(pid: number): Usage {
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const ticks = Number(fields[11]) + Number(fields[12])
  const rssKb = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1])
  return { cpuMs: (ticks * 1000) / CLK_TCK, rssMb: rssKb / 1024 }
}

async function xrpc(pds: OfficialPds, nsid: string, opts: { jwt?: string; query?: object; body?: object } = {}) {
  const url = new URL(`/xrpc/${nsid}`, pds.url)
  for (const [k, v] of Object.entries(opts.query ?? {})) url.searchParams.set(k, String(v))
  const res = await fetch(url, {
    method: opts.body ? 'POST' : 'GET',
    headers: {
      ...(opts.jwt ? { authorization: `Bearer ${opts.jwt}` } : {}),
      ...(opts.body ? { 'content-type': 'application/json' } : {}),
    },
    body: opts.body ? JSON.stringify(opts.body) : undefined,
  })
  if (!res.ok) throw new Error(`${nsid}: HTTP ${res.status} ${await res.text()}`)
  return res
}

let posts = 0
async function createPost(pds: OfficialPds, s: Session) {
  const record = { $type: 'app.bsky.feed.post', text: `post ${posts++}`, createdAt: new Date().toISOString() }
  const res = await xrpc(pds, 'com.atproto.repo.createRecord', {
    jwt: s.accessJwt,
    body: { repo: s.did, collection: 'app.bsky.feed.post', record },
  })
  return { record, ...((await res.json()) as { uri: string; cid: string; commit: { cid: string } }) }
}

/** The root CID from a CAR's header: a varint length, then DAG-CBOR {version: 1, roots}. */
function carRoot(car: Uint8Array): string {
  let len = 0
  let at = 0
  for (let shift = 0; ; shift += 7) {
    const byte = car[at++]
    len |= (byte & 0x7f) << shift
    if (byte < 0x80) break
  }
  const header = dagCbor.decode(car.subarray(at, at + len)) as { version: number; roots: { toString(): string }[] }
  assert.equal(header.version, 1)
  return header.roots[0].toString()
}

/** Counts frame types from subscribeRepos?cursor=0 until `commits` #commit frames arrived. */
async function firehose(pds: OfficialPds, commits: number): Promise<Record<string, number>> {
  const ws = new WebSocket(`${pds.url.replace(/^http/, 'ws')}/xrpc/com.atproto.sync.subscribeRepos?cursor=0`)
  const counts: Record<string, number> = {}
  let lastSeq = 0
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`firehose: ${JSON.stringify(counts)} after timeout`)),
        FIREHOSE_TIMEOUT_MS,
      )
      ws.on('error', reject)
      ws.on('message', (data: Buffer) => {
        const [header, rest] = decodeFirst(new Uint8Array(data), dagCbor.decodeOptions) as [
          { op: number; t?: string },
          Uint8Array,
        ]
        const body = dagCbor.decode(rest) as { seq?: number; error?: string }
        if (header.op !== 1) return reject(new Error(`firehose error frame: ${JSON.stringify(body)}`))
        counts[header.t ?? '?'] = (counts[header.t ?? '?'] ?? 0) + 1
        assert.ok((body.seq ?? 0) > lastSeq, 'seq increases')
        lastSeq = body.seq ?? lastSeq
        if ((counts['#commit'] ?? 0) >= commits) {
          clearTimeout(timer)
          resolve()
        }
      })
    })
  } finally {
    ws.close()
  }
  return counts
}

/** Runs `WRITES` createRecord calls over `sessions`, one writer per session, and times them. */
async function measureWrites(pds: OfficialPds, sessions: Session[]) {
  let next = 0
  const before = usage(pds.pid)
  const started = performance.now()
  await Promise.all(
    sessions.map(async (s) => {
      while (next < WRITES) {
        next++
        await createPost(pds, s)
      }
    }),
  )
  const ms = performance.now() - started
  const after = usage(pds.pid)
  return {
    writers: sessions.length,
    writes: WRITES,
    ms: Math.round(ms),
    writesPerSec: Math.round((WRITES * 1000) / ms),
    cpuMsPerWrite: Number(((after.cpuMs - before.cpuMs) / WRITES).toFixed(1)),
    rssMb: Math.round(after.rssMb),
  }
}

function childrenOf(pid: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8')
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid
      } catch {
        return false // exited while we looked
      }
    })
    .map(Number)
}

const tempDirs = () => readdirSync(tmpdir()).filter((d) => d.startsWith('official-pds-'))
const tempBefore = new Set(tempDirs())
// tsx keeps an esbuild service as a child of ours; only what startOfficial adds must go away.
const childrenBefore = childrenOf(process.pid)
const t0 = performance.now()
const pds = await startOfficial({ domains: 2, devMode: process.argv.includes('--dev-mode') })
try {
  console.log(`official PDS up at ${pds.url} (pid ${pds.pid}) in ${Math.round(performance.now() - t0)} ms`)
  const alice = await pds.createAccount('alice', 0)
  const bob = await pds.createAccount('bob', 1)
  assert.equal(alice.handle, 'alice.d0.test')
  assert.equal(bob.handle, 'bob.d1.test')

  const post = await createPost(pds, bob)
  const got = (await (
    await xrpc(pds, 'com.atproto.repo.getRecord', {
      query: { repo: bob.did, collection: 'app.bsky.feed.post', rkey: post.uri.split('/').pop() as string },
    })
  ).json()) as { uri: string; cid: string; value: unknown }
  assert.deepEqual(
    { uri: got.uri, cid: got.cid, value: got.value },
    { uri: post.uri, cid: post.cid, value: post.record },
  )
  const list = (await (
    await xrpc(pds, 'com.atproto.repo.listRecords', {
      query: { repo: bob.did, collection: 'app.bsky.feed.post' },
    })
  ).json()) as { records: { uri: string }[] }
  assert.deepEqual(
    list.records.map((r) => r.uri),
    [post.uri],
  )
  const repo = await xrpc(pds, 'com.atproto.sync.getRepo', { query: { did: bob.did } })
  assert.equal(repo.headers.get('content-type'), 'application/vnd.ipld.car')
  assert.equal(carRoot(new Uint8Array(await repo.arrayBuffer())), post.commit.cid)
  console.log('createRecord, getRecord, listRecords, sync.getRepo: ok')

  const sequential = await measureWrites(pds, [alice])
  const writers: Session[] = []
  for (let i = 0; i < WRITERS; i++) writers.push(await pds.createAccount(`writer${i}`, i % 2))
  const concurrent = await measureWrites(pds, writers)
  console.table([sequential, concurrent])

  // One #commit per account creation (its empty repo) and one per record written.
  const accounts = 2 + WRITERS
  const counts = await firehose(pds, accounts + posts)
  assert.equal(counts['#commit'], accounts + posts)
  console.log(`subscribeRepos?cursor=0: ${JSON.stringify(counts)}`)
} finally {
  await pds.close()
}
assert.ok(!existsSync(`/proc/${pds.pid}`), 'the PDS child has exited')
assert.deepEqual(childrenOf(process.pid), childrenBefore, 'no child processes left')
assert.deepEqual(
  tempDirs().filter((d) => !tempBefore.has(d)),
  [],
  'temp data dir removed',
)
await assert.rejects(fetch(`${pds.url}/xrpc/_health`), 'nothing listens on the PDS port')
console.log(`closed cleanly; total ${Math.round(performance.now() - t0)} ms`)
