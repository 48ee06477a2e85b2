// Every size, page, time and connection limit, as a client meets it: the
// status and error name the spec (or the official PDS) gives, and a refused
// write leaves the repo exactly as it was.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import type http from 'node:http'
import net from 'node:net'
import { after, before, test } from 'node:test'
import WebSocket from 'ws'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { loggedInAccount, type TestAccount } from '../repo/helpers.js'
import { decodeFrame } from '../sync/helpers.js'

let t: TestServer
let alice: TestAccount
let bob: TestAccount

before(async () => {
  t = await startTestServer({
    config: {
      limits: {
        bodyBytes: 8192,
        recordBytes: 2048,
        blobBytes: 2048,
        listPageSize: 3,
        applyWritesMax: 3,
        requestTimeoutMs: 1000,
      },
      rateLimits: { accountWrites: { points: 10, windowSeconds: 3600 } },
      firehose: { maxSubscribersPerIp: 2, maxMessageBytes: 1024, maxOptionsUpdateBytes: 2048 },
    },
  })
  await addDomain(t, 'limits.test')
  alice = await loggedInAccount(t, 'alice.limits.test')
  bob = await loggedInAccount(t, 'bob.limits.test')
})
after(() => t?.close())

const jwt = (a: TestAccount) => a.agent.session?.accessJwt as string
const head = async (did: string) => (await xrpc(t.url, 'com.atproto.sync.getLatestCommit', { params: { did } })).body

function upload(a: TestAccount, bytes: Uint8Array, chunked = false) {
  // A stream body has no Content-Length: the limit must hold while reading, not only on the header.
  const body = chunked ? new Blob([Buffer.from(bytes)]).stream() : bytes
  return fetch(`${t.url}/xrpc/com.atproto.repo.uploadBlob`, {
    method: 'POST',
    headers: { authorization: `Bearer ${jwt(a)}`, 'content-type': 'application/octet-stream' },
    body,
    duplex: 'half',
  } as RequestInit)
}

test('oversized bodies, records, blobs and batches get their errors and change nothing', async () => {
  const before = await head(bob.did)
  const create = (record: unknown, validate?: boolean) =>
    xrpc(t.url, 'com.atproto.repo.createRecord', {
      auth: jwt(bob),
      body: { repo: bob.did, collection: 'com.example.note', record, validate },
    })
  const cases: [string, () => Promise<{ status: number; body: Record<string, unknown> }>, number, string][] = [
    ['body over bodyBytes', () => create({ text: 'x'.repeat(10_000) }), 413, 'PayloadTooLarge'],
    // The record's own limit: 400, as the body-size limit is not what refused it.
    ['record over recordBytes', () => create({ text: 'x'.repeat(3000) }, false), 400, 'RecordTooBig'],
    [
      'applyWrites over applyWritesMax',
      () =>
        xrpc(t.url, 'com.atproto.repo.applyWrites', {
          auth: jwt(bob),
          body: {
            repo: bob.did,
            writes: Array.from({ length: 4 }, (_, i) => ({
              $type: 'com.atproto.repo.applyWrites#create',
              collection: 'com.example.note',
              rkey: `n${i}`,
              value: { i },
            })),
          },
        }),
      400,
      'InvalidRequest',
    ],
    ['blob over blobBytes', () => json(upload(bob, new Uint8Array(4096))), 413, 'PayloadTooLarge'],
    ['streamed blob over blobBytes', () => json(upload(bob, new Uint8Array(4096), true)), 413, 'PayloadTooLarge'],
  ]
  for (const [what, send, status, error] of cases) {
    const res = await send()
    assert.equal(res.status, status, `${what}: ${JSON.stringify(res.body)}`)
    assert.equal(res.body.error, error, what)
    assert.equal(typeof res.body.message, 'string', what)
    // A refusal for size names the limit that was passed.
    if (status === 413) assert.match(res.body.message as string, /larger than (8192|2048) bytes/, what)
  }
  assert.deepEqual(await head(bob.did), before)
  const blobs = await xrpc(t.url, 'com.atproto.sync.listBlobs', { params: { did: bob.did } })
  assert.deepEqual(blobs.body.cids, [])
})

