// The firehose as Jetstream JSON at /subscribe, as a consumer sees it: live
// events equal to subscribeRepos' commits op for op, the filters, cursor
// replay that joins the live stream with no gap and no duplicate, SSE equal
// to WebSocket with Last-Event-ID resuming, and the 400s.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import net from 'node:net'
import { after, before, test } from 'node:test'
import type { CID } from 'multiformats/cid'
import WebSocket from 'ws'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { expectedCid, loggedInAccount, post, type TestAccount } from '../repo/helpers.js'
import { FirehoseClient } from './helpers.js'
import {
  JetstreamSseClient,
  JetstreamWsClient,
  type JsonEvent,
  type Params,
  type JetstreamSseClient as Sse,
  subscribeUrl,
} from './jetstream-client.js'

let t: TestServer
/** Every JSON event since the server started, live. */
let full: JetstreamWsClient
/** And every CBOR frame. */
let cbor: FirehoseClient
let ann: TestAccount
let bob: TestAccount
const clients: { close(): void }[] = []

before(async () => {
  t = await startTestServer()
  full = new JetstreamWsClient(t.url)
  cbor = new FirehoseClient(t.url)
  await Promise.all([full.opened(), cbor.opened()])
  await addDomain(t, 'jet-a.test')
  await addDomain(t, 'jet-b.test')
  ann = await loggedInAccount(t, 'ann.jet-a.test')
  bob = await loggedInAccount(t, 'bob.jet-b.test')
})
after(async () => {
  for (const c of [full, cbor, ...clients]) c?.close()
  await t?.close()
})

function ws(params: Params = []): JetstreamWsClient {
  const c = new JetstreamWsClient(t.url, params)
  clients.push(c)
  return c
}

function sse(params: Params = [], headers: Record<string, string> = {}): Sse {
  const c = new JetstreamSseClient(t.url, params, headers)
  clients.push(c)
  return c
}

async function create(who: TestAccount, collection: string, record: Record<string, unknown>, rkey?: string) {
  const res = await who.agent.com.atproto.repo.createRecord({ repo: who.did, collection, record, rkey })
  return { uri: res.data.uri, cid: res.data.cid, rev: res.data.commit?.rev as string }
}

const hasRev = (rev: string) => (evs: JsonEvent[]) => evs.some((e) => e.commit?.rev === rev)
const last = <T>(xs: T[]): T => xs[xs.length - 1] as T

