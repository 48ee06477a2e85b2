// /xrpc/_health: the version and whether the management database answers.
// Its database is made unreachable for real (Postgres refuses connections to
// it and drops those it had), then reachable again.
import assert from 'node:assert/strict'
import { test } from 'node:test'
import { serviceVersion } from '../../src/lib/package-root.js'
import { adminQuery } from '../helpers/postgres.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { parseExposition } from './helpers.js'

type Health = { status: number; body: Record<string, unknown> }

async function health(t: TestServer): Promise<Health> {
  const res = await fetch(`${t.url}/xrpc/_health`)
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

/** Asks until the answer has `status`, or fails after `ms`. */
async function healthUntil(t: TestServer, status: number, ms = 15_000): Promise<Health> {
  const deadline = Date.now() + ms
  for (;;) {
    const h = await health(t)
    if (h.status === status) return h
    if (Date.now() > deadline) assert.fail(`health still ${h.status} ${JSON.stringify(h.body)}, wanted ${status}`)
    // A poll interval: the condition is checked again.
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

/** Refuses new connections to the database and ends the ones it has (as a failover or a dropped network would). */
async function cutOff(name: string): Promise<void> {
  await adminQuery(`alter database "${name}" with allow_connections false`)
  await adminQuery('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name])
}

test('health says ok with the version, and 503 DatabaseUnreachable while the database is gone', async () => {
  const t = await startTestServer({ backend: 'postgres' })
  try {
    const ok = await health(t)
    assert.equal(ok.status, 200)
    assert.deepEqual(ok.body, { version: serviceVersion(), db: 'ok' })

    await cutOff(t.managementName)
    const started = Date.now()
    const down = await healthUntil(t, 503)
    // Answered within the probe's 2 s bound (plus slack for a loaded machine), not hung.
    assert.ok(Date.now() - started < 10_000)
    assert.equal(down.body.version, serviceVersion())
    assert.equal(down.body.error, 'DatabaseUnreachable')
    assert.equal(typeof down.body.message, 'string')
    // The driver's words (host, port, database name) stay in the log.
    assert.doesNotMatch(down.body.message as string, /127\.0\.0\.1|5432|ppt_/)

    await adminQuery(`alter database "${t.managementName}" with allow_connections true`)
    const back = await healthUntil(t, 200)
    assert.deepEqual(back.body, { version: serviceVersion(), db: 'ok' })
  } finally {
    await adminQuery(`alter database "${t.managementName}" with allow_connections true`).catch(() => {})
    await t.close()
  }
})

test('on the embedded database: health says ok, and /metrics has no connection pool series', async () => {
  const t = await startTestServer({ backend: 'embedded', config: { metrics: { public: true } } })
  try {
    const ok = await health(t)
    assert.equal(ok.status, 200)
    assert.deepEqual(ok.body, { version: serviceVersion(), db: 'ok' })
    const res = await fetch(`${t.url}/metrics`)
    assert.equal(res.status, 200)
    const names = new Set(parseExposition(await res.text()).map((s) => s.name))
    assert.ok(names.has('primal_pds_xrpc_requests_total'))
    assert.ok(names.has('primal_pds_outbox_depth'))
    assert.ok(!names.has('primal_pds_tenant_pools_open'))
    assert.ok(!names.has('primal_pds_db_pool_waiting'))
  } finally {
    await t.close()
  }
})