test("a write over the account's budget is a 429 with RateLimit headers, and writes nothing", async () => {
  const spender = await loggedInAccount(t, 'spender.limits.test')
  const write = (i: number) =>
    fetch(`${t.url}/xrpc/com.atproto.repo.createRecord`, {
      method: 'POST',
      headers: { authorization: `Bearer ${jwt(spender)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ repo: spender.did, collection: 'com.example.note', record: { i } }),
    })
  for (let i = 0; i < 10; i++) {
    const res = await write(i)
    assert.equal(res.status, 200)
    // The account's budget is nearer its end than the service's per-IP one: its headers are the ones sent.
    assert.equal(res.headers.get('ratelimit-remaining'), String(9 - i))
  }
  const before = await head(spender.did)
  const refused = await write(10)
  assert.equal(refused.status, 429)
  assert.equal(((await refused.json()) as { error: string }).error, 'RateLimitExceeded')
  assert.equal(refused.headers.get('ratelimit-limit'), '10')
  assert.equal(refused.headers.get('ratelimit-remaining'), '0')
  assert.equal(refused.headers.get('ratelimit-policy'), '10;w=3600')
  assert.ok(Number(refused.headers.get('ratelimit-reset')) > Date.now() / 1000)
  assert.deepEqual(await head(spender.did), before)
})

test('list pages are cut to limits.listPageSize; a limit past the lexicon maximum is refused', async () => {
  const writes = (from: number) =>
    alice.agent.com.atproto.repo.applyWrites({
      repo: alice.did,
      writes: [0, 1].map((i) => ({
        $type: 'com.atproto.repo.applyWrites#create' as const,
        collection: 'is.gather.feed.post',
        value: { $type: 'is.gather.feed.post', text: `page test ${from + i}`, createdAt: new Date().toISOString() },
      })),
    })
  await writes(0)
  await writes(2)
  const blobs = []
  for (let i = 0; i < 4; i++) blobs.push(await (await upload(alice, new Uint8Array([1, 2, 3, i]))).json())
  await xrpc(t.url, 'com.atproto.repo.createRecord', {
    auth: jwt(alice),
    body: { repo: alice.did, collection: 'com.example.gallery', record: { blobs: blobs.map((b) => b.blob) } },
  })
  const admin = { auth: t.adminKey }
  const lists: [string, Record<string, string>, string, number, object?][] = [
    ['com.atproto.repo.listRecords', { repo: alice.did, collection: 'is.gather.feed.post' }, 'records', 100],
    ['com.atproto.sync.listRepos', {}, 'repos', 1000],
    ['com.atproto.sync.listBlobs', { did: alice.did }, 'cids', 1000],
    ['host.primal.pds.listAccounts', { domain: 'limits.test' }, 'accounts', 100, admin],
    ['is.gather.feed.searchPosts', { q: 'page' }, 'posts', 100],
  ]
  for (const [nsid, params, key, lexiconMax, opts] of lists) {
    const page = await xrpc(t.url, nsid, { ...opts, params: { ...params, limit: String(lexiconMax) } })
    assert.equal(page.status, 200, `${nsid}: ${JSON.stringify(page.body)}`)
    assert.equal((page.body[key] as unknown[]).length, 3, `${nsid} gives at most listPageSize`)
    assert.equal(typeof page.body.cursor, 'string', `${nsid}: a cut page has a cursor to the rest`)
    const tooMany = await xrpc(t.url, nsid, { ...opts, params: { ...params, limit: String(lexiconMax + 1) } })
    assert.equal(tooMany.status, 400, nsid)
    assert.equal(tooMany.body.error, 'InvalidRequest', nsid)
  }
})

test('a client that never finishes its request gets 408 and its socket closed', { timeout: 30_000 }, async () => {
  const started = Date.now()
  const socket = net.connect(new URL(t.url).port as unknown as number, '127.0.0.1')
  let answer = ''
  socket.on('data', (d) => {
    answer += d
  })
  socket.write(
    'POST /xrpc/com.atproto.server.createSession HTTP/1.1\r\nHost: localhost\r\n' +
      'Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{"identifier":',
  )
  await once(socket, 'close')
  assert.match(answer, /^HTTP\/1\.1 408 /)
  const waited = Date.now() - started
  assert.ok(waited >= 1000 && waited < 5000, `closed after ${waited} ms`)
})

/** A WebSocket to `path` from client `ip`, as our trusted loopback proxy would forward it. */
function wsFrom(path: string, ip: string): WebSocket {
  return new WebSocket(new URL(path, t.url.replace(/^http/, 'ws')), { headers: { 'x-forwarded-for': ip } })
}

function closeOf(ws: WebSocket): Promise<number> {
  return once(ws, 'close').then(([code]) => code as number)
}

test('a WebSocket message over the limit closes the stream with 1009', { timeout: 30_000 }, async () => {
  for (const [path, limit] of [
    ['/xrpc/com.atproto.sync.subscribeRepos', 1024],
    ['/subscribe', 2048],
  ] as const) {
    const ws = wsFrom(path, '198.51.100.20')
    await once(ws, 'open')
    const closed = closeOf(ws)
    ws.send('x'.repeat(limit + 1))
    assert.equal(await closed, 1009, path)
  }
})

test('past maxSubscribersPerIp, another stream from that IP is refused; other IPs are not', {
  timeout: 30_000,
}, async () => {
  const repos = '/xrpc/com.atproto.sync.subscribeRepos'
  const open = [wsFrom(repos, '198.51.100.30'), wsFrom(repos, '198.51.100.30'), wsFrom(repos, '198.51.100.31')]
  await Promise.all(open.map((ws) => once(ws, 'open')))
  const third = wsFrom(repos, '198.51.100.30')
  const [frame] = (await once(third, 'message')) as [Buffer]
  const { header, body } = decodeFrame(new Uint8Array(frame))
  assert.equal(header.op, -1)
  assert.equal(body.error, 'RateLimitExceeded')
  assert.equal(await closeOf(third), 1013)
  // One closes: its place is free again.
  const first = open[0] as WebSocket
  first.close()
  await once(first, 'close')
  await pollUntil(() => t.ctx.firehose.subscriberCount === 2)
  const again = wsFrom(repos, '198.51.100.30')
  await once(again, 'open')
  open.push(again)

  const streams = [wsFrom('/subscribe', '198.51.100.30'), wsFrom('/subscribe', '198.51.100.30')]
  await Promise.all(streams.map((ws) => once(ws, 'open')))
  const turnedAway = wsFrom('/subscribe', '198.51.100.30')
  const [, refused] = (await once(turnedAway, 'unexpected-response')) as [unknown, http.IncomingMessage]
  assert.equal(refused.statusCode, 429)
  // Read to its end: the server has closed its side, and now the client's socket closes too.
  refused.resume()
  await once(refused, 'end')
  const sse = await fetch(`${t.url}/subscribe`, { headers: { 'x-forwarded-for': '198.51.100.30' } })
  assert.equal(sse.status, 429)
  assert.equal(((await sse.json()) as { error: string }).error, 'RateLimitExceeded')
  const otherIp = wsFrom('/subscribe', '198.51.100.31')
  await once(otherIp, 'open')
  streams.push(otherIp)
  const live = [...open, ...streams].filter((ws) => ws.readyState !== WebSocket.CLOSED)
  await Promise.all(
    live.map((ws) => {
      ws.close()
      return once(ws, 'close')
    }),
  )
})

async function json(res: Promise<Response>): Promise<{ status: number; body: Record<string, unknown> }> {
  const r = await res
  return { status: r.status, body: (await r.json()) as Record<string, unknown> }
}

async function pollUntil(condition: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}