test('live events equal the CBOR firehose op for op, records as JSON, time_us strictly increasing', async () => {
  const first = await create(ann, 'app.bsky.feed.post', post('hello'))
  await create(
    ann,
    'is.gather.note',
    {
      $type: 'is.gather.note',
      text: 'with a link and bytes',
      ref: { $link: first.cid },
      data: { $bytes: 'AQID' },
    },
    'n1',
  )
  const bobs = await create(bob, 'app.bsky.feed.post', post('bob here'))
  await ann.agent.com.atproto.repo.putRecord({
    repo: ann.did,
    collection: 'is.gather.note',
    rkey: 'n1',
    record: { $type: 'is.gather.note', text: 'edited' },
  })
  await ann.agent.com.atproto.repo.applyWrites({
    repo: ann.did,
    writes: [
      {
        $type: 'com.atproto.repo.applyWrites#create',
        collection: 'is.gather.note',
        rkey: 'n2',
        value: { $type: 'is.gather.note', text: 'two' },
      },
      {
        $type: 'com.atproto.repo.applyWrites#update',
        collection: 'is.gather.note',
        rkey: 'n1',
        value: { $type: 'is.gather.note', text: 'edited again' },
      },
      {
        $type: 'com.atproto.repo.applyWrites#delete',
        collection: 'app.bsky.feed.post',
        rkey: first.uri.split('/').pop() as string,
      },
    ],
  })
  const del = await bob.agent.com.atproto.repo.deleteRecord({
    repo: bob.did,
    collection: 'app.bsky.feed.post',
    rkey: bobs.uri.split('/').pop() as string,
  })
  const lastRev = del.data.commit?.rev as string
  await full.until(hasRev(lastRev), 'the last write')
  await cbor.until((f) => f.some((x) => x.body.rev === lastRev), 'the last write')

  type Op = { action: string; path: string; cid: CID | null }
  const cborOps = cbor
    .messages()
    .filter((f) => f.header.t === '#commit')
    .flatMap((f) =>
      (f.body.ops as Op[]).map((op) => ({
        did: f.body.repo,
        rev: f.body.rev,
        operation: op.action,
        collection: op.path.split('/')[0],
        rkey: op.path.split('/')[1],
        cid: op.cid?.toString(),
      })),
    )
  const commits = full.events.filter((e) => e.kind === 'commit')
  const jsonOps = commits.map((e) => ({
    did: e.did,
    rev: e.commit?.rev,
    operation: e.commit?.operation,
    collection: e.commit?.collection,
    rkey: e.commit?.rkey,
    cid: e.commit?.cid,
  }))
  assert.deepEqual(jsonOps, cborOps)
  assert.equal(jsonOps.filter((o) => o.operation === 'delete').length, 2)

  // Every record is the JSON of the block its CID names; the current ones are what getRecord serves.
  for (const e of commits) {
    if (e.commit?.operation === 'delete') assert.equal(e.commit.record, undefined)
    else assert.equal(await expectedCid(e.commit?.record), e.commit?.cid)
  }
  const current = new Map(commits.map((e) => [`${e.did}/${e.commit?.collection}/${e.commit?.rkey}`, e]))
  for (const e of current.values()) {
    if (!e.commit || e.commit.operation === 'delete') continue
    const { collection, rkey } = e.commit
    const res = await xrpc(t.url, 'com.atproto.repo.getRecord', { params: { repo: e.did, collection, rkey } })
    assert.equal(res.status, 200)
    assert.deepEqual(e.commit.record, res.body.value)
    assert.equal(e.commit.cid, res.body.cid)
  }
  const note = commits.find((e) => e.commit?.collection === 'is.gather.note')
  assert.deepEqual(note?.commit?.record?.ref, { $link: first.cid })
  assert.deepEqual(note?.commit?.record?.data, { $bytes: 'AQID' })

  // #identity and #account carry over field for field; #sync is not sent.
  const identities = cbor.messages().filter((f) => f.header.t === '#identity')
  assert.deepEqual(
    full.events.filter((e) => e.kind === 'identity').map((e) => ({ did: e.did, ...e.identity })),
    identities.map((f) => ({ did: f.body.did, ...f.body })),
  )
  const accounts = cbor.messages().filter((f) => f.header.t === '#account')
  assert.deepEqual(
    full.events.filter((e) => e.kind === 'account').map((e) => e.account),
    accounts.map((f) => f.body),
  )
  assert.ok(accounts.length >= 4 && identities.length >= 4)
  assert.deepEqual(new Set(full.events.map((e) => e.kind)), new Set(['commit', 'identity', 'account']))
  assert.ok(full.allText, 'every message is a text frame')

  const times = full.events.map((e) => e.time_us)
  for (let i = 1; i < times.length; i++) assert.ok((times[i] as number) > (times[i - 1] as number), 'time_us increases')
  assert.ok(Math.abs((last(times) as number) / 1000 - Date.now()) < 60_000, 'time_us is the wall clock in µs')
  const rows = await t.ctx.storage.management
    .selectFrom('firehose_event')
    .select(['seq', 'time', 'time_us'])
    .orderBy('seq')
    .execute()
  for (let i = 1; i < rows.length; i++) assert.ok(Number(rows[i]?.time_us) > Number(rows[i - 1]?.time_us))
  for (const r of rows) assert.equal(r.time, new Date(Math.floor(Number(r.time_us) / 1000)).toISOString())
})

type Filter = { collections?: string[]; dids?: string[]; maxBytes?: number }

/** What a filter should let through, written from Jetstream's documentation. */
function wants({ collections = [], dids = [], maxBytes = 0 }: Filter) {
  return (e: JsonEvent) => {
    if (dids.length > 0 && !dids.includes(e.did)) return false
    if (maxBytes > 0 && Buffer.byteLength(JSON.stringify(e)) > maxBytes) return false
    if (e.kind !== 'commit' || collections.length === 0) return true
    const c = e.commit?.collection as string
    return collections.some((w) => (w.endsWith('.*') ? c.startsWith(w.slice(0, -1)) : c === w))
  }
}

