// Upgrading a deployment: the management database of the version before
// invite codes, with a domain in it, migrated to this version. The domain
// keeps taking sign-ups as it did (no invite codes), whatever the new
// default for domains added from now on.
import assert from 'node:assert/strict'
import { after, test } from 'node:test'
import { Kysely, PostgresDialect } from 'kysely'
import { Migrator } from 'kysely/migration'
import pg from 'pg'
import { managementMigrations } from '../../migrations/management/index.js'
import { adminQuery, dropDatabases, uniqueDbName, urlFor } from '../helpers/postgres.js'

const name = uniqueDbName()
// biome-ignore lint/suspicious/noExplicitAny: the schema as it was, before and after
let db: Kysely<any> | undefined

after(async () => {
  await db?.destroy()
  await dropDatabases(name)
})

test('domains that exist before invite codes keep sign-up without codes', async () => {
  await adminQuery(`CREATE DATABASE "${name}"`)
  db = new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: urlFor(name) }) }) })
  const migrator = new Migrator({ db, provider: { getMigrations: async () => managementMigrations } })
  const before = await migrator.migrateTo('006_mail')
  assert.equal(before.error, undefined)
  const now = new Date().toISOString()
  await db
    .insertInto('domain')
    .values({ name: 'old.test', db_name: 'primal_pds_old_test', status: 'active', created_at: now, updated_at: now })
    .execute()
  const latest = await migrator.migrateToLatest()
  assert.equal(latest.error, undefined)
  const row = await db.selectFrom('domain').select('invite_required').where('name', '=', 'old.test').executeTakeFirst()
  assert.equal(row?.invite_required, false)
})
