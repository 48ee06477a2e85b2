// A subscriber whose connection takes nothing for stallTimeoutMs is dropped
// with ConsumerTooSlow however few events it is behind, on both streams; and
// once it is gone, nothing it read from the database still holds the replay
// budget. The ring holds one event, so replays come from the database.
import assert from 'node:assert/strict'
import { type EventEmitter, once } from 'node:events'
import { after, before, test } from 'node:test'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loggedInAccount } from '../repo/helpers.js'
import { writeFiller } from './helpers.js'
import { sseGet, stalledClient, upgrade } from './stalled-client.js'

/** Far longer than stallTimeoutMs: the bound on waiting for what must happen. */
const DEADLINE_MS = 30_000

let t: TestServer

before(async () => {
  t = await startTestServer({
    config: { firehose: { maxBufferedBytes: 65_536, maxLagEvents: 1_000_000, stallTimeoutMs: 1000, ringSize: 1 } },
  })
  await addDomain(t, 'stall.test')
  const fay = await loggedInAccount(t, 'fay.stall.test')
  // About 12 MB: more than the kernel's buffers on both ends of a loopback connection take.
  await writeFiller(fay, { commits: 60, chars: 200_000 })
})
after(() => t?.close())

async function within<T>(pending: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not ${what} within ${DEADLINE_MS} ms`)), DEADLINE_MS)
  })
  try {
    return await Promise.race([pending, late])
  } finally {
    clearTimeout(timer)
  }
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not ${what} within ${DEADLINE_MS} ms`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

const KINDS: [string, () => EventEmitter & { subscriberCount: number }, (host: string) => string][] = [
  ['subscribeRepos', () => t.ctx.firehose, upgrade('/xrpc/com.atproto.sync.subscribeRepos?cursor=0')],
  ['/subscribe over WebSocket', () => t.ctx.jetstream, upgrade('/subscribe?cursor=0')],
  ['/subscribe as Server-Sent Events', () => t.ctx.jetstream, sseGet('/subscribe?cursor=0')],
]

for (const [kind, server, request] of KINDS) {
  test(`a ${kind} client that reads nothing is dropped after stallTimeoutMs, far from maxLagEvents`, async () => {
    const dropped = once(server(), 'dropped')
    const socket = await stalledClient(t.url, request)
    try {
      const [behind] = (await within(dropped, 'dropped')) as [number]
      assert.ok(behind < 1_000_000, `dropped ${behind} events behind`)
      assert.equal(server().subscriberCount, 0)
    } finally {
      socket.destroy()
    }
    await until(() => t.ctx.tail.replayBudget.held === 0, 'the replay budget given back')
  })
}