function filterParams({ collections = [], dids = [], maxBytes }: Filter): Params {
  return [
    ...collections.map((c): [string, string] => ['wantedCollections', c]),
    ...dids.map((d): [string, string] => ['wantedDids', d]),
    ...(maxBytes ? [['maxMessageSizeBytes', String(maxBytes)] as [string, string]] : []),
  ]
}

test('wantedCollections (exact and prefix.*) and wantedDids pass exactly the matching events, in order', async () => {
  const cat = await loggedInAccount(t, 'cat.jet-a.test')
  await full.until((evs) => evs.some((e) => e.kind === 'account' && e.did === cat.did), "cat's account event")
  // Start every filtered stream right after what happened so far, whenever each connects.
  const from = last(full.events).time_us + 1
  const specs: Filter[] = [
    { collections: ['is.gather.note'] },
    { collections: ['is.gather.*'] },
    { dids: [ann.did, cat.did] },
    { collections: ['app.bsky.feed.like'], dids: [ann.did] },
    { collections: ['app.bsky.feed.post', 'is.gather.*'] },
    { maxBytes: 330 },
  ]
  const filtered = specs.map((spec) => ws([['cursor', String(from)], ...filterParams(spec)]))
  await Promise.all(filtered.map((c) => c.opened()))

  await create(ann, 'app.bsky.feed.post', post('a post'))
  await create(ann, 'is.gather.note', { $type: 'is.gather.note', text: 'a note' })
  await create(ann, 'is.gather.event.rsvp', { $type: 'is.gather.event.rsvp', going: true })
  await create(ann, 'is.gatherer.thing', { $type: 'is.gatherer.thing', n: 1 })
  await create(bob, 'is.gather.note', { $type: 'is.gather.note', text: "bob's note" })
  const bobPost = await create(bob, 'app.bsky.feed.post', post('bob again'))
  await create(ann, 'app.bsky.feed.like', {
    $type: 'app.bsky.feed.like',
    subject: { uri: bobPost.uri, cid: bobPost.cid },
    createdAt: new Date().toISOString(),
  })
  await create(cat, 'is.gather.note', { $type: 'is.gather.note', text: "cat's note" })
  for (const status of ['suspended', 'active']) {
    await xrpc(t.url, 'host.primal.pds.updateAccountStatus', { auth: t.adminKey, body: { did: cat.did, status } })
  }
  await loggedInAccount(t, 'dan.jet-b.test')
  // The last event passes every filter: an #identity of ann.
  await ann.agent.com.atproto.identity.updateHandle({ handle: 'annie.jet-a.test' })
  const isMarker = (e: JsonEvent) => e.kind === 'identity' && e.identity?.handle === 'annie.jet-a.test'
  await full.until((evs) => evs.some(isMarker), 'the new handle')

  const since = full.events.filter((e) => e.time_us >= from)
  for (const spec of specs) assert.ok(wants(spec)(last(since)), 'the marker passes every filter')
  for (const [i, spec] of specs.entries()) {
    const c = filtered[i] as JetstreamWsClient
    await c.until((evs) => evs.some(isMarker), `the marker on ${JSON.stringify(spec)}`)
    assert.deepEqual(c.events, since.filter(wants(spec)), `filter ${JSON.stringify(spec)}`)
  }
  const [exact, prefix, byDid, likes, both, small] = filtered as JetstreamWsClient[]
  const smallCommits = small?.events.filter((e) => e.kind === 'commit').length ?? 0
  assert.ok(smallCommits > 0 && smallCommits < since.filter((e) => e.kind === 'commit').length, 'some are too large')
  const collections = (c: JetstreamWsClient) => new Set(c.events.map((e) => e.commit?.collection).filter(Boolean))
  assert.deepEqual(collections(exact as JetstreamWsClient), new Set(['is.gather.note']))
  assert.deepEqual(collections(prefix as JetstreamWsClient), new Set(['is.gather.note', 'is.gather.event.rsvp']))
  assert.deepEqual(
    collections(both as JetstreamWsClient),
    new Set(['app.bsky.feed.post', 'is.gather.note', 'is.gather.event.rsvp']),
  )
  // Identity and account events pass a collection filter (here cat's status changes and dan's creation)...
  const kinds = (c: JetstreamWsClient) => c.events.map((e) => e.kind)
  assert.equal(kinds(exact as JetstreamWsClient).filter((k) => k === 'account').length, 3)
  assert.equal(kinds(exact as JetstreamWsClient).filter((k) => k === 'identity').length, 2)
  // ...but not a DID filter.
  assert.deepEqual(new Set(byDid?.events.map((e) => e.did)), new Set([ann.did, cat.did]))
  assert.deepEqual(
    likes?.events.map((e) => e.kind),
    ['commit', 'identity'],
  )
})

