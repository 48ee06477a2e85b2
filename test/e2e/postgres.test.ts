// The end-to-end flow on real Postgres (the embedded database if Postgres is
// not reachable): one database per tenant, checked in pg_database too.
import assert from 'node:assert/strict'
import { after, before, test } from 'node:test'
import pg from 'pg'
import { databasesLike, urlFor } from '../helpers/postgres.js'
import { startTestServer, type TestServer } from '../helpers/server.js'
import { runTenantFlow, storeOf } from './tenant-flow.js'

let t: TestServer
before(async () => {
  t = await startTestServer()
})
after(() => t?.close())

test('two domains, accounts, sessions, isolation and removal through a standard client', async () => {
  await runTenantFlow(t, 'pg')
})

test('each tenant is its own Postgres database with its own tables', async (s) => {
  if (t.backend !== 'postgres') return s.diagnostic('Postgres not reachable: covered by the embedded flow instead')
  const store = await storeOf(t, 'alpha-pg.test')
  assert.equal(store, `${t.managementName}_alpha_pg_test`)
  // The removed beta tenant's database is gone; alpha's is there beside the management DB.
  assert.deepEqual(await databasesLike(t.managementName), [t.managementName, store])
  // Ask the tenant database itself, over a connection of its own.
  const client = new pg.Client({ connectionString: urlFor(store) })
  await client.connect()
  try {
    const tables = await client.query(
      `select table_name from information_schema.tables where table_schema = 'public' order by 1`,
    )
    const names = tables.rows.map((r) => r.table_name)
    assert.ok(names.includes('account') && names.includes('refresh_token'), names.join(','))
    const handles = await client.query('select handle from account order by handle')
    assert.deepEqual(
      handles.rows.map((r) => r.handle),
      ['admin.alpha-pg.test', 'alice.alpha-pg.test'],
    )
  } finally {
    await client.end()
  }
})
