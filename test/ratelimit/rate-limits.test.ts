// The limiter's counting, under the HTTP answers the agent tests check: on
// Postgres, two limiters (two replicas) spend one budget, concurrent requests
// never get more than the budget, a window that ended starts again, and only
// what succeeds is charged (a unit taken first, given back on refusal). And
// the service-wide per-IP budget over HTTP and WebSocket upgrades, on both
// counters; the per-account default; and that an off rule costs nothing.
import assert from 'node:assert/strict'
import { once } from 'node:events'
import type http from 'node:http'
import type { Duplex } from 'node:stream'
import { after, before, test } from 'node:test'
import type express from 'express'
import WebSocket from 'ws'
import { type RateLimitsConfig, validateConfig } from '../../src/config/config.js'
import { ipLimit, serviceLimit } from '../../src/http/rate-limit-middleware.js'
import { upgradeLimit } from '../../src/http/upgrade-limit.js'
import { type Counters, DatabaseCounters, MemoryCounters, RateLimits } from '../../src/ratelimit/rate-limits.js'
import type { LocatedAccount } from '../../src/storage/management/tenant-registry.js'
import type { Storage } from '../../src/storage/storage.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { loggedInAccount } from '../repo/helpers.js'

let t: TestServer
before(async () => {
  t = await startTestServer({ backend: 'postgres' })
})
after(() => t.close())

function limits(points: number, windowSeconds = 60): RateLimitsConfig {
  return validateConfig({ rateLimits: { agentRequestsPerIp: { points, windowSeconds } } }, 'test', '/tmp').rateLimits
}

async function outcomes(limiter: RateLimits, ip: string, n: number): Promise<string[]> {
  return Promise.all(
    Array.from({ length: n }, () =>
      limiter.consumeIp('agent', ip).then(
        () => 'ok',
        (err: { error?: string }) => String(err.error),
      ),
    ),
  )
}

test('on Postgres, two replicas share one budget, and concurrent requests never exceed it', async () => {
  assert.equal(t.ctx.storage.kind, 'postgres')
  const replicaA = new RateLimits(limits(5), t.ctx.storage)
  const replicaB = new RateLimits(limits(5), t.ctx.storage)
  const results = [...(await outcomes(replicaA, '198.51.100.7', 6)), ...(await outcomes(replicaB, '198.51.100.7', 6))]
  assert.equal(results.filter((r) => r === 'ok').length, 5)
  assert.equal(results.filter((r) => r === 'RateLimitExceeded').length, 7)
  // Another client has its own budget.
  assert.deepEqual(await outcomes(replicaB, '198.51.100.8', 1), ['ok'])
})

test('a window that ended starts again, in the database and in memory', async () => {
  for (const counters of [new DatabaseCounters(t.ctx.storage.managementTransactor.rateLimits), new MemoryCounters()]) {
    const rule = { points: 2, windowSeconds: 1 }
    const key = `window-test:${counters.constructor.name}`
    const t0 = 1_000_000
    assert.deepEqual(await counters.take(key, rule, t0), { used: 1, resetAt: t0 + 1000 })
    await counters.take(key, rule, t0 + 1)
    assert.equal((await counters.take(key, rule, t0 + 2)).used, 3, 'refused: the budget plus one')
    assert.equal((await counters.take(key, rule, t0 + 3)).used, 3, 'refused requests are not counted further')
    assert.deepEqual(await counters.take(key, rule, t0 + 1000), { used: 1, resetAt: t0 + 2000 }, 'a new window')
  }
})

test('a unit given back returns to the window it was taken from, in the database and in memory', async () => {
  for (const counters of [new DatabaseCounters(t.ctx.storage.managementTransactor.rateLimits), new MemoryCounters()]) {
    const rule = { points: 2, windowSeconds: 1 }
    const key = `refund-test:${counters.constructor.name}`
    const t0 = 2_000_000
    const { resetAt } = await counters.take(key, rule, t0)
    assert.deepEqual(await counters.refund(key, rule, resetAt), { used: 0, resetAt })
    assert.deepEqual(await counters.refund(key, rule, resetAt), { used: 0, resetAt }, 'never below nothing')
    await counters.take(key, rule, t0 + 1)
    await counters.take(key, rule, t0 + 2)
    assert.equal((await counters.take(key, rule, t0 + 3)).used, 3, 'spent, and a request refused')
    // The refused request took nothing: of the two units taken, one is given back.
    assert.equal((await counters.refund(key, rule, resetAt))?.used, 1)
    await counters.take(key, rule, t0 + 1000)
    assert.equal(await counters.refund(key, rule, resetAt), undefined, 'that window has ended')
    assert.equal((await counters.take(key, rule, t0 + 1001)).used, 2, 'the new window was not refunded')
  }
})