test('a cursor replays every event from that time_us on, then goes live with no gap and no duplicate', async () => {
  // A cursor inside a commit: the second op of the applyWrites in the first test.
  const batch = full.events.filter((e) => e.commit?.rkey === 'n2')[0] as JsonEvent
  const ops = full.events.filter((e) => e.commit?.rev === batch.commit?.rev)
  assert.equal(ops.length, 3)
  const cursor = (ops[1] as JsonEvent).time_us
  const replay = ws([['cursor', String(cursor)]])
  const oldest = ws([['cursor', '1']])
  // Writes go on while the replays run.
  let lastRev = ''
  for (let i = 0; i < 8; i++) lastRev = (await create(i % 2 ? ann : bob, 'app.bsky.feed.post', post(`during ${i}`))).rev
  await full.until(hasRev(lastRev), 'the last write')
  await replay.until(hasRev(lastRev), 'the last write')
  assert.deepEqual(replay.events[0], ops[1])
  assert.deepEqual(
    replay.events,
    full.events.filter((e) => e.time_us >= cursor),
  )
  // A cursor before the oldest event kept starts from the oldest.
  await oldest.until(hasRev(lastRev), 'the last write')
  assert.deepEqual(oldest.events, full.events)

  // A cursor past every event is live, as in Jetstream.
  const future = ws([['cursor', String(last(full.events).time_us + 10 ** 12)]])
  await future.opened()
  const now = await create(ann, 'app.bsky.feed.post', post('after the future cursor'))
  await future.until(hasRev(now.rev), 'the new post')
  assert.deepEqual(
    future.events.map((e) => e.commit?.rev),
    [now.rev],
  )
})

test('SSE sends what WebSocket sends, ids are time_us, and Last-Event-ID resumes right after', async () => {
  const live = sse()
  const socket = ws()
  assert.equal((await live.opened()).headers.get('content-type'), 'text/event-stream; charset=utf-8')
  await socket.opened()
  await create(bob, 'app.bsky.feed.post', post('sse one'))
  const batch = await ann.agent.com.atproto.repo.applyWrites({
    repo: ann.did,
    writes: [1, 2, 3].map((n) => ({
      $type: 'com.atproto.repo.applyWrites#create' as const,
      collection: 'app.bsky.feed.post',
      value: post(`batch ${n}`),
    })),
  })
  const batchRev = batch.data.commit?.rev as string
  const end = await create(bob, 'app.bsky.feed.post', post('sse end'))
  await Promise.all([live.until(hasRev(end.rev)), socket.until(hasRev(end.rev))])
  assert.deepEqual(live.events, socket.events)
  assert.equal(live.events.length, 5)
  assert.deepEqual(
    live.ids,
    live.events.map((e) => String(e.time_us)),
  )

  // A reconnect after the first op of the batch gets the rest of it, then the rest; its Last-Event-ID wins over the URL's cursor.
  const k = live.events.findIndex((e) => e.commit?.rev === batchRev)
  const resumed = sse([['cursor', String(live.events[0]?.time_us)]], { 'last-event-id': live.ids[k] as string })
  await resumed.until(hasRev(end.rev), 'the end')
  assert.deepEqual(resumed.events, live.events.slice(k + 1))
  const more = await create(ann, 'app.bsky.feed.post', post('sse live'))
  await Promise.all([live.until(hasRev(more.rev)), resumed.until(hasRev(more.rev))])
  assert.deepEqual(resumed.events, live.events.slice(k + 1))
})

