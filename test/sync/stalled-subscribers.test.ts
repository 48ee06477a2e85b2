// 100 clients, none logged in, that open a stream at cursor=0 over events of
// about 1 MB and never read: the server (a child process, so its RSS is its
// own) stays within a bounded amount of memory for them, and other requests
// are still answered meanwhile. First on the process that wrote the events
// (the JSON stream replays them from memory), then each stream kind on a
// fresh process, so replays come from the database, as after any restart.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, type TestContext, test } from 'node:test'
import { type ChildAccount, type ChildPds, childPds, createAccounts } from '../helpers/child-pds.js'
import type { ServerProcess } from '../helpers/process.js'
import { xrpc } from '../helpers/xrpc.js'
import { sseGet, stalledClient, upgrade } from './stalled-client.js'

const RECORDS = 16
const STALLED = 100
/** How long the stalled clients are held open while RSS is sampled (a measurement window, not a wait for anything). */
const WINDOW_MS = 8000
/** The bound the README states for 100 stalled subscribers at the default limits. */
const RSS_GROWTH_BOUND_MB = 160

let pds: ChildPds
let ada: ChildAccount
let rkey: string
/** The process that wrote the events; the first test's, which stops it. */
let first: ServerProcess
let proc: ServerProcess | undefined

before(async () => {
  pds = await childPds({ firehose: { maxSubscribersPerIp: 1000 } })
  first = await pds.start()
  ;[ada] = (await createAccounts(first.url, pds.adminKey, { 'stall.test': ['ada'] })) as [ChildAccount]
  for (let i = 0; i < RECORDS; i++) {
    const res = await xrpc(first.url, 'com.atproto.repo.createRecord', {
      auth: ada.accessJwt,
      body: { repo: ada.did, collection: 'com.example.big', record: { i, filler: 'x'.repeat(1_000_000) } },
    })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    rkey = (res.body.uri as string).split('/').pop() as string
  }
})
after(async () => {
  await first?.kill('SIGKILL')
  await proc?.kill('SIGKILL')
  await pds?.dispose()
})

function rssMb(pid: number): number {
  const kb = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1])
  return kb / 1024
}

/** Opens the stalled clients (each made by one of `requests`, in turn) and samples RSS meanwhile; resolves with the growth. */
async function stallAndMeasure(t: TestContext, server: ServerProcess, requests: ((host: string) => string)[]) {
  const pid = server.child.pid as number
  const getRecord = () =>
    xrpc(server.url, 'com.atproto.repo.getRecord', { params: { repo: ada.did, collection: 'com.example.big', rkey } })
  assert.equal((await getRecord()).status, 200)
  const baseline = rssMb(pid)
  const sockets = await Promise.all(
    Array.from({ length: STALLED }, (_, i) => stalledClient(server.url, requests[i % requests.length] as Request)),
  )
  let peak = baseline
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid))
  }, 50)
  try {
    const started = performance.now()
    const res = await getRecord()
    const latency = performance.now() - started
    assert.equal(res.status, 200, 'another client is answered while the stalled ones are open')
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS))
    peak = Math.max(peak, rssMb(pid))
    t.diagnostic(
      `RSS ${baseline.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB (+${(peak - baseline).toFixed(0)} MB); ` +
        `getRecord took ${latency.toFixed(0)} ms meanwhile`,
    )
    return peak - baseline
  } finally {
    clearInterval(sampler)
    for (const s of sockets) s.destroy()
  }
}

type Request = (host: string) => string
const REPOS = upgrade('/xrpc/com.atproto.sync.subscribeRepos?cursor=0')
const JSON_WS = upgrade('/subscribe?cursor=0')
const JSON_SSE = sseGet('/subscribe?cursor=0')

test(`${STALLED} stalled /subscribe clients (WebSocket and SSE) replaying from memory pin under ${RSS_GROWTH_BOUND_MB} MB`, async (t) => {
  try {
    const growth = await stallAndMeasure(t, first, [JSON_WS, JSON_SSE])
    assert.ok(growth < RSS_GROWTH_BOUND_MB, `RSS grew ${growth.toFixed(0)} MB`)
  } finally {
    await first.kill('SIGKILL')
  }
})

const KINDS: [string, Request][] = [
  ['subscribeRepos', REPOS],
  ['/subscribe over WebSocket', JSON_WS],
  ['/subscribe as Server-Sent Events', JSON_SSE],
]

for (const [kind, request] of KINDS) {
  test(`${STALLED} stalled ${kind} clients replaying from the database pin under ${RSS_GROWTH_BOUND_MB} MB`, async (t) => {
    proc = await pds.start()
    try {
      const growth = await stallAndMeasure(t, proc, [request])
      assert.ok(growth < RSS_GROWTH_BOUND_MB, `RSS grew ${growth.toFixed(0)} MB`)
    } finally {
      await proc.kill('SIGKILL')
    }
  })
}
