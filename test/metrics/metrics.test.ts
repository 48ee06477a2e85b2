// /metrics as Prometheus scrapes it: guarded by the admin key unless
// metrics.public, every series there, and each one moving when the load it
// measures moves (requests, firehose connections, sequencing, pools).
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import WebSocket from 'ws'
import { ConfigError, validateConfig } from '../../src/config/config.js'
import { addDomain, createAccount } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'
import { FirehoseClient } from '../sync/helpers.js'
import { type Sample, scrape, scrapeUntil, value } from './helpers.js'

const P = 'primal_pds_'
const CREATE = 'com.atproto.repo.createRecord'

let t: TestServer
let user: { did: string; accessJwt: string }

before(async () => {
  t = await startTestServer({
    config: {
      limits: { bodyBytes: 4096 },
      rateLimits: { agentRequestsPerIp: { points: 3, windowSeconds: 600 } },
    },
  })
  await addDomain(t, 'metrics.test')
  const account = await createAccount(t, 'alice.metrics.test')
  const login = await xrpc(t.url, 'com.atproto.server.createSession', {
    body: { identifier: account.handle, password: account.password },
  })
  assert.equal(login.status, 200)
  user = { did: account.did, accessJwt: login.body.accessJwt as string }
})
after(() => t?.close())

function post(text: string) {
  return {
    repo: user.did,
    collection: 'app.bsky.feed.post',
    record: { $type: 'app.bsky.feed.post', text, createdAt: new Date().toISOString() },
  }
}

const requests = (s: Sample[], nsid: string, status: number) =>
  value(s, `${P}xrpc_requests_total`, { nsid, status: String(status) })
const durations = (s: Sample[], nsid: string, status: number) =>
  value(s, `${P}xrpc_request_duration_seconds_count`, { nsid, status: String(status) })

test('/metrics wants the admin key, as Bearer or Basic admin:<key>', async () => {
  const bare = await fetch(`${t.url}/metrics`)
  assert.equal(bare.status, 401)
  assert.deepEqual(await bare.json(), { error: 'AuthMissing', message: 'Admin authentication required' })
  const wrong = await fetch(`${t.url}/metrics`, { headers: { authorization: 'Bearer not-the-admin-key-at-all' } })
  assert.equal(wrong.status, 401)
  assert.equal(((await wrong.json()) as { error: string }).error, 'AuthenticationRequired')
  const asUser = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${user.accessJwt}` } })
  assert.equal(asUser.status, 401)
  await scrape(t, `Bearer ${t.adminKey}`)
  await scrape(t, `Basic ${Buffer.from(`admin:${t.adminKey}`).toString('base64')}`)
})

test('every series is exposed, with its type', async () => {
  const res = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${t.adminKey}` } })
  const text = await res.text()
  const types = new Map([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].map((m) => [m[1], m[2]]))
  const expected: [string, string][] = [
    ['xrpc_requests_total', 'counter'],
    ['xrpc_request_duration_seconds', 'histogram'],
    ['firehose_connections', 'gauge'],
    ['sequencer_lag_seconds', 'histogram'],
    ['firehose_head_seq', 'gauge'],
    ['outbox_depth', 'gauge'],
    ['tenant_pools_open', 'gauge'],
    ['db_pool_waits_total', 'counter'],
    ['db_pool_wait_seconds', 'histogram'],
    ['db_pool_waiting', 'gauge'],
    // Default process metrics, on this server's own registry.
    ['process_cpu_seconds_total', 'counter'],
    ['nodejs_eventloop_lag_seconds', 'gauge'],
  ]
  for (const [name, type] of expected) assert.equal(types.get(`${P}${name}`), type, name)
  const samples = await scrape(t)
  assert.ok(value(samples, `${P}db_pool_waiting`, { pool: 'management' }) >= 0)
})

test('requests are counted and timed by NSID and status', async () => {
  const N = 5
  const before = await scrape(t)
  for (let i = 0; i < N; i++) {
    const res = await xrpc(t.url, CREATE, { auth: user.accessJwt, body: post(`post ${i}`) })
    assert.equal(res.status, 200, JSON.stringify(res.body))
  }
  const bad = await xrpc(t.url, CREATE, { auth: user.accessJwt, body: { ...post('x'), collection: 'not an nsid' } })
  assert.equal(bad.status, 400)
  const after = await scrape(t)
  assert.equal(requests(after, CREATE, 200) - requests(before, CREATE, 200), N)
  assert.equal(durations(after, CREATE, 200) - durations(before, CREATE, 200), N)
  assert.equal(requests(after, CREATE, 400) - requests(before, CREATE, 400), 1)
  const inf = value(after, `${P}xrpc_request_duration_seconds_bucket`, { nsid: CREATE, status: '200', le: '+Inf' })
  assert.equal(inf, durations(after, CREATE, 200))
  assert.ok(value(after, `${P}xrpc_request_duration_seconds_sum`, { nsid: CREATE, status: '200' }) > 0)
})