test('bad parameters get 400 InvalidRequest, over plain HTTP and before a WebSocket upgrade', async () => {
  const bad: Params[] = [
    [['wantedCollections', 'not an nsid']],
    [['wantedCollections', 'is.gather*']],
    [['wantedCollections', '*']],
    Array.from({ length: 101 }, (_, i): [string, string] => ['wantedCollections', `is.gather.c${i}`]),
    [['wantedDids', 'bob']],
    [['cursor', 'yesterday']],
    [['cursor', '-5']],
    [['cursor', '99999999999999999']],
    [['compress', 'true']],
  ]
  for (const params of bad) {
    const res = await fetch(subscribeUrl(t.url, params))
    assert.equal(res.status, 400, JSON.stringify(params).slice(0, 80))
    assert.equal(((await res.json()) as { error: string }).error, 'InvalidRequest')
  }
  const header = await fetch(subscribeUrl(t.url), { headers: { 'last-event-id': 'abc' } })
  assert.equal(header.status, 400)
  await header.body?.cancel()

  const refused = await upgradeRefusal(subscribeUrl(t.url, [['wantedDids', 'nobody']], 'ws'))
  assert.equal(refused.status, 400)
  assert.equal(refused.body.error, 'InvalidRequest')
  assert.match(refused.body.message as string, /wantedDids/)
  const elsewhere = await upgradeRefusal(new URL('/xrpc/com.atproto.sync.nothing', t.url.replace(/^http/, 'ws')))
  assert.equal(elsewhere.status, 404)
  // A request target that URL will not parse is refused, not thrown on.
  const { port } = new URL(t.url)
  const raw = net.connect(Number(port), '127.0.0.1')
  raw.end('GET //[ HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n')
  const [reply] = (await once(raw.setEncoding('utf8'), 'data')) as [string]
  assert.match(reply, /^HTTP\/1\.1 404/)
  assert.equal((await fetch(subscribeUrl(t.url, [['wantedDids', 'bad']]))).status, 400, 'the server still answers')
})

/** Tries a WebSocket upgrade that the server must refuse; returns its status and JSON body. */
function upgradeRefusal(url: URL): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const client = new WebSocket(url)
    client.on('open', () => reject(new Error('upgraded')))
    client.on('error', () => {})
    client.on('unexpected-response', (_req, res) => {
      let text = ''
      res.on('data', (d: Buffer) => {
        text += d.toString()
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : {} }))
    })
  })
}

test('an options_update replaces the filter (with more DIDs than a URL holds); a bad one closes the stream', async () => {
  const c = ws([['wantedCollections', 'app.bsky.feed.post']])
  await c.opened()
  // Thousands of DIDs: far past what a URL's query string may carry.
  const strangers = Array.from({ length: 5000 }, (_, i) => `did:plc:${String(i).padStart(24, 'a')}`)
  const updated = once(t.ctx.jetstream, 'optionsUpdated')
  c.ws.send(
    JSON.stringify({
      type: 'options_update',
      payload: { wantedCollections: ['is.gather.note'], wantedDids: [...strangers, bob.did] },
    }),
  )
  await updated
  await create(ann, 'is.gather.note', { $type: 'is.gather.note', text: 'not from bob' })
  await create(bob, 'app.bsky.feed.post', post('not a note'))
  const note = await create(bob, 'is.gather.note', { $type: 'is.gather.note', text: 'from bob' })
  await c.until(hasRev(note.rev), "bob's note")
  assert.deepEqual(
    c.events.map((e) => [e.did, e.commit?.collection]),
    [[bob.did, 'is.gather.note']],
  )

  for (const message of [
    'not json',
    JSON.stringify({ type: 'hello' }),
    JSON.stringify({ type: 'options_update', payload: { wantedDids: ['nope'] } }),
  ]) {
    const bad = ws()
    await bad.opened()
    const closed = once(bad.ws, 'close')
    bad.ws.send(message)
    const [code, reason] = (await closed) as [number, Buffer]
    assert.equal(code, 1008, message)
    assert.match(reason.toString(), /^InvalidRequest: /)
  }
})
