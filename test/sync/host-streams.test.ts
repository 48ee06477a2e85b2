// Each PDS host has a firehose of its own on the one global seq: a
// subscriber whose Host header names a domain's host gets that host's events
// only, the service host's subscriber the others', and the two together are
// every seq exactly once. A cursor replay of a host's stream from the
// database reads that host's rows only. listRepos answers per host too. A
// paced host's subscriber gets its events no faster than the pace, all of
// them, and is not dropped for the lag the pace makes.
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { getWithHost } from '../helpers/xrpc.js'
import { loggedInAccount, post, type TestAccount } from '../repo/helpers.js'
import { FirehoseClient, type Frame } from './helpers.js'

const HOST_A = 'pds-a.test'

/** The DID a frame is about (#commit and #sync name it `repo`, the others `did`). */
function didOf(f: Frame): string {
  return String(f.body.repo ?? f.body.did)
}

function seqsOf(client: FirehoseClient): number[] {
  return client.messages().map((f) => f.body.seq as number)
}

/** Puts `domain` and these accounts on `host`, as the switch of a domain's host leaves them. */
async function moveToHost(t: TestServer, domain: string, host: string, dids: string[]): Promise<void> {
  await t.ctx.registry.setPdsHostname(domain, host)
  for (const did of dids) assert.ok(await t.ctx.registry.setHomeHost(did, domain, host))
  t.ctx.pdsHosts.forget()
}

/** `promise`, or a rejection after `ms`. */
async function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, late])
  } finally {
    clearTimeout(timer)
  }
}

async function write(account: TestAccount, n: number, text: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    await account.agent.com.atproto.repo.createRecord({
      repo: account.did,
      collection: 'app.bsky.feed.post',
      record: post(`${text} ${i}`),
    })
  }
}

