// 200 tenants on one Postgres: the process never holds more connections than
// database.maxConnections, measured from pg_stat_activity while domains are
// added and their accounts used.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import type { PostgresStorage } from '../../src/storage/postgres.js'
import { addDomain } from '../e2e/tenant-flow.js'
import { adminQuery } from '../helpers/postgres.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { xrpc } from '../helpers/xrpc.js'

const CAP = 12
const DOMAINS = 200

let t: TestServer
before(async () => {
  t = await startTestServer({
    config: {
      database: { url: undefined, maxConnections: CAP, tenantPoolSize: 2, idleTimeoutMs: 60_000 },
    },
  })
})
after(() => t?.close())

/** Connections to the management database or any tenant database of this server. */
async function openConnections(): Promise<number> {
  const rows = await adminQuery<{ n: number }>(
    `select count(*)::int as n from pg_stat_activity where datname = $1 or datname like $2`,
    [t.managementName, `${t.managementName}\\_%`],
  )
  return rows[0].n
}

test(`${DOMAINS} domains stay under the connection cap of ${CAP}`, async (s) => {
  if (t.backend !== 'postgres') return s.diagnostic('Postgres not reachable: connection caps are a Postgres matter')
  let peak = 0
  let sampling = true
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await openConnections())
      await new Promise((r) => setImmediate(r))
    }
  })()
  const names = Array.from({ length: DOMAINS }, (_, i) => `tenant-${i}.test`)
  const owners: { handle: string; password: string }[] = []
  // Four admins adding domains at once.
  for (let i = 0; i < names.length; i += 4) {
    const batch = await Promise.all(names.slice(i, i + 4).map((d) => addDomain(t, d)))
    owners.push(...batch.map((b) => b.owner))
  }
  // Then use every tenant again, a few at a time: pools are evicted and reopened.
  for (let i = 0; i < owners.length; i += 8) {
    const logins = await Promise.all(
      owners
        .slice(i, i + 8)
        .map((o) =>
          xrpc(t.url, 'com.atproto.server.createSession', { body: { identifier: o.handle, password: o.password } }),
        ),
    )
    for (const l of logins) assert.equal(l.status, 200, JSON.stringify(l.body))
  }
  sampling = false
  await sampler
  const pools = (t.ctx.storage as PostgresStorage).pools
  s.diagnostic(`peak connections ${peak}, open tenant pools at the end ${pools.openPools}`)
  assert.ok(peak <= CAP, `peak ${peak} connections exceeds the cap ${CAP}`)
  assert.ok(peak >= 3, 'the sampler saw the server working')
  assert.equal((await t.ctx.registry.listDomains()).length, DOMAINS)
})
