// While the database cannot be reached, every door answers 503 with a
// Retry-After and says the database is unreachable (not a 500 that reads like
// a bug): XRPC reads and writes, logins, the health check, the well-known
// documents, /discover and /mcp. When it is back, so is the service. The
// server reaches Postgres through a proxy this test cuts, never the shared one.
import assert from 'node:assert/strict'
import http from 'node:http'
import { afterEach, test } from 'node:test'
import WebSocket from 'ws'
import { DEFAULT_RATE_LIMITS } from '../../src/config/config.js'
import { isDatabaseUnreachable, RETRY_AFTER_SECONDS } from '../../src/lib/unavailable.js'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { TcpProxy } from '../helpers/tcp-proxy.js'
import { xrpc } from '../helpers/xrpc.js'

let proxy: TcpProxy
let t: TestServer
let alice: { did: string; handle: string; password: string }
let jwt: string

/** A server behind a fresh proxy; rate limits off lets every request reach its handler (they count in the database). */
async function startBehindProxy(rateLimits: boolean): Promise<void> {
  proxy = await TcpProxy.start()
  const off = { points: 0, windowSeconds: 60 }
  const config = rateLimits
    ? {}
    : { rateLimits: Object.fromEntries(Object.keys(DEFAULT_RATE_LIMITS).map((k) => [k, off])) }
  t = await startTestServer({ backend: 'postgres', postgresUrl: proxy.url, config })
  await addDomain(t, 'outage.test', { agentRegistration: true })
  alice = await createAccount(t, 'alice.outage.test')
  const login = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: alice.handle, password: alice.password },
  })
  assert.equal(login.status, 200)
  jwt = login.body.accessJwt as string
}

afterEach(async () => {
  await proxy?.restore()
  await t?.close()
  await proxy?.close()
})

const post = () => ({
  repo: alice.did,
  collection: 'app.bsky.feed.post',
  record: { $type: 'app.bsky.feed.post', text: 'hello', createdAt: new Date().toISOString() },
})

/** What each door answers, as status, Retry-After and body. */
const doors: Record<string, () => Promise<{ status: number; retryAfter: string | null; body: string }>> = {
  'XRPC read': () => call(`/xrpc/com.atproto.repo.describeRepo?repo=${alice.did}`),
  'XRPC write': () =>
    call('/xrpc/com.atproto.repo.createRecord', { method: 'POST', auth: jwt, body: JSON.stringify(post()) }),
  'XRPC login': () =>
    call('/xrpc/com.atproto.server.createSession', {
      method: 'POST',
      body: JSON.stringify({ identifier: alice.handle, password: alice.password }),
    }),
  health: () => call('/xrpc/_health'),
  discover: () => call('/discover'),
  mcp: () =>
    call('/mcp', {
      method: 'POST',
      auth: jwt,
      headers: { accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    }),
  'atproto-did': () => byHost('/.well-known/atproto-did', alice.handle),
}

/** GET by Host header, as a resolver asks: fetch() will not send one of our choosing. */
function byHost(path: string, host: string): Promise<{ status: number; retryAfter: string | null; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(new URL(path, t.url), { headers: { host } }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const retryAfter = (res.headers['retry-after'] as string | undefined) ?? null
        resolve({ status: res.statusCode ?? 0, retryAfter, body: Buffer.concat(chunks).toString('utf8') })
      })
    })
    req.on('error', reject)
  })
}

async function call(
  path: string,
  opts: { method?: string; auth?: string; body?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { 'content-type': 'application/json', ...opts.headers }
  if (opts.auth) headers.authorization = `Bearer ${opts.auth}`
  const res = await fetch(`${t.url}${path}`, { method: opts.method ?? 'GET', headers, body: opts.body })
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: await res.text() }
}

