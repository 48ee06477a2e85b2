// The JSON stream's limits, as the CBOR firehose's: a stalled subscriber is
// dropped while a normal one gets everything, the subscriber cap, the SSE
// heartbeat; and the migration that gives existing events their time_us.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, test } from 'node:test'
import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import * as m002 from '../../migrations/management/002_firehose.js'
import * as m003 from '../../migrations/management/003_event_time.js'
import { JetstreamServer } from '../../src/http/streams/jetstream-server.js'
import { JetstreamDecoder } from '../../src/sync/jetstream-decoder.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { adminQuery, dropDatabases, uniqueDbName, urlFor } from '../helpers/postgres.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loggedInAccount, type TestAccount } from '../repo/helpers.js'
import { JetstreamSseClient, JetstreamWsClient, subscribeUrl } from './jetstream-client.js'

let t: TestServer
let fay: TestAccount
const clients: { close(): void }[] = []

before(async () => {
  t = await startTestServer({ config: { firehose: { maxBufferedBytes: 65_536, maxLagEvents: 20, maxSubscribers: 3 } } })
  await addDomain(t, 'jet-slow.test')
  fay = await loggedInAccount(t, 'fay.jet-slow.test')
})
after(async () => {
  for (const c of clients) c.close()
  await t?.close()
})

test('a WebSocket subscriber that never reads is dropped; a normal one gets every event', async () => {
  const normal = new JetstreamWsClient(t.url)
  const stalled = new JetstreamWsClient(t.url)
  clients.push(normal, stalled)
  await Promise.all([normal.opened(), stalled.opened()])
  // Stop reading from the socket: the kernel buffers fill, then the server's.
  // biome-ignore lint/suspicious/noExplicitAny: the ws client's socket is not part of its typed API
  ;(stalled.ws as any)._socket.pause()
  const dropped = once(t.ctx.jetstream, 'dropped')
  let lastRev = ''
  for (let i = 0; i < 60; i++) {
    const res = await fay.agent.com.atproto.repo.createRecord({
      repo: fay.did,
      collection: 'com.example.blob',
      record: { i, filler: 'x'.repeat(200_000) },
    })
    lastRev = res.data.commit?.rev as string
  }
  const [behind] = (await dropped) as [number]
  assert.ok(behind > 20, `dropped ${behind} events behind`)
  await normal.until((evs) => evs.some((e) => e.commit?.rev === lastRev), 'the last write')
  assert.equal(normal.events.filter((e) => e.commit?.collection === 'com.example.blob').length, 60)
  assert.equal(t.ctx.jetstream.subscriberCount, 1)
})

test('past maxSubscribers, a new subscriber is refused with 503 over WebSocket and SSE', async () => {
  const more = [new JetstreamWsClient(t.url), new JetstreamSseClient(t.url)]
  clients.push(...more)
  await Promise.all(more.map((c) => c.opened()))
  assert.equal(t.ctx.jetstream.subscriberCount, 3)
  const res = await fetch(subscribeUrl(t.url))
  assert.equal(res.status, 503)
  assert.equal(((await res.json()) as { error: string }).error, 'TooManySubscribers')
  const refused = new JetstreamWsClient(t.url)
  const [, response] = (await once(refused.ws, 'unexpected-response')) as [unknown, http.IncomingMessage]
  assert.equal(response.statusCode, 503)
  refused.close()
})

test('an idle SSE stream sends heartbeat comments', async () => {
  const jetstream = new JetstreamServer(
    t.ctx.tail,
    new JetstreamDecoder(10, t.ctx.logger),
    t.ctx.config.firehose,
    t.ctx.logger,
    20,
  )
  const server = http.createServer((req, res) => jetstream.serveSse(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const c = new JetstreamSseClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)
  await c.until(() => c.comments.length >= 2, 'two heartbeats')
  assert.deepEqual(c.comments.slice(0, 2), ['heartbeat', 'heartbeat'])
  assert.equal(c.events.length, 0)
  c.close()
  jetstream.close()
  await new Promise((resolve) => server.close(resolve))
})

test('the migration gives existing events a time_us from their time, strictly increasing', async () => {
  const name = uniqueDbName()
  await adminQuery(`create database "${name}"`)
  // biome-ignore lint/suspicious/noExplicitAny: the schema as it was before the migration
  const db = new Kysely<any>({
    dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: urlFor(name) }) }),
  })
  try {
    await m002.up(db)
    const t0 = Date.parse('2025-05-01T12:00:00.000Z')
    // A batch sharing one time, then a sequencer whose clock was 5 s behind, then a later one.
    const times = [t0, t0, t0, t0 - 5000, t0 + 10]
    await db
      .insertInto('firehose_event')
      .values(
        times.map((ms, i) => ({
          seq: i + 1,
          did: 'did:plc:x',
          kind: 'commit',
          time: new Date(ms).toISOString(),
          frame: new Uint8Array([i]),
          source: '',
          outbox_id: i + 1,
        })),
      )
      .execute()
    await m003.up(db)
    const rows = await db.selectFrom('firehose_event').select(['seq', 'time_us']).orderBy('seq').execute()
    const us = t0 * 1000
    assert.deepEqual(
      rows.map((r) => Number(r.time_us)),
      [us, us + 1000, us + 2000, us + 3000, us + 10_000],
    )
    // Unique; and a row written without one gets the wall clock.
    await assert.rejects(
      db
        .insertInto('firehose_event')
        .values({
          seq: 6,
          did: 'd',
          kind: 'sync',
          time: 't',
          frame: new Uint8Array(),
          source: '',
          outbox_id: 6,
          time_us: us,
        })
        .execute(),
    )
    await db
      .insertInto('firehose_event')
      .values({ seq: 7, did: 'd', kind: 'sync', time: 't', frame: new Uint8Array(), source: '', outbox_id: 7 })
      .execute()
    const added = await db.selectFrom('firehose_event').select('time_us').where('seq', '=', 7).executeTakeFirstOrThrow()
    assert.ok(Math.abs(Number(added.time_us) / 1000 - Date.now()) < 60_000)
    await m003.down(db)
    const columns = await sql<{ column_name: string }>`
      select column_name from information_schema.columns where table_name = 'firehose_event'`.execute(db)
    assert.ok(!columns.rows.some((c) => c.column_name === 'time_us'))
  } finally {
    await db.destroy()
    await dropDatabases(name)
  }
})