test('only what succeeds is charged, and a burst still cannot spend more than the budget', async () => {
  const memory = new RateLimits(limits(3), t.ctx.storage, new MemoryCounters())
  for (const limiter of [new RateLimits(limits(3), t.ctx.storage), memory]) {
    const ip = `198.51.100.${limiter === memory ? 21 : 20}`
    const charge = (fn: () => Promise<string>) =>
      limiter.chargeIp('agent', ip, undefined, fn).then(
        (ok) => ok,
        (err: { error?: string; message?: string }) => err.error ?? String(err.message),
      )
    // Refused attempts, however many, give their unit back.
    for (let i = 0; i < 5; i++) {
      assert.equal(
        await charge(async () => {
          throw new Error('refused')
        }),
        'refused',
      )
    }
    // Six at once, none finished before the others are counted: three run.
    let open = () => {}
    const gate = new Promise<void>((resolve) => {
      open = resolve
    })
    let ran = 0
    const burst = Array.from({ length: 6 }, () =>
      charge(async () => {
        ran++
        await gate
        return 'ok'
      }),
    )
    // The three admitted are under way before the gate opens.
    const deadline = Date.now() + 10_000
    while (ran < 3 && Date.now() < deadline) await new Promise((r) => setImmediate(r))
    open()
    const results = await Promise.all(burst)
    assert.equal(results.filter((r) => r === 'ok').length, 3)
    assert.equal(results.filter((r) => r === 'RateLimitExceeded').length, 3)
    assert.equal(ran, 3)
  }
})

/** A request from client `ip`, as the trusted loopback proxy forwards it. */
function from(ip: string, base: string, path: string): Promise<Response> {
  return fetch(new URL(path, base), { headers: { 'x-forwarded-for': ip } })
}

type Refusal = { statusCode?: number; headers: http.IncomingHttpHeaders; body: string }

/** A WebSocket upgrade from client `ip`: 'open', or the HTTP answer that refused it. */
async function upgradeFrom(ip: string, base: string, path: string): Promise<'open' | Refusal> {
  const ws = new WebSocket(new URL(path, base.replace(/^http/, 'ws')), { headers: { 'x-forwarded-for': ip } })
  const outcome = await new Promise<'open' | http.IncomingMessage>((resolve, reject) => {
    ws.once('open', () => resolve('open'))
    ws.once('unexpected-response', (_req, res: http.IncomingMessage) => resolve(res))
    ws.once('error', reject)
  })
  if (outcome === 'open') {
    ws.close()
    await once(ws, 'close')
    return 'open'
  }
  // Read to its end: the server closed its side after answering, and the client's socket closes too.
  return { statusCode: outcome.statusCode, headers: outcome.headers, body: await text(outcome) }
}

const headersOf = (res: { headers: Headers } | Refusal) => {
  const get = (name: string) => (res.headers instanceof Headers ? res.headers.get(name) : res.headers[name])
  return [get('ratelimit-limit'), get('ratelimit-remaining'), get('ratelimit-policy')]
}