test('labels stay bounded: made-up methods are `unknown`, other paths `other`', async () => {
  const before = await scrape(t)
  assert.equal((await xrpc(t.url, 'com.example.madeUp')).status, 501)
  assert.equal((await xrpc(t.url, 'com.example.another')).status, 501)
  assert.equal((await fetch(`${t.url}/no/such/page?token=secret`)).status, 404)
  const health = await fetch(`${t.url}/xrpc/_health`)
  assert.equal(health.status, 200)
  const after = await scrape(t)
  assert.equal(requests(after, 'unknown', 501) - requests(before, 'unknown', 501), 2)
  assert.equal(requests(after, 'other', 404) - requests(before, 'other', 404), 1)
  assert.equal(requests(after, '/xrpc/_health', 200) - requests(before, '/xrpc/_health', 200), 1)
  assert.ok(requests(after, '/metrics', 200) >= 1)
  const nsids = new Set(after.filter((s) => s.name === `${P}xrpc_requests_total`).map((s) => s.labels.nsid))
  assert.ok(!nsids.has('com.example.madeUp'))
})

test('requests answered by middleware count too: 413 and 429', async () => {
  const before = await scrape(t)
  const big = await xrpc(t.url, CREATE, { auth: user.accessJwt, body: post('x'.repeat(8000)) })
  assert.equal(big.status, 413)
  const statuses: number[] = []
  for (let i = 0; i < 4; i++) statuses.push((await fetch(`${t.url}/discover`)).status)
  assert.equal(statuses.at(-1), 429)
  const after = await scrape(t)
  assert.equal(requests(after, CREATE, 413) - requests(before, CREATE, 413), 1)
  assert.ok(requests(after, '/discover', 429) - requests(before, '/discover', 429) >= 1)
})

test('firehose connections follow subscribers as they come and go', async () => {
  const stream = (s: Sample[], name: string) => value(s, `${P}firehose_connections`, { stream: name })
  await scrapeUntil(t, 'no subscribers', (s) => stream(s, 'subscribeRepos') === 0)
  const clients = [new FirehoseClient(t.url), new FirehoseClient(t.url)]
  await Promise.all(clients.map((c) => c.opened()))
  const json = new WebSocket(`${t.url.replace(/^http/, 'ws')}/subscribe`)
  await new Promise((resolve, reject) => json.once('open', resolve).once('error', reject))
  await scrapeUntil(t, 'two firehose and one JSON subscriber', (s) => {
    return stream(s, 'subscribeRepos') === 2 && stream(s, 'jetstream') === 1
  })
  for (const c of clients) c.close()
  json.close()
  await scrapeUntil(t, 'subscribers gone', (s) => stream(s, 'subscribeRepos') === 0 && stream(s, 'jetstream') === 0)
})

test('sequencing: lag is observed per event, the head moves, the outbox drains, tenant pools are open', async () => {
  const N = 4
  const before = await scrape(t)
  const lagCount = (s: Sample[]) => value(s, `${P}sequencer_lag_seconds_count`)
  for (let i = 0; i < N; i++) {
    assert.equal((await xrpc(t.url, CREATE, { auth: user.accessJwt, body: post(`seq ${i}`) })).status, 200)
  }
  const after = await scrapeUntil(t, 'the writes to be sequenced', (s) => {
    return lagCount(s) >= lagCount(before) + N && value(s, `${P}outbox_depth`) === 0
  })
  assert.ok(value(after, `${P}firehose_head_seq`) >= value(before, `${P}firehose_head_seq`) + N)
  const inf = value(after, `${P}sequencer_lag_seconds_bucket`, { le: '+Inf' })
  assert.equal(inf, lagCount(after))
  assert.ok(value(after, `${P}tenant_pools_open`) >= 1)
})

test('metrics.public serves /metrics without the key; tenant pool waits are counted under a tight budget', async () => {
  // A budget of 2 tenant connections and pools of 2: one tenant pool open at a time.
  const open = await startTestServer({
    config: { metrics: { public: true }, database: { maxConnections: 6, tenantPoolSize: 2 } },
  })
  try {
    const a = await addDomain(open, 'pools-a.test')
    const b = await addDomain(open, 'pools-b.test')
    const owners = [a.owner.did, b.owner.did]
    const waits = (s: Sample[]) => value(s, `${P}db_pool_waits_total`, { pool: 'tenant' })
    // Reads of both tenants at once: one must wait for the other's pool to close.
    const load = async () => {
      const reads = Array.from({ length: 8 }, (_, i) =>
        xrpc(open.url, 'com.atproto.repo.describeRepo', { params: { repo: owners[i % 2] as string } }),
      )
      for (const r of await Promise.all(reads)) assert.equal(r.status, 200)
    }
    const samples = await scrapeUntil(open, 'a lease to wait for the budget', (s) => waits(s) > 0, {
      ms: 30_000,
      load,
      auth: null,
    })
    assert.equal(value(samples, `${P}db_pool_wait_seconds_count`, { pool: 'tenant' }), waits(samples))
    assert.ok(value(samples, `${P}tenant_pools_open`) <= 1)
  } finally {
    await open.close()
  }
})

test('metrics config: public defaults to false; anything but a boolean, or an unknown field, is refused', () => {
  assert.equal(validateConfig({}, 'db.json', '/tmp').metrics.public, false)
  assert.equal(validateConfig({ metrics: { public: true } }, 'db.json', '/tmp').metrics.public, true)
  assert.throws(
    () => validateConfig({ metrics: { public: 'yes', scrapeToken: 'x' } }, 'db.json', '/tmp'),
    (err: unknown) =>
      err instanceof ConfigError &&
      err.problems.some((p) => p.includes('"metrics.public" must be true or false')) &&
      err.problems.some((p) => p.includes('unknown field "metrics.scrapeToken"')),
  )
})
