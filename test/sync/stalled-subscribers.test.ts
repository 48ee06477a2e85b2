// 100 clients, none logged in, that open a stream at cursor=0 over events of
// about 1 MB and never read: the server (a child process, so its RSS is its
// own) stays within a bounded amount of memory for them, and other requests
// are still answered meanwhile. Each stream kind is measured on a fresh
// process, so replays come from the database, as after any restart.
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { after, before, test } from 'node:test'
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
let proc: ServerProcess | undefined

before(async () => {
  pds = await childPds({ firehose: { maxSubscribersPerIp: 1000 } })
  const first = await pds.start()
  ;[ada] = (await createAccounts(first.url, pds.adminKey, { 'stall.test': ['ada'] })) as [ChildAccount]
  for (let i = 0; i < RECORDS; i++) {
    const res = await xrpc(first.url, 'com.atproto.repo.createRecord', {
      auth: ada.accessJwt,
      body: { repo: ada.did, collection: 'com.example.big', record: { i, filler: 'x'.repeat(1_000_000) } },
    })
    assert.equal(res.status, 200, JSON.stringify(res.body))
    rkey = (res.body.uri as string).split('/').pop() as string
  }
  await first.kill('SIGTERM')
})
after(async () => {
  await proc?.kill('SIGKILL')
  await pds?.dispose()
})

function rssMb(pid: number): number {
  const kb = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1])
  return kb / 1024
}

const KINDS: [string, (host: string) => string][] = [
  ['subscribeRepos', upgrade('/xrpc/com.atproto.sync.subscribeRepos?cursor=0')],
  ['/subscribe over WebSocket', upgrade('/subscribe?cursor=0')],
  ['/subscribe as Server-Sent Events', sseGet('/subscribe?cursor=0')],
]

for (const [kind, request] of KINDS) {
  test(`${STALLED} stalled ${kind} clients at cursor=0 over 1 MB events pin under ${RSS_GROWTH_BOUND_MB} MB`, async (t) => {
    proc = await pds.start()
    const server = proc
    const pid = server.child.pid as number
    const getRecord = () =>
      xrpc(server.url, 'com.atproto.repo.getRecord', {
        params: { repo: ada.did, collection: 'com.example.big', rkey },
      })
    assert.equal((await getRecord()).status, 200)
    const baseline = rssMb(pid)
    const sockets = await Promise.all(Array.from({ length: STALLED }, () => stalledClient(server.url, request)))
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
      assert.ok(peak - baseline < RSS_GROWTH_BOUND_MB, `RSS grew ${(peak - baseline).toFixed(0)} MB`)
    } finally {
      clearInterval(sampler)
      for (const s of sockets) s.destroy()
      await server.kill('SIGKILL')
    }
  })
}