for (const backend of ['postgres', 'embedded'] as const) {
  test(`one per-IP budget for every request and WebSocket upgrade; health checks and /metrics are not counted (${backend})`, {
    timeout: 60_000,
  }, async () => {
    const s = await startTestServer({
      backend,
      config: {
        rateLimits: {
          requestsPerIp: { points: 4, windowSeconds: 3600 },
          agentRequestsPerIp: { points: 2, windowSeconds: 3600 },
        },
      },
    })
    try {
      const ip = '203.0.113.50'
      for (let i = 0; i < 3; i++) assert.equal((await from(ip, s.url, '/xrpc/_health')).status, 200)
      assert.equal((await from(ip, s.url, '/metrics')).status, 401, 'the admin key is asked for, not a budget')
      const first = await from(ip, s.url, '/xrpc/com.atproto.server.describeServer')
      assert.equal(first.status, 200)
      assert.deepEqual(headersOf(first), ['4', '3', '4;w=3600'])
      assert.equal((await from(ip, s.url, '/xrpc/com.atproto.server.describeServer')).status, 200)
      assert.equal(await upgradeFrom(ip, s.url, '/xrpc/com.atproto.sync.subscribeRepos'), 'open')
      assert.equal(await upgradeFrom(ip, s.url, '/subscribe'), 'open')

      const refused = await from(ip, s.url, '/xrpc/com.atproto.server.describeServer')
      assert.equal(refused.status, 429)
      assert.equal(((await refused.json()) as { error: string }).error, 'RateLimitExceeded')
      assert.deepEqual(headersOf(refused), ['4', '0', '4;w=3600'])
      assert.ok(Number(refused.headers.get('ratelimit-reset')) > Date.now() / 1000)
      const upgrade = await upgradeFrom(ip, s.url, '/xrpc/com.atproto.sync.subscribeRepos')
      assert.notEqual(upgrade, 'open')
      const answer = upgrade as Refusal
      assert.equal(answer.statusCode, 429)
      assert.deepEqual(headersOf(answer), ['4', '0', '4;w=3600'])
      assert.equal((JSON.parse(answer.body) as { error: string }).error, 'RateLimitExceeded')
      assert.equal((await from(ip, s.url, '/xrpc/_health')).status, 200)
      assert.equal((await from('203.0.113.51', s.url, '/subscribe?wantedDids=bad')).status, 400, 'another IP')

      // getRecord and listRecords spend it as any request does, whether they find a repo or not.
      const readIp = '203.0.113.53'
      const repo = 'repo=did:plc:aaaaaaaaaaaaaaaaaaaaaaaa&collection=app.bsky.feed.post'
      const getRecord = () => from(readIp, s.url, `/xrpc/com.atproto.repo.getRecord?${repo}&rkey=3kaaaaaaaaa2a`)
      const listRecords = () => from(readIp, s.url, `/xrpc/com.atproto.repo.listRecords?${repo}`)
      for (const [i, read] of [getRecord, listRecords, getRecord, listRecords].entries()) {
        const res = await read()
        assert.equal(res.status, 400)
        assert.deepEqual(headersOf(res), ['4', String(3 - i), '4;w=3600'])
      }
      for (const read of [getRecord, listRecords]) {
        const over = await read()
        assert.equal(over.status, 429)
        assert.equal(((await over.json()) as { error: string }).error, 'RateLimitExceeded')
      }

      // Two budgets on one request: the client sees the one nearer its end, then the one that refused.
      const agentIp = '203.0.113.52'
      const search = () => from(agentIp, s.url, '/xrpc/is.gather.feed.searchPosts?q=x')
      assert.deepEqual(headersOf(await search()), ['2', '1', '2;w=3600'])
      assert.deepEqual(headersOf(await search()), ['2', '0', '2;w=3600'])
      const agentRefused = await search()
      assert.equal(agentRefused.status, 429)
      assert.deepEqual(headersOf(agentRefused), ['2', '0', '2;w=3600'])
      const last = await from(agentIp, s.url, '/xrpc/com.atproto.server.describeServer')
      assert.deepEqual(headersOf(last), ['4', '0', '4;w=3600'])
      assert.equal((await from(agentIp, s.url, '/xrpc/com.atproto.server.describeServer')).status, 429)
    } finally {
      await s.close()
    }
  })
}

test("by default every account's writes are limited, to 1500 an hour", async () => {
  assert.deepEqual(validateConfig({}, 'test', '/tmp').rateLimits.accountWrites, { points: 1500, windowSeconds: 3600 })
  await addDomain(t, 'writes.test')
  const writer = await loggedInAccount(t, 'writer.writes.test')
  const res = await fetch(`${t.url}/xrpc/com.atproto.repo.createRecord`, {
    method: 'POST',
    headers: { authorization: `Bearer ${writer.agent.session?.accessJwt}`, 'content-type': 'application/json' },
    body: JSON.stringify({ repo: writer.did, collection: 'com.example.note', record: { n: 1 } }),
  })
  assert.equal(res.status, 200)
  assert.deepEqual(headersOf(res), ['1500', '1499', '1500;w=3600'])
})

test('a rule of 0 points costs nothing: no counter, no database, not even a tier lookup', async () => {
  const off = { points: 0, windowSeconds: 60 }
  const config = validateConfig({}, 'test', '/tmp').rateLimits
  for (const key of Object.keys(config) as (keyof RateLimitsConfig)[]) config[key] = off
  const untouchable = new Proxy({} as Storage, {
    get: () => assert.fail('storage was used'),
  })
  const counters: Counters = {
    take: () => assert.fail('a counter was taken'),
    refund: () => assert.fail('a counter was refunded'),
  }
  const limiter = new RateLimits(config, untouchable, counters)
  for (const bucket of ['service', 'agent', 'registration'] as const) {
    assert.equal(limiter.ipLimited(bucket), false)
    assert.equal(await limiter.consumeIp(bucket, '192.0.2.1'), undefined)
  }
  const account = { did: 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa', db_name: 'x' } as LocatedAccount
  assert.equal(await limiter.chargeWrite(account, undefined, async () => 'written'), 'written')
  await assert.rejects(
    limiter.chargeIp('registration', '192.0.2.1', undefined, async () => assert.fail('refused')),
    /refused/,
  )
  await limiter.consumeLogin('password', 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa')
  // The middleware steps aside at once: next() is called before the handler returns.
  let passed = 0
  for (const handler of [serviceLimit(limiter, t.ctx.logger), ipLimit(limiter, 'agent')]) {
    handler({} as express.Request, {} as express.Response, () => passed++)
  }
  upgradeLimit(limiter, t.ctx.logger)('192.0.2.1', {} as Duplex, () => passed++)
  assert.equal(passed, 3)
})

function text(res: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = ''
    res.setEncoding('utf8')
    res.on('data', (d) => {
      body += d
    })
    res.on('end', () => resolve(body))
    res.on('error', reject)
  })
}
