// Graceful shutdown of a real server process. Sixteen writers, each on its
// own repo, are held with their requests inside the server on repo locks the
// test takes itself (pg_stat_activity shows when all sixteen wait); then
// SIGTERM. The server refuses new connections, lets the sixteen finish,
// sequences them, hands them to a live subscriber before a 1001 close, and
// exits 0; a restart on the same database continues the firehose at the next
// seq. A second signal during shutdown ends the process at once.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import net from 'node:net'
import { after, test } from 'node:test'
import pg from 'pg'
import { type ChildAccount, type ChildPds, childPds, createAccounts } from '../helpers/child-pds.js'
import { urlFor } from '../helpers/postgres.js'
import { startTestServer } from '../helpers/server.js'
import { loggedInAccount } from '../repo/helpers.js'
import { FirehoseClient } from '../sync/helpers.js'
import { JetstreamSseClient, JetstreamWsClient } from '../sync/jetstream-client.js'
import { addDomain } from './tenant-flow.js'

const WRITERS = 16
/** Backends of this database waiting on a lock (the repo's root row, here). */
const LOCK_WAITERS = `select count(*)::int as n from pg_stat_activity
  where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`
let pds: ChildPds | undefined
after(() => pds?.dispose())

type Outcome = { beforeTerm: boolean; status?: number; rev?: string; error?: string }

