// The limiter's counting, under the HTTP answers the agent tests check: on
// Postgres, two limiters (two replicas) spend one budget, concurrent requests
// never get more than the budget, and a window that ended starts again.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import { type RateLimitsConfig, validateConfig } from '../../src/config/config.js'
import { DatabaseCounters, MemoryCounters, RateLimits } from '../../src/ratelimit/rate-limits.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

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
  for (const counters of [new DatabaseCounters(t.ctx.storage.management), new MemoryCounters()]) {
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
