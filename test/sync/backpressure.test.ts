// A subscriber that never reads is dropped with ConsumerTooSlow once it falls
// behind, while a normal subscriber gets every event and writers keep their pace.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import { after, before, test } from 'node:test'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loggedInAccount, type TestAccount } from '../repo/helpers.js'
import { FirehoseClient } from './helpers.js'

let t: TestServer
let fay: TestAccount

before(async () => {
  t = await startTestServer({ config: { firehose: { maxBufferedBytes: 65_536, maxLagEvents: 20 } } })
  await addDomain(t, 'slow.test')
  fay = await loggedInAccount(t, 'fay.slow.test')
})
const clients: FirehoseClient[] = []
after(async () => {
  for (const c of clients) c.ws.terminate()
  await t?.close()
})

/** Writes n large posts one after another; returns each write's latency in ms. */
async function writeBatch(n: number, tag: string): Promise<{ latencies: number[]; lastRev: string }> {
  const latencies: number[] = []
  let lastRev = ''
  for (let i = 0; i < n; i++) {
    const started = performance.now()
    const res = await fay.agent.com.atproto.repo.createRecord({
      repo: fay.did,
      collection: 'com.example.blob',
      record: { tag, i, filler: 'x'.repeat(200_000) },
    })
    latencies.push(performance.now() - started)
    lastRev = res.data.commit?.rev as string
  }
  return { latencies, lastRev }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number

test('a subscriber that never reads is dropped; a normal one keeps up; writers do not slow down', async () => {
  const baseline = await writeBatch(15, 'baseline')
  const normal = new FirehoseClient(t.url)
  const stalled = new FirehoseClient(t.url)
  clients.push(normal, stalled)
  await Promise.all([normal.opened(), stalled.opened()])
  // Stop reading from the socket: the kernel buffers fill, then the server's.
  // biome-ignore lint/suspicious/noExplicitAny: the ws client's socket is not part of its typed API
  ;(stalled.ws as any)._socket.pause()
  const dropped = once(t.ctx.firehose, 'dropped')
  const loaded = await writeBatch(60, 'loaded')
  const [behind] = (await dropped) as [number]
  assert.ok(behind > 20, `dropped ${behind} events behind`)
  await normal.until((f) => f.some((x) => x.body.rev === loaded.lastRev), 'the last write')
  const got = normal.messages().filter((f) => f.header.t === '#commit' && (f.body.rev as string) > baseline.lastRev)
  assert.equal(got.length, 60, 'the normal subscriber got every commit')
  assert.equal(t.ctx.firehose.subscriberCount, 1)
  assert.ok(
    median(loaded.latencies) < 2 * median(baseline.latencies) + 50,
    `median write latency ${median(loaded.latencies).toFixed(1)} ms with a stalled subscriber vs ${median(baseline.latencies).toFixed(1)} ms without`,
  )
})