/** One createRecord; a failure to connect or a cut connection is an outcome too, named by its error code. */
async function createPost(url: string, account: ChildAccount, text: string, beforeTerm: boolean): Promise<Outcome> {
  try {
    const res = await fetch(`${url}/xrpc/com.atproto.repo.createRecord`, {
      method: 'POST',
      headers: { authorization: `Bearer ${account.accessJwt}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        repo: account.did,
        collection: 'app.bsky.feed.post',
        record: { $type: 'app.bsky.feed.post', text, createdAt: new Date().toISOString() },
      }),
    })
    const body = (await res.json()) as { commit?: { rev: string } }
    return { beforeTerm, status: res.status, rev: body.commit?.rev }
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause
    return { beforeTerm, error: cause?.code ?? cause?.message ?? String(err) }
  }
}

/** Resolves with the error code of a fresh TCP connection to `port` (or 'connected'). */
function connectOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => {
      socket.destroy()
      resolve('connected')
    })
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? err.message))
  })
}

/** Polls until `n` backends of `client`'s database wait on a lock, for at most 20 s; then says what the others do. */
async function untilLockWaiters(client: pg.Client, n: number, explain: () => unknown = () => ''): Promise<void> {
  const deadline = Date.now() + 20_000
  for (;;) {
    // The client holds the locks in an open transaction, where pg_stat_activity is read once and then kept.
    await client.query('select pg_stat_clear_snapshot()')
    const { rows } = await client.query<{ n: number }>(LOCK_WAITERS)
    if (rows[0]?.n === n) return
    if (Date.now() > deadline) {
      const activity = await client.query(
        `select datname, state, wait_event_type, wait_event, left(query, 60) as query from pg_stat_activity
          where datname like $1 and pid <> pg_backend_pid()`,
        [`${client.database?.split('_').slice(0, 3).join('_')}%`],
      )
      throw new Error(
        `${rows[0]?.n} waiting, not ${n}: ${JSON.stringify({ activity: activity.rows, also: explain() })}`,
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

test('SIGTERM: requests under way finish, subscribers get every write and a 1001 close, a restart continues', async () => {
  pds = await childPds({ database: { maxConnections: 40, tenantPoolSize: 24 } })
  const first = await pds.start()
  // One account per writer: writes to one repo queue in the server before they reach the database, where the test sees them.
  const names = Array.from({ length: WRITERS }, (_, w) => `writer-${w}`)
  const accounts = await createAccounts(first.url, pds.adminKey, { 'shut.test': names })
  const ann = accounts[0] as ChildAccount
  const port = Number(new URL(first.url).port)
  const hose = new FirehoseClient(first.url)
  await hose.opened()
  const closed = once(hose.ws, 'close') as Promise<[number, Buffer]>
  const exited = once(first.child, 'exit') as Promise<[number | null, string | null]>

  // Writers run freely for a while, then the test locks their repos and each writer's next request waits there.
  const tenant = new pg.Client({ connectionString: urlFor(await pds.tenantDb('shut.test')) })
  // A failing test leaves it connected when the database is dropped: that error is no news.
  tenant.on('error', () => {})
  await tenant.connect()
  const outcomes: Outcome[][] = Array.from({ length: WRITERS }, () => [])
  let termSent = false
  let acked = 0
  let pending = 0
  let lockTaken: Promise<unknown> | undefined
  const writers = outcomes.map(async (mine, w) => {
    for (let i = 0; ; i++) {
      pending++
      const outcome = await createPost(first.url, accounts[w] as ChildAccount, `post ${i}`, !termSent)
      pending--
      mine.push(outcome)
      if (outcome.status !== 200) return
      // The lock is taken between two writes of one writer, so no request is left half-answered by it.
      if (++acked === 3 * WRITERS) {
        lockTaken = (async () => {
          await tenant.query('begin')
          await tenant.query('select 1 from repo_root where did = any($1) for update', [accounts.map((a) => a.did)])
        })()
        await lockTaken
      }
    }
  })
  while (!lockTaken) await new Promise((resolve) => setImmediate(resolve))
  await lockTaken
  await untilLockWaiters(tenant, WRITERS, () => ({ pending, last: outcomes.map((o) => o.at(-1)) }))

  // Every writer has one request inside the server, waiting on its repo's lock.
  termSent = true
  first.child.kill('SIGTERM')
  await first.logged(/"msg":"shutdown: no longer accepting connections"/)
  assert.equal(await connectOutcome(port), 'ECONNREFUSED', 'no new connection once shutdown has begun')
  await tenant.query('commit')
  await tenant.end()
  await Promise.all(writers)
  const [code, signal] = await exited
  assert.equal(signal, null)
  assert.equal(code, 0, 'a graceful shutdown exits 0')

  const all = outcomes.flat()
  const inFlight = all.filter((o) => o.beforeTerm && o.status !== 200)
  assert.deepEqual(inFlight, [], 'every request sent before SIGTERM was answered 200')
  for (const mine of outcomes) {
    const last = mine.at(-1) as Outcome
    // A writer's first request after SIGTERM opens a new connection (the last answer said Connection: close).
    assert.ok(!last.beforeTerm, 'each writer went on until it was refused')
    assert.ok(last.error === 'ECONNREFUSED' || last.status === 503, `refused, not cut: ${JSON.stringify(last)}`)
  }
  const revs = all.filter((o) => o.status === 200).map((o) => o.rev as string)
  assert.ok(revs.length >= 4 * WRITERS, `${revs.length} acknowledged writes`)

  // The subscriber got every acknowledged write, then a close frame saying the server is going away.
  const [closeCode, reason] = await closed
  assert.equal(closeCode, 1001)
  assert.equal(reason.toString(), 'server shutting down')
  const live = hose.messages()
  const liveRevs = new Set(live.filter((f) => f.header.t === '#commit').map((f) => f.body.rev))
  for (const rev of revs) assert.ok(liveRevs.has(rev), `commit ${rev} reached the subscriber before the close`)
  const lastSeq = live.at(-1)?.body.seq as number
  for (const phase of ['requests', 'sequencer', 'deliver', 'streams', 'background']) {
    assert.match(first.stdout(), new RegExp(`"phase":"${phase}","ms":\\d+`), `phase ${phase} is logged with its time`)
  }
  assert.match(first.stdout(), /"msg":"shutdown complete"/)

  // A restart on the same database continues the sequence exactly where it stopped.
  const second = await pds.start()
  const next = await createPost(second.url, ann, 'after the restart', false)
  assert.equal(next.status, 200)
  const replay = new FirehoseClient(second.url, 0)
  await replay.until((frames) => frames.some((f) => f.body.rev === next.rev), 'the write after the restart')
  const frames = replay.messages()
  const seqs = frames.map((f) => f.body.seq as number)
  assert.deepEqual(
    seqs,
    Array.from({ length: seqs.length }, (_, i) => i + 1),
    'contiguous from 1',
  )
  assert.equal(frames.find((f) => f.body.rev === next.rev)?.body.seq, lastSeq + 1, 'the next write is seq last+1')
  const commits = frames.filter((f) => f.header.t === '#commit')
  for (const rev of revs) assert.equal(commits.filter((f) => f.body.rev === rev).length, 1, `${rev} exactly once`)
  replay.close()

  // A second signal while a request holds shutdown up ends the process at once.
  const again = new pg.Client({ connectionString: urlFor(await pds.tenantDb('shut.test')) })
  again.on('error', () => {})
  await again.connect()
  await again.query('begin')
  await again.query('select 1 from repo_root where did = $1 for update', [ann.did])
  const stuck = createPost(second.url, ann, 'held at the second signal', true)
  await untilLockWaiters(again, 1)
  const secondExited = once(second.child, 'exit') as Promise<[number | null, string | null]>
  second.child.kill('SIGTERM')
  await second.logged(/"msg":"shutdown: no longer accepting connections"/)
  second.child.kill('SIGTERM')
  assert.deepEqual(await secondExited, [1, null], 'the second SIGTERM exits 1 at once')
  assert.match(second.stdout(), /"msg":"second signal during shutdown: exiting at once"/)
  assert.ok((await stuck).error, 'the held request was cut')
  await again.query('rollback')
  await again.end()
})

test('close() in process: the JSON stream gets the last write, then WebSocket 1001 and the end of SSE', async () => {
  const t = await startTestServer({ backend: 'postgres' })
  try {
    await addDomain(t, 'calm.test')
    const bea = await loggedInAccount(t, 'bea.calm.test')
    const json = new JetstreamWsClient(t.url)
    await json.opened()
    const jsonClosed = once(json.ws, 'close') as Promise<[number, Buffer]>
    const sse = new JetstreamSseClient(t.url)
    assert.equal((await sse.opened()).status, 200)

    // A write held inside the server (on the repo lock) while close() begins.
    const domain = await t.ctx.registry.activeDomain('calm.test')
    const tenant = new pg.Client({ connectionString: urlFor(domain?.db_name as string) })
    tenant.on('error', () => {})
    await tenant.connect()
    await tenant.query('begin')
    await tenant.query('select 1 from repo_root where did = $1 for update', [bea.did])
    const account = {
      did: bea.did,
      handle: bea.handle,
      accessJwt: bea.agent.session?.accessJwt as string,
      signingKey: '',
    }
    const held = createPost(t.url, account, 'held while closing', true)
    await untilLockWaiters(tenant, 1)
    const closing = t.server.close()
    assert.equal(await connectOutcome(Number(new URL(t.url).port)), 'ECONNREFUSED')
    await tenant.query('commit')
    await tenant.end()
    const answer = await held
    assert.equal(answer.status, 200, JSON.stringify(answer))
    await closing

    const [code, reason] = await jsonClosed
    assert.equal(code, 1001)
    assert.equal(reason.toString(), 'server shutting down')
    assert.ok(
      json.events.some((e) => e.commit?.rev === answer.rev),
      'the WebSocket stream got the write first',
    )
    await sse.until(() => sse.closed, 'the end of the SSE stream')
    assert.ok(sse.closed, 'the SSE stream ended')
    assert.ok(
      sse.events.some((e) => e.commit?.rev === answer.rev),
      'the SSE stream got the write first',
    )
  } finally {
    await t.close()
  }
})