/** Every door's answers through an outage: as usual before, 503 DatabaseUnreachable with Retry-After during, as usual after. */
async function throughAnOutage(): Promise<void> {
  for (const [door, ask] of Object.entries(doors))
    assert.ok((await ask()).status < 300, `${door} fails before the outage`)
  // Four writers all along, as in the outage that was reported: their writes are cut midway too.
  let writing = true
  const statuses = new Set<number>()
  const writer = async () => {
    while (writing) statuses.add((await doors['XRPC write']?.())?.status ?? 0)
  }
  const writers = Promise.all([writer(), writer(), writer(), writer()])
  await proxy.cut()
  for (const [door, ask] of Object.entries(doors)) {
    const answer = await ask()
    const show = `${door}: ${answer.status} ${answer.body}`
    assert.equal(answer.status, 503, show)
    assert.equal(answer.retryAfter, String(RETRY_AFTER_SECONDS), show)
    const body = JSON.parse(answer.body) as { error?: string | { message?: string }; message?: string }
    // MCP answers in JSON-RPC once its own route has it; before that (rate limits), as XRPC does.
    if (typeof body.error === 'object') {
      assert.equal(door, 'mcp', show)
      assert.match(body.error.message ?? '', /database cannot be reached/i, show)
    } else {
      assert.equal(body.error, 'DatabaseUnreachable', show)
      assert.match(body.message ?? '', /database cannot be reached/i, show)
    }
  }
  await proxy.restore()
  // Pools reconnect on their next query: poll each door until it answers as before the outage.
  for (const [door, ask] of Object.entries(doors)) {
    const deadline = Date.now() + 20_000
    for (;;) {
      const answer = await ask()
      if (answer.status < 300) break
      assert.ok(Date.now() < deadline, `${door} did not recover: ${answer.status} ${answer.body}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  writing = false
  await writers
  const others = [...statuses].filter((s) => s !== 200 && s !== 503)
  assert.deepEqual(others, [], 'a write through the outage was answered neither 200 nor 503')
}

test('database unreachable: the handlers behind every door answer 503 with Retry-After', async () => {
  await startBehindProxy(false)
  await throughAnOutage()
})

test('database unreachable: so do the rate limits in front of them, which count in it', async () => {
  await startBehindProxy(true)
  await throughAnOutage()
})

test('database unreachable: a firehose upgrade, counted in it, is refused 503 with Retry-After', async () => {
  await startBehindProxy(true)
  await proxy.cut()
  const refused = await new Promise<{ status: number; retryAfter?: string; body: string }>((resolve, reject) => {
    const ws = new WebSocket(`${t.url.replace(/^http/, 'ws')}/xrpc/com.atproto.sync.subscribeRepos`)
    ws.on('open', () => reject(new Error('the upgrade went through')))
    ws.on('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => {
        const retryAfter = res.headers['retry-after'] as string | undefined
        resolve({ status: res.statusCode ?? 0, retryAfter, body: Buffer.concat(chunks).toString('utf8') })
      })
    })
    ws.on('error', reject)
  })
  assert.equal(refused.status, 503, refused.body)
  assert.equal(refused.retryAfter, String(RETRY_AFTER_SECONDS))
  assert.equal(JSON.parse(refused.body).error, 'DatabaseUnreachable')
})

test('what counts as "database unreachable", and what does not', () => {
  const socketError = (code: string, syscall?: string) =>
    Object.assign(new Error(`${code} 127.0.0.1:5432`), { code, syscall })
  const unreachable = [
    socketError('ECONNREFUSED', 'connect'),
    socketError('ECONNRESET', 'read'),
    Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
    Object.assign(new Error('connection failure'), { code: '08006' }),
    new Error('Connection terminated unexpectedly'),
    new Error('timeout exceeded when trying to connect'),
  ]
  for (const err of unreachable) assert.ok(isDatabaseUnreachable(err), err.message)
  const others = [
    // A client that hung up mid-body: the same code, but no socket syscall of ours.
    Object.assign(new Error('aborted'), { code: 'ECONNRESET' }),
    // An outgoing fetch (PLC, a relay) that could not connect: its socket error is only the cause.
    new TypeError('fetch failed', { cause: socketError('ECONNREFUSED', 'connect') }),
    Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }),
    new Error('something else'),
    undefined,
    'ECONNREFUSED',
  ]
  for (const err of others) assert.ok(!isDatabaseUnreachable(err), String(err))
})