describe('per-host streams', () => {
  let t: TestServer
  let port: string
  let alphaDids: string[]
  let ann: TestAccount
  let bob: TestAccount

  before(async () => {
    // A ring of a few events: replays come from the database, not memory.
    t = await startTestServer({ config: { firehose: { ringSize: 3 } } })
    port = new URL(t.url).port
    const alpha = await addDomain(t, 'alpha.test')
    await addDomain(t, 'beta.test')
    ann = await loggedInAccount(t, 'ann.alpha.test')
    bob = await loggedInAccount(t, 'bob.beta.test')
    alphaDids = [alpha.owner.did, ann.did]
    // Written before the move: these stay on the service host's stream.
    await write(ann, 2, 'before')
    await moveToHost(t, 'alpha.test', HOST_A, alphaDids)
  })
  after(() => t?.close())

  test("a host's subscriber gets its host's events, the service host's the others', together every seq once", async () => {
    const a = new FirehoseClient(t.url, 0, { host: `${HOST_A}:${port}` })
    const service = new FirehoseClient(t.url, 0)
    await Promise.all([a.opened(), service.opened()])
    // Live writes on both hosts while both replay and follow.
    for (let i = 0; i < 4; i++) {
      await write(ann, 1, `a ${i}`)
      await write(bob, 1, `b ${i}`)
    }
    // Every write sequenced (the outbox drains on its own schedule), then read by this process's tail.
    await t.ctx.sequencer.idle()
    const head = await t.ctx.tail.catchUp()
    const stored = await t.ctx.storage.managementReader.firehose.framesThrough(0, String(head))
    const onA = stored.filter((r) => r.host === HOST_A).map((r) => Number(r.seq))
    const onService = stored.filter((r) => r.host === null).map((r) => Number(r.seq))
    assert.ok(onA.length >= 4 && onService.length >= 4, 'events on both hosts')
    await a.until(() => seqsOf(a).includes(onA.at(-1) as number), "every one of the host's events")
    await service.until(() => seqsOf(service).includes(onService.at(-1) as number), "the service host's events")

    assert.deepEqual(seqsOf(a), onA)
    assert.deepEqual(seqsOf(service), onService)
    for (const f of a.messages()) assert.ok(alphaDids.includes(didOf(f)), `${f.header.t} of ${didOf(f)} on ${HOST_A}`)
    // After the move, none of alpha's events reach the service host's stream.
    const moved = onA[0] as number
    for (const f of service.messages().filter((f) => (f.body.seq as number) > moved)) {
      assert.ok(!alphaDids.includes(didOf(f)), `${f.header.t} of ${didOf(f)} on the service host`)
    }
    const union = [...seqsOf(a), ...seqsOf(service)].sort((x, y) => x - y)
    assert.deepEqual(
      union,
      Array.from({ length: head }, (_, i) => i + 1),
      'the two streams together are 1..head, each seq once',
    )
    a.close()
    service.close()
  })

  test("a cursor replay of a host's stream reads that host's rows from the database, after the cursor", async () => {
    const head = await t.ctx.tail.catchUp()
    const stored = await t.ctx.storage.managementReader.firehose.framesThrough(0, String(head))
    const onA = stored.filter((r) => r.host === HOST_A).map((r) => Number(r.seq))
    const cursor = onA[1] as number
    // Every page the replay reads, and the host it asked for.
    const firehose = t.ctx.storage.managementReader.firehose
    const scopes: unknown[] = []
    const sizes = firehose.frameSizesAfter.bind(firehose)
    firehose.frameSizesAfter = (seq, limit, scope) => {
      scopes.push(scope)
      return sizes(seq, limit, scope)
    }
    try {
      const a = new FirehoseClient(t.url, cursor, { host: `${HOST_A}:${port}` })
      await a.until(() => seqsOf(a).includes(onA.at(-1) as number), 'the replay to reach the last of the host')
      assert.deepEqual(
        seqsOf(a),
        onA.filter((s) => s > cursor),
      )
      assert.ok(
        scopes.some((s) => (s as { host?: unknown } | undefined)?.host === HOST_A),
        `the pages were read for ${HOST_A}: ${JSON.stringify(scopes)}`,
      )
      a.close()
    } finally {
      firehose.frameSizesAfter = sizes
    }
  })

  test("a host's stream answers a cursor past the global head with FutureCursor", async () => {
    const a = new FirehoseClient(t.url, t.ctx.tail.head + 1000, { host: `${HOST_A}:${port}` })
    await a.until((f) => f.length > 0, 'an error frame')
    assert.equal(a.frames[0]?.header.op, -1)
    assert.equal(a.frames[0]?.body.error, 'FutureCursor')
  })

  test('listRepos lists the repos on the host asked', async () => {
    const list = async (host?: string) => {
      const res = await getWithHost(t.url, '/xrpc/com.atproto.sync.listRepos?limit=100', host ?? `127.0.0.1:${port}`)
      assert.equal(res.status, 200, res.body)
      return (JSON.parse(res.body).repos as { did: string }[]).map((r) => r.did).sort()
    }
    assert.deepEqual(await list(`${HOST_A}:${port}`), [...alphaDids].sort())
    const onService = await list()
    assert.ok(onService.includes(bob.did))
    for (const did of alphaDids) assert.ok(!onService.includes(did), `${did} is not on the service host`)
    // Any of our repos is still served by name, whichever host is asked.
    const status = await getWithHost(t.url, `/xrpc/com.atproto.sync.getRepoStatus?did=${ann.did}`, `127.0.0.1:${port}`)
    assert.equal(status.status, 200, status.body)
  })
})

// From the ring (the default) and from the database (a ring of three events: the subscriber soon falls behind it).
for (const ringSize of [undefined, 3]) {
  describe(`a paced host, ${ringSize ? 'replayed from the database' : 'served from memory'}`, () => {
    const PACE = 2
    const EVENTS = 10
    let t: TestServer
    let port: string
    let ann: TestAccount
    let bob: TestAccount

    before(async () => {
      // One event of lag would drop an unpaced subscriber that fell behind.
      t = await startTestServer({ config: { firehose: { maxLagEvents: 1, ...(ringSize ? { ringSize } : {}) } } })
      port = new URL(t.url).port
      const alpha = await addDomain(t, 'alpha.test')
      await addDomain(t, 'beta.test')
      ann = await loggedInAccount(t, 'ann.alpha.test')
      bob = await loggedInAccount(t, 'bob.beta.test')
      await moveToHost(t, 'alpha.test', HOST_A, [alpha.owner.did, ann.did])
      await t.ctx.registry.setFirehosePace('alpha.test', PACE)
      t.ctx.pdsHosts.forget()
    })
    after(() => t?.close())

    test('its subscriber gets every event, no faster than the pace, and is not dropped for the lag', async () => {
      const a = new FirehoseClient(t.url, undefined, { host: `${HOST_A}:${port}` })
      await a.opened()
      const connected = performance.now()
      // Writes are not slowed: they all land while the subscriber is still far behind, the
      // service host's in between (what it passes over counts in its lag, as its cursor is global).
      await Promise.all(
        Array.from({ length: EVENTS }, async (_, i) => {
          await write(ann, 1, `a ${i}`)
          await write(bob, 1, `b ${i}`)
        }),
      )
      const wrote = performance.now() - connected
      await t.ctx.sequencer.idle()
      const head = await t.ctx.tail.catchUp()
      // However long the writes took, the subscriber had no more than the pace allows by then.
      const received = a.messages().length
      const allowed = PACE + Math.floor((performance.now() - connected) / 1000) * PACE + 1
      assert.ok(
        received <= allowed,
        `${received} of ${EVENTS} events had arrived when the writes ended after ${wrote} ms (at most ${allowed})`,
      )
      await a.until(() => a.messages().length >= EVENTS, 'every event of the host')
      const elapsed = performance.now() - connected
      // A bucket of one second's worth, full at the start: the rest at the pace.
      const floor = ((EVENTS - PACE) / PACE) * 1000
      assert.ok(elapsed >= floor, `${EVENTS} events in ${elapsed} ms, faster than ${PACE}/s allows (${floor} ms)`)
      assert.equal(a.closed, false, 'not dropped')
      assert.ok(
        a.frames.every((f) => f.header.op === 1),
        'no ConsumerTooSlow',
      )
      assert.equal(a.messages().length, EVENTS)
      assert.ok(a.messages().every((f) => didOf(f) === ann.did))
      assert.ok((a.messages().at(-1)?.body.seq as number) <= head)
      const metrics = await t.ctx.metrics.registry.metrics()
      const paced = metrics.match(/^primal_pds_firehose_paced_seconds_total\{host="pds-a\.test:\d+"\} (\S+)$/m)
      assert.ok(paced && Number(paced[1]) > 0, 'time spent paced is counted for the host')
      a.close()
    })

    test('a cursor replay of its stream goes at the pace too, and brings all of it', async () => {
      const head = await t.ctx.tail.catchUp()
      const stored = await t.ctx.storage.managementReader.firehose.framesThrough(0, String(head))
      const onA = stored.filter((r) => r.host === HOST_A).map((r) => Number(r.seq))
      const started = performance.now()
      const a = new FirehoseClient(t.url, 0, { host: `${HOST_A}:${port}` })
      await a.until(() => seqsOf(a).includes(onA.at(-1) as number), "the replay to reach the host's last event")
      const elapsed = performance.now() - started
      assert.deepEqual(seqsOf(a), onA)
      const floor = ((onA.length - PACE) / PACE) * 1000
      assert.ok(elapsed >= floor, `${onA.length} events in ${elapsed} ms, faster than ${PACE}/s allows (${floor} ms)`)
      a.close()
    })
  })
}

describe('a paced host behind retention', () => {
  let t: TestServer
  let port: string
  let ann: TestAccount

  before(async () => {
    // Five events kept and a ring of three: a subscriber held at one event a second soon reads pruned ground.
    t = await startTestServer({ config: { firehose: { retentionEvents: 5, ringSize: 3 } } })
    port = new URL(t.url).port
    const alpha = await addDomain(t, 'alpha.test')
    ann = await loggedInAccount(t, 'ann.alpha.test')
    await moveToHost(t, 'alpha.test', HOST_A, [alpha.owner.did, ann.did])
    await t.ctx.registry.setFirehosePace('alpha.test', 1)
    t.ctx.pdsHosts.forget()
  })
  after(() => t?.close())

  test('its subscriber is dropped with ConsumerTooSlow once events it was not sent are pruned', async () => {
    const a = new FirehoseClient(t.url, undefined, { host: `${HOST_A}:${port}` })
    await a.opened()
    await write(ann, 10, 'a')
    await t.ctx.sequencer.idle()
    await t.ctx.sequencer.sweep()
    // Not dropped, it would wait at its pace for ever: a deadline, not a hang.
    await within(
      15_000,
      a.until(() => a.closed, 'the subscriber to be dropped'),
    )
    const last = a.frames.at(-1)
    assert.equal(last?.header.op, -1)
    assert.equal(last?.body.error, 'ConsumerTooSlow')
    assert.ok(a.messages().length < 10, `${a.messages().length} events were sent before the drop`)
  })
})
